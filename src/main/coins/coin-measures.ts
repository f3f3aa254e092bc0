import { asOfIndex } from '../market/as-of'
import type { PriceSeries } from '../market/market-reads'

/** Days of closes a watchlist sparkline shows. */
export const SPARKLINE_DAYS = 30

/** As-of price (DESIGN.md 1.2) of a loaded series on a day, or null. */
export function priceAt(series: PriceSeries | null, day: number): number | null {
  if (!series) return null
  const i = asOfIndex(series.days, day)
  return i < 0 ? null : (series.prices[i] as number)
}

/** p(day) / p(day - days) with as-of prices, or null when either is missing. */
export function ratioOver(series: PriceSeries | null, day: number, days: number): number | null {
  const now = priceAt(series, day)
  const then = priceAt(series, day - days)
  return now === null || then === null ? null : now / then
}

/** What the watchlist and the alerts read of a coin on one day: price, changes, window return vs Bitcoin's. */
export interface CoinMeasures {
  price: number | null
  change24h: number | null
  change7d: number | null
  change30d: number | null
  /** p(d) / p(d - W) of the coin and of bitcoin; beats when the coin's is strictly larger (DESIGN.md 1.6). */
  windowRatio: number | null
  btcWindowRatio: number | null
  beatsBitcoin: boolean | null
}

/** Sorted, with overlapping or touching ranges joined: what MarketReads.priceRanges takes. */
export function mergeRanges(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  const merged: [number, number][] = []
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1]
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b)
    else merged.push([a, b])
  }
  return merged
}

/**
 * The days the watchlist reads of a coin measured on `day`: the last 30 days (the changes and the
 * sparkline) and the start of the index window, each with the 2 days an as-of lookup may reach.
 */
export function watchlistRanges(day: number, window: number): [number, number][] {
  return mergeRanges([
    [day - SPARKLINE_DAYS - 2, day],
    [day - window - 2, day - window]
  ])
}

/**
 * Measures coins on `day` (or an earlier day the loaded ranges cover) from each coin's prices,
 * loaded once by `load`; bitcoin's series is shared.
 */
export function createMeasurer(load: (coinId: string) => PriceSeries | null, day: number, window: number) {
  const cache = new Map<string, PriceSeries | null>()
  const series = (coinId: string) => {
    if (!cache.has(coinId)) cache.set(coinId, load(coinId))
    return cache.get(coinId) ?? null
  }
  const change = (s: PriceSeries | null, on: number, days: number) => {
    const r = ratioOver(s, on, days)
    return r === null ? null : r - 1
  }
  return {
    series,
    measure(coinId: string, on = day): CoinMeasures {
      const s = series(coinId)
      const windowRatio = ratioOver(s, on, window)
      const btcWindowRatio = ratioOver(series('bitcoin'), on, window)
      return {
        price: priceAt(s, on),
        change24h: change(s, on, 1),
        change7d: change(s, on, 7),
        change30d: change(s, on, 30),
        windowRatio,
        btcWindowRatio,
        beatsBitcoin: windowRatio === null || btcWindowRatio === null ? null : windowRatio > btcWindowRatio
      }
    },
    /** The last SPARKLINE_DAYS days' as-of closes, oldest first; null where none. */
    sparkline(coinId: string): (number | null)[] {
      const s = series(coinId)
      const out: (number | null)[] = []
      for (let d = day - SPARKLINE_DAYS + 1; d <= day; d += 1) out.push(priceAt(s, d))
      return out
    }
  }
}
