import { asOfIndex } from './as-of'
import type { MarketReads, PriceSeries } from './market-reads'

/**
 * The stored daily USD prices of some coins, loaded once per request into typed arrays. Every
 * read works offline from the local history.
 */
export interface PriceBook {
  /** The as-of price at `day` (DESIGN.md 1.2): the latest stored day <= day, at most two days older. */
  at(coinId: string, day: number): number | null
  /** The newest stored price of the coin and its day, however old. */
  latest(coinId: string): { day: number; price: number } | null
  series(coinId: string): PriceSeries | null
  /** The newest day with any stored market data (not only these coins): "as of the last sync". */
  marketDay: number | null
}

/** `fromDay`: prices before it are not needed (nothing was held yet), so they are not loaded. */
export function loadPriceBook(market: MarketReads, coinIds: Iterable<string>, fromDay = -1e9): PriceBook {
  const byCoin = new Map<string, PriceSeries>()
  for (const id of new Set(coinIds)) {
    const series = market.priceSeries(id, fromDay)
    if (series) byCoin.set(id, series)
  }
  return {
    marketDay: market.marketDay(),
    series: (coinId) => byCoin.get(coinId) ?? null,
    at(coinId, day) {
      const s = byCoin.get(coinId)
      const i = s ? asOfIndex(s.days, day) : -1
      return i < 0 ? null : (s?.prices[i] as number)
    },
    latest(coinId) {
      const s = byCoin.get(coinId)
      if (!s || s.days.length === 0) return null
      const i = s.days.length - 1
      return { day: s.days[i] as number, price: s.prices[i] as number }
    }
  }
}
