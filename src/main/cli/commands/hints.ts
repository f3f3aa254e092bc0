import type { HintsResult } from '../../../shared/contract/rebalance'
import { AppError } from '../../../shared/errors'
import type { Command } from '../command'

const methods = ['fifo', 'hifo', 'average'] as const

export const hintsCommand: Command = {
  name: 'hints',
  summary: "rebalancing hints for the current regime's targets (not investment advice)",
  usage: 'hints [--buy-only --contribution USD] [--method M] [--fee PCT] [--min-trade USD]',
  options: [
    {
      name: 'buy-only',
      type: 'boolean',
      description: 'place new money without selling anything (needs --contribution)'
    },
    { name: 'contribution', type: 'number', value: 'USD', description: 'new money to place, in USD' },
    {
      name: 'method',
      type: 'string',
      value: 'M',
      description: 'cost-basis method for sell previews: fifo, hifo or average (default: the setting)'
    },
    {
      name: 'fee',
      type: 'number',
      value: 'PCT',
      description: 'estimated fee per trade, percent of its value (default: the setting)'
    },
    {
      name: 'min-trade',
      type: 'number',
      value: 'USD',
      description: 'leave out trades smaller than this (default: the setting)'
    }
  ],
  async run(context) {
    const { options } = context
    const method = options.method as string | undefined
    if (method !== undefined && !methods.includes(method as (typeof methods)[number])) {
      throw new AppError('VALIDATION', `--method must be one of ${methods.join(', ')}, not "${method}"`)
    }
    if (options.contribution !== undefined && !options['buy-only'])
      throw new AppError('VALIDATION', '--contribution is for --buy-only: add --buy-only to place new money')
    const input = {
      mode: options['buy-only'] ? ('buy-only' as const) : ('rebalance' as const),
      ...(options.contribution !== undefined ? { contribution: options.contribution as number } : {}),
      ...(method !== undefined ? { method: method as (typeof methods)[number] } : {}),
      ...(options.fee !== undefined ? { feeRatePercent: options.fee as number } : {}),
      ...(options['min-trade'] !== undefined ? { minTradeUsd: options['min-trade'] as number } : {})
    }
    const result = await context.call('rebalance:get-hints', input)
    if (context.json) context.printJson(result)
    else context.io.stdout.write(describe(result))
    return 0
  }
}

const usd = (v: number) => `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

function describe(r: HintsResult): string {
  const lines = [
    `Regime: ${r.regime} (index ${Math.round(r.indexValue)} as of ${r.asOf}; since ${r.regimeSince})`,
    `Portfolio: ${usd(r.allocation.total)} at prices as of ${r.pricesAsOf ?? 'n/a'}`,
    ...r.allocation.sleeves.map(
      (s) =>
        `  ${s.sleeve.padEnd(12)} ${s.percent.toFixed(1).padStart(5)}%  target ${s.target}%  band ±${s.band.toFixed(1)}${s.outside ? '  OUT OF BAND' : ''}`
    ),
    ''
  ]
  if (r.hints.length === 0) lines.push(r.due ? 'No trade to make (see the notes).' : 'No trade is due.')
  for (const h of r.hints) {
    lines.push(
      `${h.action.toUpperCase()} ${h.quantity} ${h.symbol.toUpperCase()} (${usd(h.value)}, fee ~${usd(h.fee)})`
    )
    if (h.sale)
      lines.push(`  realizes ${usd(h.sale.realizedGain)} (${h.sale.method}, cost basis ${usd(h.sale.costBasis)})`)
    lines.push(`  ${h.reason}`)
  }
  for (const note of r.notes) lines.push(`Note: ${note}`)
  lines.push('', r.disclaimer, '')
  return lines.join('\n')
}
