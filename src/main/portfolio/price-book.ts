import type { Database } from 'better-sqlite3'

/** How many days an older price may stand in for a missing one (DESIGN.md §1, as-of lookup). */
export const AS_OF_DAYS = 2

export interface CoinSeries {
  days: Int32Array
  prices: Float64Array
}

/**
 * The stored daily USD prices of some coins, in typed arrays, loaded once per request. Every read
 * works offline from the local history.
 */
export interface PriceBook {
  /** The as-of price at `day`: the latest stored day ≤ day, no more than two days older. */
  at(coinId: string, day: number): number | null
  /** The newest stored price of the coin and its day, however old. */
  latest(coinId: string): { day: number; price: number } | null
  series(coinId: string): CoinSeries | null
  /** The newest day with any stored market data (not only these coins): "as of the last sync". */
  marketDay: number | null
}

/** `fromDay`: prices before it are not needed (nothing was held yet), so they are not loaded. */
export function loadPriceBook(db: Database, coinIds: Iterable<string>, fromDay = -1e9): PriceBook {
  const ids = [...new Set(coinIds)]
  const byCoin = new Map<string, CoinSeries>()
  // Raw rows (arrays, not objects) keep loading five years of fifty coins cheap.
  const statement = db
    .prepare('SELECT day, price FROM daily_values WHERE coin_id = ? AND day >= ? AND price IS NOT NULL ORDER BY day')
    .raw(true)
  for (const id of ids) {
    const rows = statement.all(id, fromDay) as [number, number][]
    if (rows.length === 0) continue
    const days = new Int32Array(rows.length)
    const prices = new Float64Array(rows.length)
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i] as [number, number]
      days[i] = row[0]
      prices[i] = row[1]
    }
    byCoin.set(id, { days, prices })
  }
  const marketDay =
    db.prepare<[], { day: number | null }>('SELECT max(day) AS day FROM daily_values WHERE price IS NOT NULL').get()
      ?.day ?? null
  return {
    marketDay,
    series: (coinId) => byCoin.get(coinId) ?? null,
    at(coinId, day) {
      const s = byCoin.get(coinId)
      if (!s) return null
      const i = lastIndexAtOrBefore(s.days, day)
      if (i < 0 || day - (s.days[i] as number) > AS_OF_DAYS) return null
      return s.prices[i] as number
    },
    latest(coinId) {
      const s = byCoin.get(coinId)
      if (!s || s.days.length === 0) return null
      const i = s.days.length - 1
      return { day: s.days[i] as number, price: s.prices[i] as number }
    }
  }
}

/** Binary search: index of the last element ≤ value, or -1. */
export function lastIndexAtOrBefore(days: Int32Array, value: number): number {
  let lo = 0
  let hi = days.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if ((days[mid] as number) <= value) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}
