import type { Regime } from '../../../shared/domain'
import type { MarketReads } from '../../market/market-reads'
import { BITCOIN_ID } from '../../season/exclusions'
import type { BacktestResultShape } from '../../../shared/contract/rebalance'
import { dayNumberOf, isoDateOfDay } from '../../../shared/dates'
import { AppError } from '../../../shared/errors'
import type { Settings } from '../../../shared/settings'
import type { Strategy } from './backtest'
import { runBacktest, strategies as allStrategies } from './backtest'
import { loadMarketSeries } from './backtest-data'
import type { DriftBands } from './drift'
import type { RegimeDay } from './hysteresis'
import type { RegimeTargets, TargetSplit } from './targets'
import { round, targetProblem } from './targets'

export interface BacktestRequest {
  strategies?: Strategy[]
  from?: string
  to?: string
  feeRatePercent?: number
  periodDays?: number
  targets?: TargetSplit
  initialValue?: number
}

export interface BacktestContext {
  settings: Settings
  targets: RegimeTargets
  /** The effective regime per index day (hysteresis applied), in date order. */
  regimeDays: readonly RegimeDay[]
  bands: DriftBands
}

export const SURVIVORSHIP_NOTE =
  "Survivorship: the history holds only coins in the tracked set, which comes from the provider's current ranking. Coins that were large in the past and have since dropped out or vanished are missing, so the altcoin basket looks better than what was investable then. Tracking more coins than the index's top N reduces this."

const labels: Record<Strategy, (periodDays: number) => string> = {
  hold: () => 'Hold the fixed targets, never rebalance',
  periodic: (days) => `Rebalance to the fixed targets every ${days} days`,
  regime: () => "Follow each regime's targets (and bands)"
}

