import { PEG_NONE } from './peg-detector'
import type { PegCheck } from './peg-detector'

/**
 * DESIGN.md 1.5: the universe on a date is the eligible coins with an as-of market cap, sorted by
 * that cap descending and by id ascending on ties (coin index order is id order), cut at N.
 *
 * Which coins are in each cut (top 50, top 100) is a quickselect per day; the order inside the
 * cut, which the breakdown shows and the history stores for coin pages, is one short sort of it.
 * Yesterday's N-th cap, halved, pre-filters today's candidates: when at least N eligible coins
 * pass it, the top N are certainly among them; otherwise every coin is looked at.
 *
 * The peg detector is asked only about coins that would make the cut: the top N candidates by
 * cap are selected, the pegged among them are dropped, and the next best fill their places until
 * N unpegged coins are found or the candidates run out. So a day costs about N peg checks instead
 * of one per coin.
 */

export interface DailyRanking {
  /** Largest N ranked. */
  size: number
  /**
   * Coin indexes at [(t - from) * size + k]; -1 past `count`. For every requested cut c, the
   * first c entries are exactly the top c (in rank order only when `ordered` was asked for).
   */
  coins: Int32Array
  /** How many coins are ranked on each day (<= size). */
  count: Int32Array
}

export interface RankOptions {
  /** As-of market caps, day-major: [t * coinCount + coin]. */
  capByDay: Float64Array
  coinCount: number
  from: number
  to: number
  /** Cuts to honour, e.g. [100, 50]; the largest is the ranking's size. */
  cuts: readonly number[]
  /** Coins out on every date (1 = excluded). */
  skip: Uint8Array
  /** The peg detector (coin, day index) => code, non-zero = pegged that day; null = detection off. */
  pegs: PegCheck | null
  ordered?: boolean
}

export function rankUniverse(options: RankOptions): DailyRanking {
  const { capByDay, coinCount, from, to, skip, pegs } = options
  const cuts = [...options.cuts].sort((a, b) => b - a)
  const size = cuts[0] ?? 0
  const span = Math.max(0, to - from + 1)
  const coins = new Int32Array(span * size).fill(-1)
  const count = new Int32Array(span)
  const idx = new Int32Array(coinCount)
  const val = new Float64Array(coinCount)
  let guess = -Infinity
  for (let t = from; t <= to; t += 1) {
    let m = 0
    for (let attempt = 0; attempt < 2; attempt += 1) {
      let n = 0
      const floor = attempt === 0 ? guess : -Infinity
      for (let i = 0, row = t * coinCount; i < coinCount; i += 1) {
        const c = capByDay[row + i] as number
        // NaN fails every comparison, so coins without an as-of cap drop out here.
        if (!(c >= floor) || skip[i] !== 0) continue
        idx[n] = i
        val[n] = c
        n += 1
      }
      m = pegs === null ? topOf(idx, val, n, size) : topUnpegged(idx, val, n, size, pegs, t)
      if (m >= size || floor === -Infinity) break
    }
    // The first m pairs are the top m in some order; each smaller cut selects within the one before.
    for (const cut of cuts) if (cut < m) select(idx, val, 0, m - 1, cut - 1)
    if (options.ordered) sortHead(idx, val, m)
    coins.set(idx.subarray(0, m), (t - from) * size)
    count[t - from] = m
    // The size-th cap is the smallest among the chosen; half of it is tomorrow's pre-filter.
    let low = Infinity
    for (let k = 0; k < m; k += 1) low = Math.min(low, val[k] as number)
    guess = m === size ? low * 0.5 : -Infinity
  }
  return { size, coins, count }
}

/** Moves the top `size` of the n candidates to the front (any order); returns how many there are. */
function topOf(idx: Int32Array, val: Float64Array, n: number, size: number): number {
  if (n > size) select(idx, val, 0, n - 1, size - 1)
  return Math.min(n, size)
}

/**
 * Like topOf, but skipping pegged coins: [0, good) holds checked unpegged coins, [good, n) the
 * unchecked rest. Each round selects the best `size - good` of the rest, keeps the unpegged among
 * them and drops the pegged, until the cut is full or nothing is left.
 */
function topUnpegged(idx: Int32Array, val: Float64Array, n: number, size: number, pegs: PegCheck, t: number): number {
  let good = 0
  let left = n
  while (good < size && left > good) {
    if (left > size) select(idx, val, good, left - 1, size - 1)
    const end = Math.min(left, size)
    let kept = good
    for (let k = good; k < end; k += 1) {
      const i = idx[k] as number
      if (pegs(i, t) !== PEG_NONE) continue
      const v = val[k] as number
      idx[k] = idx[kept] as number
      val[k] = val[kept] as number
      idx[kept] = i
      val[kept] = v
      kept += 1
    }
    // [kept, end) are pegged: the unchecked tail closes the gap.
    if (kept < end) {
      idx.copyWithin(kept, end, left)
      val.copyWithin(kept, end, left)
      left -= end - kept
    }
    good = kept
  }
  return good
}

/**
 * Reorders the pairs (idx, val)[lo..hi] so that position k holds the pair of rank k and those
 * before it rank before it: larger value first, equal values by smaller index (= smaller id).
 */
function select(idx: Int32Array, val: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1
    const pv = val[mid] as number
    const pi = idx[mid] as number
    let i = lo
    let j = hi
    while (i <= j) {
      for (;;) {
        const v = val[i] as number
        if (v > pv || (v === pv && (idx[i] as number) < pi)) i += 1
        else break
      }
      for (;;) {
        const v = val[j] as number
        if (pv > v || (pv === v && pi < (idx[j] as number))) j -= 1
        else break
      }
      if (i <= j) {
        const ti = idx[i] as number
        const tv = val[i] as number
        idx[i] = idx[j] as number
        val[i] = val[j] as number
        idx[j] = ti
        val[j] = tv
        i += 1
        j -= 1
      }
    }
    if (k <= j) hi = j
    else if (k >= i) lo = i
    else return
  }
}

/**
 * Puts the first m pairs in rank order (larger value first, equal values by smaller index). An
 * insertion sort on the typed arrays: m is at most the universe size (100), the selects have
 * already left the cuts in order, and the history sorts every day of every rebuild.
 */
function sortHead(idx: Int32Array, val: Float64Array, m: number): void {
  for (let k = 1; k < m; k += 1) {
    const i = idx[k] as number
    const v = val[k] as number
    let j = k - 1
    for (; j >= 0; j -= 1) {
      const w = val[j] as number
      if (w > v || (w === v && (idx[j] as number) < i)) break
      idx[j + 1] = idx[j] as number
      val[j + 1] = w
    }
    idx[j + 1] = i
    val[j + 1] = v
  }
}
