/**
 * DESIGN.md 1.2, the as-of rule, written once for every reader of stored market values (the index
 * engine, the portfolio's valuation and the backtest): the as-of value of a series at date x is the
 * value of the latest date y <= x that has one, provided x - y <= 2 days; otherwise there is none.
 */

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

/**
 * The as-of rule over one coin's stored days (ascending): the index of the latest day <= `day`
 * that is at most AS_OF_LIMIT_DAYS older, or -1 when there is none.
 */
export function asOfIndex(days: Int32Array, day: number): number {
  const i = lastIndexAtOrBefore(days, day)
  return i >= 0 && day - (days[i] as number) <= AS_OF_LIMIT_DAYS ? i : -1
}

/** Binary search: the index of the last element <= value, or -1. */
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
