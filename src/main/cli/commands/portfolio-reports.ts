import { Argument, Command } from '@commander-js/extra-typings'
import { plainAmountProblem } from '../../../shared/amount'
import type { GainsReport, IncomeReport } from '../../../shared/contract/reports'
import { costMethodLabels, costMethods, priceSourceLabels, termLabels } from '../../../shared/domain'
import { excerpt } from '../../../shared/text'
import type { Runner } from '../context'
import { choiceOption, integerOption, parsedOption, vocabularyHelp } from '../options'
import { UsageError } from '../usage-error'

function yearOption() {
  return integerOption('--year <Y>', 'tax year (default: every year); dates and years in the tax time zone', 2009, 2100)
}

function methodOption() {
  return choiceOption('--method <M>', costMethods, (list) => `cost-basis method: ${list} (default: the setting)`)
}

/** A USD amount as exact decimal text, or "none" to clear it. */
function usdValue(text: string, name: string): string | null {
  if (text === 'none') return null
  const plain = text.replace(/^\$/, '')
  // The same bounds as every other way in (src/shared/amount.ts); only the wording is the command line's.
  const problem = plain.startsWith('-') ? 'must not be negative' : plainAmountProblem(plain)
  if (problem)
    throw new UsageError(
      `${name} must be a USD amount such as 1250.40 (no separators), or "none": "${excerpt(text)}" ${problem}`
    )
  return plain
}

const money = (text: string | null) => (text === null ? 'unknown' : `$${text}`)

function describeGains(r: GainsReport): string {
  const span = r.year === null ? 'all years' : `tax year ${r.year}`
  const lines = [
    `Realized gains, ${span} (${costMethodLabels[r.method]}, dates in ${r.timeZone})`,
    '',
    ...r.rows.map(
      (row) =>
        `${row.sold}  ${`${row.quantity} ${row.symbol}`.padEnd(28)} acquired ${row.acquired ?? 'unknown   '}  ` +
        `proceeds ${money(row.proceeds).padStart(14)}  basis ${money(row.costBasis).padStart(14)}  ` +
        `gain ${money(row.gain).padStart(14)}  ${row.term === null ? '' : termLabels[row.term]}`
    ),
    ''
  ]
  for (const term of ['short', 'long', 'all'] as const) {
    const t = r.totals[term]
    const label = term === 'all' ? 'Total' : termLabels[term]
    lines.push(`${label.padEnd(11)} proceeds $${t.proceeds}  basis $${t.costBasis}  gain $${t.gain}  (${t.rows} rows)`)
  }
  if (r.unknownRows > 0)
    lines.push(
      `${r.unknownRows} row(s) have an unknown amount and are not in the totals: enter the missing values (portfolio transactions --missing-value, then portfolio set-value).`
    )
  lines.push('', r.disclaimer, '')
  return lines.join('\n')
}

function describeIncome(r: IncomeReport): string {
  const span = r.year === null ? 'all years' : `tax year ${r.year}`
  const lines = [
    `Income, ${span} (value on receipt, dates in ${r.timeZone})`,
    '',
    ...r.rows.map(
      (row) =>
        `${row.date}  ${`${row.quantity} ${row.symbol}`.padEnd(28)} ${money(row.value).padStart(14)}  (${priceSourceLabels[row.source]})`
    ),
    '',
    `Total $${r.totals.value} (${r.totals.rows} rows)`,
    ...r.totals.byAsset.map((a) => `  ${a.symbol.padEnd(8)} ${a.quantity} worth $${a.value}`)
  ]
  if (r.unknownRows > 0) lines.push(`${r.unknownRows} income(s) have an unknown value and are not in the total.`)
  lines.push('', r.disclaimer, '')
  return lines.join('\n')
}

export function gainsCommand(run: Runner) {
  return new Command('gains')
    .description('realized gains per tax year: one row per lot consumed, totals by term (not tax advice)')
    .addOption(yearOption())
    .addOption(methodOption())
    .addOption(
      choiceOption(
        '--csv <LAYOUT>',
        ['8949', 'full'] as const,
        (list) => `print CSV instead: ${list} (the columns of IRS Form 8949, or every field)`
      )
    )
    .addHelpText('after', vocabularyHelp('Cost-basis methods', costMethodLabels, costMethods))
    .action(
      run(async (context, options) => {
        if (options.csv !== undefined) {
          const report = options.csv === '8949' ? 'gains-8949' : 'gains-full'
          const file = await context.call('portfolio:export-report', {
            report,
            year: options.year,
            method: options.method
          })
          if (context.json) context.printJson(file)
          else context.io.stdout.write(file.text)
          return 0
        }
        const result = await context.call('portfolio:get-gains', { year: options.year, method: options.method })
        if (context.json) context.printJson(result)
        else context.io.stdout.write(describeGains(result))
        return 0
      })
    )
}

export function incomeCommand(run: Runner) {
  return new Command('income')
    .description('income per tax year at its value on receipt (not tax advice)')
    .addOption(yearOption())
    .addOption(new Command().createOption('--csv', 'print the income report as CSV'))
    .action(
      run(async (context, options) => {
        if (options.csv) {
          const file = await context.call('portfolio:export-report', { report: 'income', year: options.year })
          if (context.json) context.printJson(file)
          else context.io.stdout.write(file.text)
          return 0
        }
        const result = await context.call('portfolio:get-income', { year: options.year })
        if (context.json) context.printJson(result)
        else context.io.stdout.write(describeIncome(result))
        return 0
      })
    )
}

export function setValueCommand(run: Runner) {
  return new Command('set-value')
    .description('enter a transaction\'s USD value ("none" goes back to the one worked out)')
    .addArgument(new Argument('<TX_ID>', 'the transaction (its id in portfolio transactions)'))
    .addArgument(new Argument('<USD>', 'its USD value, e.g. 1250.40, or none'))
    .addOption(parsedOption('--fee <USD>', "the fee's USD value, or none", (text, flag) => usdValue(text, flag)))
    .action(
      run(async (context, idText, usdText, options) => {
        const id = Number(idText)
        if (!Number.isInteger(id) || id < 1) throw new UsageError(`TX_ID must be a transaction id, not "${idText}"`)
        const valueUsd = usdValue(usdText, 'USD')
        const { transaction: t } = await context.call('portfolio:set-value', {
          id,
          valueUsd,
          ...(options.fee !== undefined ? { feeValueUsd: options.fee } : {})
        })
        if (context.json) context.printJson(t)
        else
          context.io.stdout.write(
            `${t.date}  ${t.kind} ${t.quantity} ${t.symbol}: ${money(t.priced.value)} (${priceSourceLabels[t.priced.source]})\n`
          )
        return 0
      })
    )
}
