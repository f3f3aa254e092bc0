/**
 * DESIGN.md 1.5: the universe on a date is the eligible coins with an as-of market cap, sorted by
 * that cap descending and by id ascending on ties (coin index order is id order), cut at N.
 * A full sort of every coin each day would dominate the run time, so the N-th largest cap is
 * found by quickselect and only the coins at or above it are sorted.
 */
export interface DailyRanking {
  /** Largest N ranked. */
  size: number
  /** Coin indexes at [(t - from) * size + rank - 1]; -1 past `count`. */
  coins: Int32Array
  /** How many coins are ranked on each day (<= size). */
  count: Int32Array
}

export function rankUniverse(
  asOfCap: Float64Array,
  coinCount: number,
  dayCount: number,
  from: number,
  to: number,
  size: number,
  eligible: (coin: number, t: number) => boolean
): DailyRanking {
  const span = Math.max(0, to - from + 1)
  const coins = new Int32Array(span * size).fill(-1)
  const count = new Int32Array(span)
  const candIdx = new Int32Array(coinCount)
  const candCap = new Float64Array(coinCount)
  const scratch = new Float64Array(coinCount)
  const chosen: number[] = []
  for (let t = from; t <= to; t += 1) {
    let n = 0
    for (let i = 0; i < coinCount; i += 1) {
      const c = asOfCap[i * dayCount + t] as number
      if (c !== c || !eligible(i, t)) continue
      candIdx[n] = i
      candCap[n] = c
      n += 1
    }
    chosen.length = 0
    if (n <= size) {
      for (let k = 0; k < n; k += 1) chosen.push(k)
    } else {
      scratch.set(candCap.subarray(0, n))
      const threshold = kthLargest(scratch, n, size - 1)
      // Strictly above the threshold are certainly in; ties at it fill the rest in id order.
      let above = 0
      for (let k = 0; k < n; k += 1) if ((candCap[k] as number) > threshold) above += 1
      let tiesLeft = size - above
      for (let k = 0; k < n; k += 1) {
        const c = candCap[k] as number
        if (c > threshold) chosen.push(k)
        else if (c === threshold && tiesLeft > 0) {
          chosen.push(k)
          tiesLeft -= 1
        }
      }
    }
    chosen.sort((a, b) => (candCap[b] as number) - (candCap[a] as number) || (candIdx[a] as number) - (candIdx[b] as number))
    const m = Math.min(size, chosen.length)
    const base = (t - from) * size
    for (let r = 0; r < m; r += 1) coins[base + r] = candIdx[chosen[r] as number] as number
    count[t - from] = m
  }
  return { size, coins, count }
}

/** The k-th largest (0-based) of values[0..n); reorders values. */
export function kthLargest(values: Float64Array, n: number, k: number): number {
  let lo = 0
  let hi = n - 1
  while (hi > lo) {
    const mid = (lo + hi) >>> 1
    const pivot = median3(values[lo] as number, values[mid] as number, values[hi] as number)
    let i = lo
    let j = hi
    while (i <= j) {
      while ((values[i] as number) > pivot) i += 1
      while ((values[j] as number) < pivot) j -= 1
      if (i <= j) {
        const tmp = values[i] as number
        values[i] = values[j] as number
        values[j] = tmp
        i += 1
        j -= 1
      }
    }
    if (k <= j) hi = j
    else if (k >= i) lo = i
    else return values[k] as number
  }
  return values[k] as number
}

function median3(a: number, b: number, c: number): number {
  if (a > b) [a, b] = [b, a]
  if (b > c) b = c
  return a > b ? a : b
}
