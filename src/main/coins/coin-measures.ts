import { asOfIndex } from '../market/as-of'
import type { MarketReads, PriceSeries } from '../market/market-reads'

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

/**
 * Loads what `measure` needs of each coin once: its prices from the earliest day any measure reads
 * (the window, or 30 days, plus the as-of reach). Bitcoin's series is shared.
 */
export function createMeasurer(market: MarketReads, day: number, window: number, lookback = 0) {
  // `lookback` more days for readers that also measure earlier days (the alerts' catch-up).
  const from = day - lookback - Math.max(window, SPARKLINE_DAYS) - 2
  const cache = new Map<string, PriceSeries | null>()
  const series = (coinId: string) => {
    if (!cache.has(coinId)) cache.set(coinId, market.priceSeries(coinId, from))
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
