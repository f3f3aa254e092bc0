import type { BacktestResultShape } from '../../../shared/contract/rebalance'
import { AppError } from '../../../shared/errors'
import type { Command } from '../command'

const strategyNames = ['hold', 'periodic', 'regime'] as const
type StrategyName = (typeof strategyNames)[number]

export const backtestCommand: Command = {
  name: 'backtest',
  summary: 'holding, periodic rebalancing and regime-following targets over the stored history',
  usage: 'backtest [--strategy S] [--from D] [--to D] [--fee PCT] [--period DAYS] [--targets B/A/S] [--initial USD]',
  options: [
    {
      name: 'strategy',
      type: 'string',
      value: 'S',
      description: 'hold, periodic, regime or all (default), or a comma-separated list'
    },
    { name: 'from', type: 'string', value: 'D', description: 'first date, YYYY-MM-DD (default: the first index date)' },
    { name: 'to', type: 'string', value: 'D', description: 'last date, YYYY-MM-DD (default: the newest stored date)' },
    {
      name: 'fee',
      type: 'number',
      value: 'PCT',
      description: 'fee per trade, percent of its value (default: the setting)'
    },
    {
      name: 'period',
      type: 'number',
      value: 'DAYS',
      description: 'days between rebalances of the periodic strategy (default 30)'
    },
    {
      name: 'targets',
      type: 'string',
      value: 'B/A/S',
      description: 'fixed targets in percent for hold and periodic, e.g. 50/30/20 (default: the Neutral targets)'
    },
    { name: 'initial', type: 'number', value: 'USD', description: 'starting value (default 10000)' }
  ],
  async run(context) {
    const { options } = context
    const input = {
      ...(options.strategy !== undefined ? { strategies: parseStrategies(String(options.strategy)) } : {}),
      ...(options.from !== undefined ? { from: String(options.from) } : {}),
      ...(options.to !== undefined ? { to: String(options.to) } : {}),
      ...(options.fee !== undefined ? { feeRatePercent: options.fee as number } : {}),
      ...(options.period !== undefined ? { periodDays: options.period as number } : {}),
      ...(options.targets !== undefined ? { targets: parseTargets(String(options.targets)) } : {}),
      ...(options.initial !== undefined ? { initialValue: options.initial as number } : {})
    }
    const result = await context.call('rebalance:run-backtest', input)
    if (context.json) context.printJson(result)
    else context.io.stdout.write(describe(result))
    return 0
  }
}

export function parseStrategies(text: string): StrategyName[] {
  if (text === 'all') return [...strategyNames]
  const names = text.split(',').map((s) => s.trim())
  for (const name of names) {
    if (!strategyNames.includes(name as StrategyName))
      throw new AppError('VALIDATION', `--strategy must be hold, periodic, regime or all, not "${name}"`)
  }
  return names as StrategyName[]
}

export function parseTargets(text: string): { bitcoin: number; altcoins: number; stablecoins: number } {
  const parts = text.split('/').map((p) => Number(p.trim()))
  if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p)))
    throw new AppError(
      'VALIDATION',
      `--targets must be three percentages as Bitcoin/altcoins/stablecoins, e.g. 50/30/20, not "${text}"`
    )
  const [bitcoin, altcoins, stablecoins] = parts as [number, number, number]
  return { bitcoin, altcoins, stablecoins }
}

const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`)

function describe(r: BacktestResultShape): string {
  const lines = [
    `Backtest ${r.from} to ${r.to} (${r.days} days), start $${r.initialValue}, fee ${r.feeRatePercent}% per trade`,
    ''
  ]
  lines.push(
    `${'strategy'.padEnd(48)}${'final'.padStart(12)}${'CAGR'.padStart(9)}${'max DD'.padStart(9)}${'vol'.padStart(9)}${'trades'.padStart(8)}`
  )
  for (const s of r.strategies) {
    lines.push(
      `${s.label.padEnd(48)}${s.finalValue.toFixed(2).padStart(12)}${pct(s.cagr).padStart(9)}${pct(s.maxDrawdown).padStart(9)}${pct(s.volatility).padStart(9)}${String(s.trades).padStart(8)}`
    )
  }
  lines.push('', ...r.notes.map((n) => `Note: ${n}`), '')
  return lines.join('\n')
}
