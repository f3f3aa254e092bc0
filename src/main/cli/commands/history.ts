import { Command } from '@commander-js/extra-typings'
import type { Runner } from '../context'
import { dateOption } from '../options'
import { UsageError } from '../usage-error'
import {
  displayValue,
  noPegDetectOption,
  pegDetectOption,
  topOption,
  variantInput,
  windowOption
} from './variant-options'

export function historyCommand(run: Runner) {
  return new Command('history')
    .description('the daily Altcoin Season Index series of one variant')
    .addOption(dateOption('--from <D>', 'first date, YYYY-MM-DD (default: the first computable)'))
    .addOption(dateOption('--to <D>', 'last date, YYYY-MM-DD (default: the latest computable)'))
    .addOption(topOption())
    .addOption(windowOption())
    .addOption(pegDetectOption())
    .addOption(noPegDetectOption())
    .action(
      run(async (context, options) => {
        const { from, to } = options
        if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`)
        const result = await context.call('season:get-history', { ...variantInput(options), from, to })
        if (context.json) {
          context.printJson(result.points)
          return 0
        }
        context.say(
          `Altcoin Season Index, top ${result.top}, ${result.window}-day window: ${result.points.length} day(s)`
        )
        const lines = result.points.map(
          (p) =>
            `${p.date}  ${displayValue(p.value).padStart(3)}  ${p.regime.padEnd(7)}  ${p.outperformers}/${p.measured} measured, ${p.unmeasured} unmeasured`
        )
        context.io.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : '')
        return 0
      })
    )
}
