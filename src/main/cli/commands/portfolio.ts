import { Command } from '@commander-js/extra-typings'
import type { ChannelOutput } from '../../../shared/contract'
import { costMethodLabels, costMethods, importFormatLabels, importFormats } from '../../../shared/domain'
import type { Runner } from '../context'
import { choiceOption, vocabularyHelp } from '../options'
import { portfolioImportCommand } from './portfolio-import'

/** The channel pages at most this many transactions per call. */
const PAGE = 5000

const usd = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-US', { style: 'currency', currency: 'USD' }))

function methodOption() {
  return choiceOption('--method <M>', costMethods, (list) => `cost-basis method: ${list} (default: the setting)`)
}

export function portfolioCommand(run: Runner) {
  return new Command('portfolio')
    .description('import exchange CSV exports; list holdings, transactions and open lots')
    .addHelpText(
      'after',
      vocabularyHelp('Import formats (import --format)', importFormatLabels, importFormats) +
        vocabularyHelp('Cost-basis methods (holdings, lots --method)', costMethodLabels, costMethods)
    )
    .addCommand(portfolioImportCommand(run))
    .addCommand(holdingsCommand(run))
    .addCommand(transactionsCommand(run))
    .addCommand(lotsCommand(run))
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
          unrealizedPnl: h.unrealizedPnl
        }))
        if (context.json) context.printJson(rows)
        else {
          const lines = rows.map(
            (h) =>
              `${h.symbol.padEnd(8)} ${h.quantity.padStart(22)}  ${usd(h.value).padStart(16)}  as of ${h.asOf ?? 'no price'}  basis ${usd(h.costBasis)}`
          )
          context.io.stdout.write(
            `${lines.join('\n') || 'No holdings.'}\nTotal ${usd(result.totals.value)} as of ${result.asOf ?? 'no market data'}\n`
          )
        }
        for (const w of result.warnings) context.say(`warning: ${w.message}`)
        return 0
      })
    )
}

function transactionsCommand(run: Runner) {
  return new Command('transactions').description('your transactions, newest first').action(
    run(async (context) => {
      const all: ChannelOutput<'portfolio:list-transactions'>['transactions'] = []
      for (let offset = 0; ; offset += PAGE) {
        const page = await context.call('portfolio:list-transactions', { limit: PAGE, offset })
        all.push(...page.transactions)
        if (all.length >= page.total || page.transactions.length === 0) break
      }
      if (context.json) context.printJson(all)
      else {
        const lines = all.map((t) => `${t.date}  ${t.kind.padEnd(12)} ${t.quantity} ${t.symbol}`)
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
