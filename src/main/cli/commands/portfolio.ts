import { Command } from '@commander-js/extra-typings'
import type { ChannelOutput } from '../../../shared/contract'
import { costMethodLabels, costMethods, importFormatLabels, importFormats } from '../../../shared/domain'
import type { Runner } from '../context'
import { usd } from '../../../shared/format'
import { choiceOption, vocabularyHelp } from '../options'
import { portfolioImportCommand } from './portfolio-import'
import { gainsCommand, incomeCommand, setValueCommand } from './portfolio-reports'

/** The channel pages at most this many transactions per call. */
const PAGE = 5000

function methodOption() {
  return choiceOption('--method <M>', costMethods, (list) => `cost-basis method: ${list} (default: the setting)`)
}

export function portfolioCommand(run: Runner) {
  return new Command('portfolio')
    .description('import exchange CSV exports; holdings, transactions, lots, gains and income reports')
    .addHelpText(
      'after',
      vocabularyHelp('Import formats (import --format)', importFormatLabels, importFormats) +
        vocabularyHelp('Cost-basis methods (holdings, lots --method)', costMethodLabels, costMethods)
    )
    .addCommand(portfolioImportCommand(run))
    .addCommand(holdingsCommand(run))
    .addCommand(transactionsCommand(run))
    .addCommand(lotsCommand(run))
    .addCommand(gainsCommand(run))
    .addCommand(incomeCommand(run))
    .addCommand(setValueCommand(run))
}

function holdingsCommand(run: Runner) {
  return new Command('holdings')
    .description('what you hold, valued at the stored prices with their as-of dates')
    .addOption(methodOption())
    .addHelpText('after', vocabularyHelp('Cost-basis methods', costMethodLabels, costMethods))
    .action(
      run(async (context, options) => {
        const result = await context.call('portfolio:get-holdings', { method: options.method })
        // DESIGN.md section 5: the documented row shape, not everything the channel answers.
        const rows = result.holdings.map((h) => ({
          coinId: h.coinId,
          symbol: h.symbol,
          quantity: h.quantity,
          price: h.price,
          value: h.value,
          asOf: h.asOf,
          costBasis: h.costBasis,
          unrealizedPnl: h.unrealizedPnl,
          realized: h.realizedPnl,
          income: h.income,
          priceSource: h.priceSource
        }))
        if (context.json) context.printJson(rows)
        else {
          const lines = rows.map(
            (h) =>
              `${h.symbol.padEnd(8)} ${h.quantity.padStart(22)}  ${usd(h.value).padStart(16)}  as of ${h.asOf ?? 'no price'}  basis ${usd(h.costBasis)}`
          )
          context.io.stdout.write(
            `${lines.join('\n') || 'No holdings.'}\nTotal ${usd(result.totals.value)} as of ${result.asOf ?? 'no market data'}\n${leftOutLines(result).join('\n')}`
          )
        }
        for (const w of result.warnings) context.say(`warning: ${w.message}`)
        return 0
      })
    )
}

/** What the totals leave out, and why, in words (docs/cost-basis.md, V3). */
function leftOutLines(result: ChannelOutput<'portfolio:get-holdings'>): string[] {
  const lines: string[] = []
  const gaps = result.valueGaps
  if (gaps.transactions > 0) {
    lines.push(
      `${gaps.transactions} transaction(s) without a USD value: gains and totals leave them out (list them with "portfolio transactions --missing-value", fix with "portfolio set-value").`
    )
    if (gaps.beyondTier > 0 && gaps.tierFrom !== null)
      lines.push(
        `  ${gaps.beyondTier} are older than ${gaps.tierFrom}, where the ${gaps.tier} tier's price history starts; a CoinGecko Pro key reaches back to 2013.`
      )
    if (gaps.unmatched > 0) lines.push(`  ${gaps.unmatched} name a symbol not yet matched to a coin.`)
  }
  const out = result.leftOut
  if (out.unpriced > 0) lines.push(`${out.unpriced} holding(s) have no price and are not in the total value.`)
  if (out.unknownBasis > 0) lines.push(`${out.unknownBasis} holding(s) have an unknown cost basis.`)
  if (out.unknownGains > 0)
    lines.push(`${out.unknownGains} disposal(s) have an unknown gain, left out of realized gains.`)
  if (out.unknownIncome > 0) lines.push(`${out.unknownIncome} income(s) have an unknown value, left out of income.`)
  return lines.map((line) => `${line}\n`)
}

function transactionsCommand(run: Runner) {
  return new Command('transactions')
    .description('your transactions, newest first, each with its USD value and where it came from')
    .option('--missing-value', 'only the transactions whose USD value is needed and unknown')
    .action(
      run(async (context, options) => {
        const all: ChannelOutput<'portfolio:list-transactions'>['transactions'] = []
        for (let offset = 0; ; offset += PAGE) {
          const page = await context.call('portfolio:list-transactions', {
            limit: PAGE,
            offset,
            missingValue: options.missingValue === true
          })
          all.push(...page.transactions)
          if (all.length >= page.total || page.transactions.length === 0) break
        }
        if (context.json) context.printJson(all)
        else {
          const lines = all.map(
            (t) =>
              `#${String(t.id).padEnd(6)} ${t.date}  ${t.kind.padEnd(12)} ${t.quantity} ${t.symbol}  ` +
              (t.priced.missing
                ? 'NO USD VALUE'
                : t.priced.value === null
                  ? ''
                  : `$${t.priced.value} (${t.priced.source})`)
          )
          context.io.stdout.write(`${lines.join('\n') || 'No transactions.'}\n`)
        }
        return 0
      })
    )
}

function lotsCommand(run: Runner) {
  return new Command('lots')
    .description('your open lots under a cost-basis method')
    .addOption(methodOption())
    .addHelpText('after', vocabularyHelp('Cost-basis methods', costMethodLabels, costMethods))
    .action(
      run(async (context, options) => {
        const { lots } = await context.call('portfolio:get-lots', { method: options.method })
        const rows = lots.map((l) => ({
          coinId: l.coinId,
          acquiredAt: l.acquiredAt,
          quantity: l.quantity,
          costPerUnit: l.costPerUnit
        }))
        if (context.json) context.printJson(rows)
        else
          context.io.stdout.write(
            `${lots.map((l) => `${l.symbol.padEnd(8)} ${l.acquiredAt.slice(0, 10)}  ${l.quantity.padStart(22)} at ${usd(l.costPerUnit)}`).join('\n') || 'No open lots.'}\n`
          )
        return 0
      })
    )
}
