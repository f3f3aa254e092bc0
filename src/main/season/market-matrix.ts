import { isObservation } from '../market/daily-values'
import { compareIds } from '../market/market-reads'
import type { DailyRow } from '../market/market-reads'

/**
 * The market as the index engine sees it: one row per coin, one column per UTC day, in flat
 * Float64Arrays (coin-major) with NaN where a day has no value. Coins are sorted by id so that a
 * smaller coin index is also the smaller id, which is the ranking's tie-break.
 */
export interface MarketMatrix {
  /** UTC day number of column 0. */
  firstDay: number
  dayCount: number
  /** Sorted ascending (UTF-16 code unit order, as JavaScript compares strings). */
  ids: string[]
  /** Daily price in USD at [coin * dayCount + day - firstDay]; NaN = no observation. */
  price: Float64Array
  /** Daily market cap in USD, same layout. */
  cap: Float64Array
  /** Provider categories per coin (same order as ids). */
  categories: string[][]
}

/**
 * Builds the matrix over days [firstDay, lastDay] from stored daily rows. Rows outside the range
 * are ignored; coins named only in `categories` still get a (empty) row so they can be listed.
 */
export function buildMatrix(
  rows: Iterable<DailyRow>,
  firstDay: number,
  lastDay: number,
  categories: ReadonlyMap<string, readonly string[]> = new Map(),
  extraIds: Iterable<string> = []
): MarketMatrix {
  const rowList = Array.isArray(rows) ? (rows as DailyRow[]) : [...rows]
  const idSet = new Set<string>(extraIds)
  for (const row of rowList) idSet.add(row.coinId)
  const ids = [...idSet].sort(compareIds)
  return fillMatrix(ids, rowList, firstDay, lastDay, categories)
}

function fillMatrix(
  ids: string[],
  rows: readonly DailyRow[],
  firstDay: number,
  lastDay: number,
  categories: ReadonlyMap<string, readonly string[]>
): MarketMatrix {
  const dayCount = Math.max(0, lastDay - firstDay + 1)
  const index = new Map(ids.map((id, i) => [id, i]))
  const price = new Float64Array(ids.length * dayCount).fill(NaN)
  const cap = new Float64Array(ids.length * dayCount).fill(NaN)
  for (const row of rows) {
    const t = row.day - firstDay
    if (t < 0 || t >= dayCount) continue
    const i = index.get(row.coinId) as number
    if (isObservation(row.price)) price[i * dayCount + t] = row.price
    if (isObservation(row.marketCap)) cap[i * dayCount + t] = row.marketCap
  }
  return { firstDay, dayCount, ids, price, cap, categories: ids.map((id) => [...(categories.get(id) ?? [])]) }
}
