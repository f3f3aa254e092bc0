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
 * As-of values: for each coin and day, the value of the latest day y <= x with one, when
 * x - y <= 2; NaN otherwise. Only what the matrix holds counts, so a matrix must start early
 * enough for the days it is used on (the service loads the lookback the rules need).
 */
export function asOfSeries(
  raw: Float64Array,
  coinCount: number,
  dayCount: number,
  columns: readonly (readonly [number, number])[] = [[0, dayCount - 1]]
): Float64Array {
  // Only the given column ranges are filled (a sparse load leaves the rest unread): NaN elsewhere.
  const whole = columns.length === 1 && columns[0]?.[0] === 0 && columns[0][1] === dayCount - 1
  const out = whole ? new Float64Array(raw.length) : new Float64Array(raw.length).fill(NaN)
  for (let i = 0; i < coinCount; i += 1) {
    const base = i * dayCount
    for (const [a, b] of columns) asOfRun(raw, out, base, a, b)
  }
  return out
}

function asOfRun(raw: Float64Array, out: Float64Array, base: number, a: number, b: number): void {
  let lastT = a - AS_OF_LIMIT_DAYS - 1
  let lastV = NaN
  for (let t = a; t <= b; t += 1) {
    const v = raw[base + t] as number
    if (v === v) {
      lastT = t
      lastV = v
    }
    out[base + t] = t - lastT <= AS_OF_LIMIT_DAYS ? lastV : NaN
  }
}

/** asOfByDay works in tiles of this many coins x days, so both its reads and its writes stay in cache. */
const TILE_COINS = 8
const TILE_DAYS = 256

/**
 * The same as-of values as asOfSeries, laid out day-major ([t * coinCount + coin]): the daily
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
