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

export interface DailyRow {
  coinId: string
  day: number
  price: number | null
  marketCap: number | null
}

/** A value counts only when it is a finite number above zero (DESIGN.md 1.1). */
export function isObservation(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
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

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The longest a value is carried forward to a later date (DESIGN.md 1.2). */
export const AS_OF_LIMIT_DAYS = 2

/**
 * Per day index: how far back (0 to 2 days) an as-of lookup on that day may reach, or -1 for a day
 * outside the loaded column ranges (a sparse load leaves those unread: no value there). A lookup
 * never reaches before the start of its own range, since only what the matrix holds counts; so a
 * matrix must start early enough for the days it is used on (the service loads the lookback the
 * rules need).
 */
export function asOfReach(
  dayCount: number,
  columns: readonly (readonly [number, number])[] = [[0, dayCount - 1]]
): Int8Array {
  const reach = new Int8Array(dayCount).fill(-1)
  for (const [a, b] of columns) {
    for (let t = Math.max(0, a); t <= Math.min(b, dayCount - 1); t += 1) reach[t] = Math.min(AS_OF_LIMIT_DAYS, t - a)
  }
  return reach
}

/**
 * DESIGN.md 1.2, one lookup: the value of coin row `base` on the latest day y <= t that has one,
 * when t - y <= 2 (and y is within reach); NaN otherwise. Cheap enough to do where a value is read
 * instead of building a whole as-of matrix: the history reads prices of only a few coins a day.
 */
export function asOfAt(raw: Float64Array, reach: Int8Array, base: number, t: number): number {
  const r = reach[t]
  if (r === undefined || r < 0) return NaN
  const v = raw[base + t] as number
  if (v === v || r === 0) return v
  const u = raw[base + t - 1] as number
  if (u === u || r === 1) return u
  return raw[base + t - 2] as number
}

/** asOfByDay works in tiles of this many coins x days, so both its reads and its writes stay in cache. */
const TILE_COINS = 8
const TILE_DAYS = 256

/**
 * asOfAt for every coin and day, laid out day-major ([t * coinCount + coin]): the daily
 * ranking reads every coin of one day, which is then one contiguous run instead of one read in
 * each coin's row. Built tile by tile, each coin's run carried from one tile to the next.
 */
export function asOfByDay(
  raw: Float64Array,
  coinCount: number,
  dayCount: number,
  columns: readonly (readonly [number, number])[] = [[0, dayCount - 1]]
): Float64Array {
  const whole = columns.length === 1 && columns[0]?.[0] === 0 && columns[0][1] === dayCount - 1
  const out = whole ? new Float64Array(raw.length) : new Float64Array(raw.length).fill(NaN)
  const lastT = new Int32Array(TILE_COINS)
  const lastV = new Float64Array(TILE_COINS)
  for (let i0 = 0; i0 < coinCount; i0 += TILE_COINS) {
    const width = Math.min(TILE_COINS, coinCount - i0)
    for (const [a, b] of columns) {
      lastT.fill(a - AS_OF_LIMIT_DAYS - 1)
      lastV.fill(NaN)
      for (let t0 = a; t0 <= b; t0 += TILE_DAYS) {
        const t1 = Math.min(b, t0 + TILE_DAYS - 1)
        for (let j = 0; j < width; j += 1) {
          const base = (i0 + j) * dayCount
          let lt = lastT[j] as number
          let lv = lastV[j] as number
          for (let t = t0, o = t0 * coinCount + i0 + j; t <= t1; t += 1, o += coinCount) {
            const v = raw[base + t] as number
            if (v === v) {
              lt = t
              lv = v
            }
            out[o] = t - lt <= AS_OF_LIMIT_DAYS ? lv : NaN
          }
          lastT[j] = lt
          lastV[j] = lv
        }
      }
    }
  }
  return out
}
