import { UsageError } from '../args'
import type { Command } from '../command'
import { dateOption, displayValue, variantInput, variantOptions } from './variant-options'

export const historyCommand: Command = {
  name: 'history',
  summary: 'the daily Altcoin Season Index series of one variant',
  usage: 'history [--from D] [--to D] [--top N] [--window W] [--no-peg-detect]',
  options: [
    { name: 'from', type: 'string', value: 'D', description: 'first date, YYYY-MM-DD (default: the first computable)' },
    { name: 'to', type: 'string', value: 'D', description: 'last date, YYYY-MM-DD (default: the latest computable)' },
    ...variantOptions
  ],
  async run(context) {
    const from = dateOption(context.options, 'from')
    const to = dateOption(context.options, 'to')
    if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`)
    const input = { ...variantInput(context.options), ...(from ? { from } : {}), ...(to ? { to } : {}) }
    const result = await context.call('season:get-history', input)
    if (context.json) {
      context.printJson(result.points)
      return 0
    }
    context.say(`Altcoin Season Index, top ${result.top}, ${result.window}-day window: ${result.points.length} day(s)`)
    const lines = result.points.map(
      (p) =>
        `${p.date}  ${displayValue(p.value).padStart(3)}  ${p.regime.padEnd(7)}  ${p.outperformers}/${p.measured} measured, ${p.unmeasured} unmeasured`
    )
    context.io.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : '')
    return 0
  }
}
