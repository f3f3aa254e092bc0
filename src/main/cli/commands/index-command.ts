import { Command } from '@commander-js/extra-typings'
import { regimeLabels } from '../../../shared/domain'
import type { Runner } from '../context'
import { compactUsd, plural, returnPercent } from '../../../shared/format'
import { dateOption } from '../options'
import {
  displayValue,
  noPegDetectOption,
  pegDetectOption,
  topOption,
  variantInput,
  windowOption
} from './variant-options'

export function indexCommand(run: Runner) {
  return new Command('index')
    .description('the Altcoin Season Index on one date, with each ranked coin and every exclusion')
    .addOption(dateOption('--date <D>', 'the date, YYYY-MM-DD (default: the latest computable)'))
    .addOption(topOption())
    .addOption(windowOption())
    .addOption(pegDetectOption())
    .addOption(noPegDetectOption())
    .action(
      run(async (context, options) => {
        const result = await context.call('season:get-index', { ...variantInput(options), date: options.date })
        if (context.json) {
          context.printJson(result)
          return 0
        }
        const lines = [
          `Altcoin Season Index as of ${result.date} (top ${result.top}, ${result.window}-day window): ${displayValue(result.value)} — ${regimeLabels[result.regime]}`,
          `${result.outperformers} of ${result.measured} measured coins beat bitcoin (bitcoin ${returnPercent(result.btcRatio)} over ${result.window} days); ` +
            `${plural(result.unmeasured, 'ranked coin')} too young to measure.`,
          '',
          ' rank  coin          market cap     return  beat BTC',
          ...result.coins.map(
            (c) =>
              `${String(c.rank).padStart(5)}  ${c.symbol.toUpperCase().padEnd(12)}  ${compactUsd(c.marketCap).padStart(10)}  ${returnPercent(c.ratio).padStart(9)}  ${c.outperforms === null ? 'unmeasured' : c.outperforms ? 'yes' : 'no'}`
          ),
          '',
          `Excluded on ${result.date}: ${result.excluded.length === 0 ? 'none' : result.excluded.map((e) => `${e.id} (${e.reason})`).join(', ')}`,
          ...(result.provisional ? ['', result.provisionalReason ?? 'Provisional.'] : [])
        ]
        context.io.stdout.write(`${lines.join('\n')}\n`)
        return 0
      })
    )
}
