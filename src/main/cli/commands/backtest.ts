import { Command } from '@commander-js/extra-typings'
import type { ChannelOutput } from '../../../shared/contract'
import { backtestStrategySchema } from '../../../shared/contract/rebalance'
import type { Runner } from '../context'
import { percent, usd } from '../../../shared/format'
import { dateOption, listOf, numberOption, parsedOption } from '../options'
import { UsageError } from '../usage-error'

const strategyNames = backtestStrategySchema.options
type StrategyName = (typeof strategyNames)[number]

export function backtestCommand(run: Runner) {
  return new Command('backtest')
    .description('holding, periodic rebalancing and regime-following targets over the stored history')
    .addOption(
      parsedOption(
        '--strategy <S>',
        `${listOf([...strategyNames, 'all'])} (default), or a comma-separated list`,
        parseStrategies
      )
    )
    .addOption(dateOption('--from <D>', 'first date, YYYY-MM-DD (default: the first index date)'))
    .addOption(dateOption('--to <D>', 'last date, YYYY-MM-DD (default: the newest stored date)'))
    .addOption(numberOption('--fee <PCT>', 'fee per trade, percent of its value (default: the setting)'))
    .addOption(numberOption('--period <DAYS>', 'days between rebalances of the periodic strategy (default 30)'))
    .addOption(
      parsedOption(
        '--targets <B/A/S>',
        'fixed targets in percent for hold and periodic, e.g. 50/30/20 (default: the Neutral targets)',
        parseTargets
      )
    )
    .addOption(numberOption('--initial <USD>', 'starting value (default 10000)'))
    .action(
      run(async (context, options) => {
        const result = await context.call('rebalance:run-backtest', {
          strategies: options.strategy,
          from: options.from,
          to: options.to,
          feeRatePercent: options.fee,
          periodDays: options.period,
          targets: options.targets,
          initialValue: options.initial
        })
        if (context.json) context.printJson(result)
        else context.io.stdout.write(describe(result))
        return 0
      })
    )
}

export function parseStrategies(text: string): StrategyName[] {
  if (text === 'all') return [...strategyNames]
  const names = text.split(',').map((s) => s.trim())
  const known: readonly string[] = strategyNames
  for (const name of names) {
    if (!known.includes(name))
      throw new UsageError(`--strategy must be ${listOf([...strategyNames, 'all'])}, not "${name}"`)
  }
  return names as StrategyName[]
}

export function parseTargets(text: string): { bitcoin: number; altcoins: number; stablecoins: number } {
  const parts = text.split('/').map((p) => (p.trim() === '' ? NaN : Number(p)))
  if (parts.length !== 3 || !parts.every(Number.isFinite))
    throw new UsageError(
      `--targets must be three percentages as Bitcoin/altcoins/stablecoins, e.g. 50/30/20, not "${text}"`
    )
  const [bitcoin, altcoins, stablecoins] = parts as [number, number, number]
  return { bitcoin, altcoins, stablecoins }
}

const pct = (v: number | null) => percent(v)

function describe(r: ChannelOutput<'rebalance:run-backtest'>): string {
  const lines = [
    `Backtest ${r.from} to ${r.to} (${r.days} days), start ${usd(r.initialValue)}, fee ${r.feeRatePercent}% per trade`,
    ''
  ]
  lines.push(
    `${'strategy'.padEnd(48)}${'final'.padStart(14)}${'CAGR'.padStart(9)}${'max DD'.padStart(9)}${'vol'.padStart(9)}${'trades'.padStart(8)}`
  )
  for (const s of r.strategies) {
    lines.push(
      `${s.label.padEnd(48)}${usd(s.finalValue).padStart(14)}${pct(s.cagr).padStart(9)}${pct(s.maxDrawdown).padStart(9)}${pct(s.volatility).padStart(9)}${String(s.trades).padStart(8)}`
    )
  }
  lines.push('', ...r.notes.map((n) => `Note: ${n}`), '')
  return lines.join('\n')
}
