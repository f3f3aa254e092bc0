import { Command } from '@commander-js/extra-typings'
import type { CoinDay } from '../../../shared/contract/coins'
import { significantNumber } from '../../../shared/format'
import type { Runner } from '../context'
import { dateOption } from '../options'
import { UsageError } from '../usage-error'
import { noPegDetectOption, pegDetectOption, topOption, variantInput, windowOption } from './variant-options'

const statusWords: Record<CoinDay['status'], string> = {
  outperformer: 'beat BTC',
  measured: 'lagged BTC',
  ranked: 'ranked, too young',
  excluded: 'excluded',
  outside: 'not ranked'
}

function num(value: number | null, digits: number): string {
  return significantNumber(value, digits)
}

export function coinCommand(run: Runner) {
  return new Command('coin')
    .description("one coin's stored prices (USD and BTC), caps, volumes and its place in the index each day")
    .argument('<id>', 'the coin id, e.g. ethereum')
    .addOption(dateOption('--from <D>', 'first date, YYYY-MM-DD (default: its first stored day)'))
    .addOption(dateOption('--to <D>', 'last date, YYYY-MM-DD (default: its last stored day)'))
    .addOption(topOption())
    .addOption(windowOption())
    .addOption(pegDetectOption())
    .addOption(noPegDetectOption())
    .action(
      run(async (context, id, options) => {
        const { from, to } = options
        if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`)
        const page = await context.call('coins:get-page', { ...variantInput(options), coinId: id, from, to })
        if (context.json) {
          context.printJson(page)
          return 0
        }
        context.say(
          `${page.coin.name} (${page.coin.symbol.toUpperCase()}), as of ${page.asOf ?? 'no stored price'}; index top ${page.top}, ${page.window}-day window`
        )
        const lines = page.days.map(
          (d) =>
            `${d.date}  ${num(d.price, 6).padStart(12)} USD  ${num(d.priceBtc, 4).padStart(12)} BTC  ${String(d.rank ?? '—').padStart(3)}  ${d.reason ? `excluded (${d.reason})` : statusWords[d.status]}`
        )
        context.io.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : '')
        return 0
      })
    )
}