/** The backtest over the stored history: reads the market and index, runs each strategy. */
export function runBacktestOverHistory(
  market: MarketReads,
  request: BacktestRequest,
  context: BacktestContext
): BacktestResultShape {
  const { settings, targets, regimeDays } = context
  const wanted =
    request.strategies && request.strategies.length > 0 ? [...new Set(request.strategies)] : [...allStrategies]
  const fixedTargets = request.targets ?? targets.neutral
  const problem = targetProblem(fixedTargets)
  if (problem) throw new AppError('VALIDATION', `Backtest targets: ${problem}.`)
  const feeRatePercent = request.feeRatePercent ?? settings.feeRatePercent
  const periodDays = request.periodDays ?? 30
  const initialValue = request.initialValue ?? 10_000
  const notes: string[] = []

  const bounds = market.priceBounds(BITCOIN_ID)
  if (!bounds) throw new AppError('NOT_FOUND', 'There are no stored Bitcoin prices to backtest on: run a sync first.')
  const requestedFrom = parseDay(request.from, 'from')
  const requestedTo = parseDay(request.to, 'to')
  if (requestedFrom !== null && requestedTo !== null && requestedFrom > requestedTo)
    throw new AppError(
      'VALIDATION',
      `The start date (${request.from}) is after the end date (${request.to}): choose a start before the end.`
    )
  const firstIndexDay = regimeDays[0]?.day ?? null
  // The basket's first return needs the day before, so the earliest start is the second stored day.
  let from = Math.max(requestedFrom ?? firstIndexDay ?? bounds.first, bounds.first + 1)
  const to = Math.min(requestedTo ?? bounds.last, bounds.last)
  if (wanted.includes('regime') && firstIndexDay === null) {
    wanted.splice(wanted.indexOf('regime'), 1)
    notes.push('The regime-following strategy needs index history, and there is none yet: it was left out.')
    if (wanted.length === 0)
      throw new AppError(
        'NOT_FOUND',
        'There is no index history yet for the regime-following backtest: run a sync first.'
      )
  }

  const series = loadMarketSeries(market, from, Math.max(from, to), settings.defaultTop)
  // Start on the first day with a Bitcoin price; later gaps beyond the 2-day as-of limit keep the last price.
  let skip = 0
  while (skip < series.bitcoin.length && !(series.bitcoin[skip]! > 0)) skip += 1
  from += skip
  if (from > to)
    throw new AppError(
      'NOT_FOUND',
      `There is not enough stored history between ${request.from ?? 'the start'} and ${request.to ?? 'the end'} to backtest: at least two days of Bitcoin prices are needed.`
    )
  const n = to - from + 1
  const days = Int32Array.from({ length: n }, (_, i) => from + i)
  const bitcoin = new Float64Array(n)
  const altcoins = new Float64Array(n)
  let filled = 0
  for (let i = 0; i < n; i += 1) {
    const b = series.bitcoin[i + skip] as number
    const a = series.altcoins[i + skip] as number
    const gap = !(b > 0)
    if (gap) filled += 1
    bitcoin[i] = gap ? (bitcoin[i - 1] as number) : b
    altcoins[i] = a > 0 ? a : i > 0 ? (altcoins[i - 1] as number) : 1
  }
  if (filled > 0) notes.push(`${filled} day(s) had no Bitcoin price within 2 days; the last known price was kept.`)
  if (series.emptyBasketDays > 0)
    notes.push(`${series.emptyBasketDays} day(s) had no altcoin with prices on both days; the basket stayed flat.`)

  const regimes = regimesPerDay(days, regimeDays)
  if (wanted.includes('regime') && firstIndexDay !== null && from < firstIndexDay) {
    notes.push(
      `Before the first index value (${isoDateOfDay(firstIndexDay)}) the regime strategy uses the Neutral targets.`
    )
  }

  const results = wanted.map((strategy) => {
    const result = runBacktest(
      { days, bitcoin, altcoins, regimes },
      {
        strategy,
        fixedTargets,
        regimeTargets: targets,
        feeRate: feeRatePercent / 100,
        periodDays,
        bands: context.bands,
        minTrade: settings.minTradeUsd,
        initialValue
      }
    )
    return {
      strategy,
      label: labels[strategy](periodDays),
      values: Array.from(result.values, (v) => round(v, 2)),
      trades: result.trades,
      fees: round(result.fees, 2),
      ...result.metrics
    }
  })
  notes.push(
    `Altcoins are a basket of the ${settings.defaultTop} largest altcoins by the previous day's market cap (Bitcoin, stablecoins, wrapped, staking and bridged tokens excluded), weighted by market cap.`,
    'Trades happen at the daily close with the estimated fee; slippage, taxes and stablecoin yield are not modelled. The start is already at the targets, without fees.',
    SURVIVORSHIP_NOTE,
    'Past results on this history do not predict future ones; this is not investment advice.'
  )
  return {
    from: isoDateOfDay(from),
    to: isoDateOfDay(to),
    days: n,
    initialValue,
    feeRatePercent,
    periodDays,
    fixedTargets,
    regimeTargets: targets,
    altBasket: `top ${settings.defaultTop} altcoins, market-cap weighted`,
    dates: Array.from(days, (d) => isoDateOfDay(d)),
    strategies: results,
    notes
  }
}

function regimesPerDay(days: Int32Array, regimeDays: readonly RegimeDay[]): Regime[] {
  const out: Regime[] = []
  let k = 0
  let current: Regime = 'neutral'
  for (const day of days) {
    while (k < regimeDays.length && (regimeDays[k] as RegimeDay).day <= day) {
      current = (regimeDays[k] as RegimeDay).effective
      k += 1
    }
    out.push(current)
  }
  return out
}

function parseDay(date: string | undefined, name: string): number | null {
  if (date === undefined) return null
  const day = dayNumberOf(date)
  if (day === null) throw new AppError('VALIDATION', `${name} must be a real date as YYYY-MM-DD, not "${date}".`)
  return day
}
