import type { Regime } from '../../../shared/contract/season'
import type { DriftBands } from './drift'
import { measureDrift } from './drift'
import { solveRebalance } from './rebalance-math'
import type { RegimeTargets, Sleeve, TargetSplit } from './targets'

export const strategies = ['hold', 'periodic', 'regime'] as const
export type Strategy = (typeof strategies)[number]

/**
 * Dense daily series over the backtest period, one entry per consecutive UTC day. The altcoin
 * sleeve is one synthetic asset (a basket level), the stablecoin sleeve is worth 1 USD a unit.
 */
export interface BacktestSeries {
  days: Int32Array
  bitcoin: Float64Array
  altcoins: Float64Array
  /** The effective regime per day (after hysteresis), for the regime-following strategy. */
  regimes: readonly Regime[]
}

export interface BacktestOptions {
  strategy: Strategy
  /** Targets of hold and periodic. */
  fixedTargets: TargetSplit
  /** Targets of the regime-following strategy. */
  regimeTargets: RegimeTargets
  /** Fraction of each trade's value. */
  feeRate: number
  /** Days between rebalances of the periodic strategy. */
  periodDays: number
  /** Bands that trigger a rebalance of the regime strategy between regime changes. */
  bands: DriftBands
  /** Trades below this many USD are skipped. */
  minTrade: number
  initialValue: number
}

export interface BacktestResult {
  strategy: Strategy
  /** Portfolio value at the end of each day, after that day's trades. */
  values: Float64Array
  /** Individual buy or sell orders of Bitcoin or the altcoin basket (the starting allocation is not counted). */
  trades: number
  fees: number
  metrics: BacktestMetrics
}

export interface BacktestMetrics {
  finalValue: number
  totalReturn: number
  /** Null when the period is shorter than a day. */
  cagr: number | null
  /** Largest fall from a running peak, as a positive fraction. */
  maxDrawdown: number
  /** Standard deviation of daily returns, annualized with 365 trading days (crypto never closes). */
  volatility: number | null
}

/**
 * Simulates one strategy. Day 0 starts already at the strategy's targets (no fee), so that the
 * strategies differ only by what they do afterwards. Trades happen at the day's close price.
 */
export function runBacktest(series: BacktestSeries, options: BacktestOptions): BacktestResult {
  const n = series.days.length
  const values = new Float64Array(n)
  if (n === 0)
    return { strategy: options.strategy, values, trades: 0, fees: 0, metrics: computeMetrics(series.days, values) }
  const targetsOn = (t: number): TargetSplit =>
    options.strategy === 'regime' ? options.regimeTargets[series.regimes[t] ?? 'neutral'] : options.fixedTargets

  const start = targetsOn(0)
  const btc0 = series.bitcoin[0] as number
  const alt0 = series.altcoins[0] as number
  let btcUnits = (options.initialValue * start.bitcoin) / 100 / btc0
  let altUnits = (options.initialValue * start.altcoins) / 100 / alt0
  let cash = (options.initialValue * start.stablecoins) / 100
  let trades = 0
  let fees = 0
  let lastRebalance = 0
  let heldRegime = series.regimes[0]

  for (let t = 0; t < n; t += 1) {
    const btcPrice = series.bitcoin[t] as number
    const altPrice = series.altcoins[t] as number
    if (t > 0) {
      const targets = targetsOn(t)
      const sleeveValues: Record<Sleeve, number> = {
        bitcoin: btcUnits * btcPrice,
        altcoins: altUnits * altPrice,
        stablecoins: cash
      }
      let rebalance = false
      if (options.strategy === 'periodic') rebalance = t - lastRebalance >= options.periodDays
      else if (options.strategy === 'regime') {
        const regimeChanged = series.regimes[t] !== heldRegime
        rebalance = regimeChanged || measureDrift(sleeveValues, targets, options.bands).some((d) => d.outside)
      }
      if (rebalance) {
        const slots = [
          { value: sleeveValues.bitcoin, target: targets.bitcoin / 100 },
          { value: sleeveValues.altcoins, target: targets.altcoins / 100 }
        ]
        const { deltas } = solveRebalance(slots, cash, options.feeRate)
        const prices = [btcPrice, altPrice]
        deltas.forEach((delta, i) => {
          if (Math.abs(delta) < Math.max(options.minTrade, 1e-9)) return
          const units = delta / (prices[i] as number)
          if (i === 0) btcUnits += units
          else altUnits += units
          const fee = Math.abs(delta) * options.feeRate
          cash -= delta + fee
          fees += fee
          trades += 1
        })
        lastRebalance = t
        heldRegime = series.regimes[t]
      }
    }
    values[t] = btcUnits * btcPrice + altUnits * altPrice + cash
  }
  return { strategy: options.strategy, values, trades, fees, metrics: computeMetrics(series.days, values) }
}

export function computeMetrics(days: Int32Array, values: Float64Array): BacktestMetrics {
  const n = values.length
  if (n === 0) return { finalValue: 0, totalReturn: 0, cagr: null, maxDrawdown: 0, volatility: null }
  const first = values[0] as number
  const last = values[n - 1] as number
  const span = (days[n - 1] as number) - (days[0] as number)
  let peak = first
  let maxDrawdown = 0
  let mean = 0
  const returns: number[] = []
  for (let i = 0; i < n; i += 1) {
    const v = values[i] as number
    if (v > peak) peak = v
    maxDrawdown = Math.max(maxDrawdown, 1 - v / peak)
    if (i > 0) returns.push(v / (values[i - 1] as number) - 1)
  }
  for (const r of returns) mean += r / returns.length
  const variance = returns.length > 1 ? returns.reduce((s, r) => s + (r - mean) ** 2, 0) / (returns.length - 1) : null
  return {
    finalValue: last,
    totalReturn: last / first - 1,
    cagr: span > 0 ? (last / first) ** (365 / span) - 1 : null,
    maxDrawdown,
    volatility: variance === null ? null : Math.sqrt(variance) * Math.sqrt(365)
  }
}
