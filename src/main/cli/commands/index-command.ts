import { regimeLabels } from '../../../shared/domain'
import type { Command } from '../command'
import { dateOption, displayValue, variantInput, variantOptions } from './variant-options'

export const indexCommand: Command = {
  name: 'index',
  summary: 'the Altcoin Season Index on one date, with each ranked coin and every exclusion',
  usage: 'index [--date D] [--top N] [--window W] [--no-peg-detect]',
  options: [
    { name: 'date', type: 'string', value: 'D', description: 'the date, YYYY-MM-DD (default: the latest computable)' },
    ...variantOptions
  ],
  async run(context) {
    const input = {
      ...variantInput(context.options),
      ...(dateOption(context.options, 'date') ? { date: dateOption(context.options, 'date') } : {})
    }
    const result = await context.call('season:get-index', input)
    if (context.json) {
      context.printJson(result)
      return 0
    }
    const lines = [
      `Altcoin Season Index as of ${result.date} (top ${result.top}, ${result.window}-day window): ${displayValue(result.value)} — ${regimeLabels[result.regime]}`,
      `${result.outperformers} of ${result.measured} measured coins beat bitcoin (bitcoin x${result.btcRatio.toFixed(3)} over ${result.window} days); ` +
        `${result.unmeasured} ranked coin(s) too young to measure.`,
      '',
      ' rank  coin          market cap (USD)      ratio  beat BTC',
      ...result.coins.map(
        (c) =>
          `${String(c.rank).padStart(5)}  ${c.symbol.toUpperCase().padEnd(12)}  ${Math.round(c.marketCap).toLocaleString('en-US').padStart(18)}  ${(c.ratio === null ? '—' : c.ratio.toFixed(3)).padStart(9)}  ${c.outperforms === null ? 'unmeasured' : c.outperforms ? 'yes' : 'no'}`
      ),
      '',
      `Excluded on ${result.date}: ${result.excluded.length === 0 ? 'none' : result.excluded.map((e) => `${e.id} (${e.reason})`).join(', ')}`
    ]
    context.io.stdout.write(`${lines.join('\n')}\n`)
    return 0
  }
}
