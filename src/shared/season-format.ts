// Pure display helpers for the Season dashboard: no DOM, no React, so they are unit-tested under Node.
import type { HistoryPoint, IndexResult } from './contract/season'
import { dayNumberOf, isoDateOfDay } from './dates'
import { compactUsd, returnPercent, signedNumber } from './format'

export type RankedCoin = IndexResult['coins'][number]
export type Exclusion = IndexResult['excluded'][number]

/** DESIGN.md 1.7: the display rounds half up to an integer (62.5 shows as 63). */
export function displayValue(value: number): number {
  // A value such as 100 * 5 / 8 = 62.5 is exact in binary; the epsilon only guards sums like 62.49999999.
  return Math.floor(value + 0.5 + 1e-9)
}

/** The point `days` before `date` in a date-ordered history, when that exact day has a value. */
export function pointDaysBefore(points: readonly HistoryPoint[], date: string, days: number): HistoryPoint | null {
  const day = dayNumberOf(date)
  if (day === null) return null
  const target = isoDateOfDay(day - days)
  // Binary search: the history can hold ten years of days.
  let lo = 0
  let hi = points.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const at = points[mid]!.date
    if (at === target) return points[mid]!
    if (at < target) lo = mid + 1
    else hi = mid - 1
  }
  return null
}

export interface Change {
  days: number
  /** The earlier day's date, for the "as of" wording. */
  date: string
  /** Difference of the displayed (rounded) values, so the arithmetic on screen adds up. */
  delta: number
}

export function changesFor(
  points: readonly HistoryPoint[],
  current: { date: string; value: number },
  spans: readonly number[] = [7, 30]
): (Change | { days: number; date: string; delta: null })[] {
  return spans.map((days) => {
    const earlier = pointDaysBefore(points, current.date, days)
    const day = dayNumberOf(current.date)
    const date = day === null ? '' : isoDateOfDay(day - days)
    if (!earlier) return { days, date, delta: null }
    return { days, date, delta: displayValue(current.value) - displayValue(earlier.value) }
  })
}

export function signed(n: number): string {
  return signedNumber(n)
}

/** A window return as a percentage: ratio 1.25 → "+25.0%". */
export function formatReturn(ratio: number | null): string {
  return returnPercent(ratio)
}

/**
 * How far a coin's window return is above or below Bitcoin's, as a share of Bitcoin's growth:
 * ratio / btcRatio - 1. A coin that beat Bitcoin has a positive edge.
 */
export function edgeOverBitcoin(ratio: number | null, btcRatio: number): number | null {
  if (ratio === null || !(btcRatio > 0)) return null
  return ratio / btcRatio - 1
}

/**
 * The bar's extent in [-1, 1]: log-scaled so a coin that did 10x better than Bitcoin and one that
 * did 10% better are both readable; ±1 is a factor of 10 either way.
 */
export function edgeBar(ratio: number | null, btcRatio: number): number | null {
  if (ratio === null || !(ratio > 0) || !(btcRatio > 0)) return null
  const scaled = Math.log10(ratio / btcRatio)
  return Math.max(-1, Math.min(1, scaled))
}

const categoryWords: Record<string, string> = {
  stablecoins: 'stablecoin',
  'wrapped-tokens': 'wrapped token',
  'liquid-staking-tokens': 'liquid staking token',
  'liquid-restaking-tokens': 'liquid restaking token',
  'bridged-tokens': 'bridged token',
  'bridged-stablecoins': 'bridged stablecoin',
  'yield-bearing-stablecoins': 'yield-bearing stablecoin',
  'tokenized-gold': 'tokenized gold'
}

/** An exclusion reason from the engine in plain words. */
export function exclusionWords(reason: string): string {
  if (reason.startsWith('category:')) {
    const slug = reason.slice('category:'.length)
    return `Provider category: ${categoryWords[slug] ?? slug}`
  }
  switch (reason) {
    case 'curated':
      return 'On the built-in exclusion list (a known stablecoin, wrapper or staking derivative)'
    case 'pegged:usd':
      return 'Moved with the US dollar (within 2% for 30 days)'
    case 'pegged:btc':
      return 'Moved with Bitcoin (within 2% for 30 days)'
    case 'pegged:eth':
      return 'Moved with Ether (within 2% for 30 days)'
    case 'benchmark':
      return 'The benchmark every coin is measured against'
    default:
      return reason
  }
}

export type SortKey = 'rank' | 'coin' | 'marketCap' | 'return' | 'edge'
export interface SortOrder {
  key: SortKey
  descending: boolean
}

/** Whether a coin matches the search box: symbol, name or id, case-insensitive. */
export function matchesSearch(coin: { id: string; symbol?: string; name?: string }, query: string): boolean {
  const q = query.trim().toLowerCase()
  if (q === '') return true
  return [coin.id, coin.symbol ?? '', coin.name ?? ''].some((text) => text.toLowerCase().includes(q))
}

/** Sorted copy; unmeasured coins (no ratio) always sort after the measured ones for return and edge. */
export function sortCoins(coins: readonly RankedCoin[], order: SortOrder): RankedCoin[] {
  const dir = order.descending ? -1 : 1
  const byRank = (a: RankedCoin, b: RankedCoin) => a.rank - b.rank
  const compare = (a: RankedCoin, b: RankedCoin): number => {
    switch (order.key) {
      case 'rank':
        return dir * byRank(a, b)
      case 'coin':
        return dir * a.symbol.localeCompare(b.symbol, 'en', { sensitivity: 'base' }) || byRank(a, b)
      case 'marketCap':
        return dir * (a.marketCap - b.marketCap) || byRank(a, b)
      case 'return':
      case 'edge': {
        // The edge over Bitcoin orders exactly like the ratio (same divisor), so both sort by ratio.
        if (a.ratio === null || b.ratio === null) return a.ratio === b.ratio ? byRank(a, b) : a.ratio === null ? 1 : -1
        return dir * (a.ratio - b.ratio) || byRank(a, b)
      }
    }
  }
  return [...coins].sort(compare)
}

/** Compact USD for market caps, three significant digits: $1.23T, $45.6B, $789M. */
export function formatUsdCompact(value: number): string {
  return compactUsd(value)
}

/** The first date of a range preset ending at `last`, or null for "all". */
export function rangeStart(last: string, preset: RangePreset): string | null {
  const day = dayNumberOf(last)
  if (day === null || preset === 'all') return null
  return isoDateOfDay(day - (preset === '3m' ? 91 : 365))
}

export type RangePreset = '3m' | '1y' | 'all'
