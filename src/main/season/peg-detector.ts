import { asOfAt } from '../market/as-of'

/** DESIGN.md 1.4: the window a peg must hold over (d-29 … d) and the band it must stay in. */
export const PEG_WINDOW_DAYS = 30
export const PEG_MAX_SPREAD = 1.02

/** Peg codes per coin and day; 0 = not pegged. Order = the order references are tried. */
export const PEG_NONE = 0
export const PEG_USD = 1
export const PEG_BTC = 2
export const PEG_ETH = 3
export const pegReasons = ['', 'pegged:usd', 'pegged:btc', 'pegged:eth'] as const

/** The peg code of a coin on a day index of the matrix (PEG_NONE when it is not pegged). */
export type PegCheck = (coin: number, t: number) => number

/**
 * Answers, for one coin and one day index t, whether its as-of price (asOfAt over the raw daily
 * prices) held within 2% of USD, of bitcoin or of ethereum on every day t-29 … t (DESIGN.md 1.4),
 * trying the references in that order. A coin is never compared with itself.
 *
 * The ranking asks only about coins that would otherwise make the cut on a day, so the question
 * is answered one coin-day at a time instead of for the whole matrix. Each answer scans the window
 * backwards from t and stops at the first undefined ratio or as soon as the ratios seen so far
 * spread over 2%: max only grows and min only shrinks as days are added, and rounded division is
 * monotonic, so no window holding those days can pass. That failing stretch is remembered per coin
 * and reference, and later days whose window still holds it fail without a scan; the ranking
 * walks the days forward, so most answers are one lookup and a pegged coin costs a 30-day scan.
 */
export function pegChecker(
  price: Float64Array,
  reach: Int8Array,
  dayCount: number,
  btcIndex: number,
  ethIndex: number
): PegCheck {
  const P = price
  const D = dayCount
  const last = PEG_WINDOW_DAYS - 1
  const coinCount = D > 0 ? Math.floor(P.length / D) : 0
  // Per (coin, reference): a stretch of day indexes [failFrom, failTo] no window may hold; none
  // yet (failTo past every day, so no window holds it).
  const failFrom = new Int32Array(coinCount * 3)
  const failTo = new Int32Array(coinCount * 3).fill(0x7fffffff)

  /** refBase < 0: the reference is USD (the constant 1), so the ratio is the price itself. */
  function holds(base: number, refBase: number, slot: number, t: number): boolean {
    if ((failFrom[slot] as number) >= t - last && (failTo[slot] as number) <= t) return false
    let max = NaN
    let min = NaN
    for (let k = t; k >= t - last; k -= 1) {
      const p = asOfAt(P, reach, base, k)
      const r = refBase < 0 ? p : p / asOfAt(P, reach, refBase, k)
      if (r !== r) {
        failFrom[slot] = k
        failTo[slot] = k
        return false
      }
      if (k === t) {
        max = r
        min = r
      } else if (r > max) max = r
      else if (r < min) min = r
      // Negated so that a NaN quotient (both bounds infinite) fails as it does in max/min <= 1.02.
      if (!(max / min <= PEG_MAX_SPREAD)) {
        failFrom[slot] = k
        failTo[slot] = t
        return false
      }
    }
    return true
  }

  return (coin: number, t: number): number => {
    // The window must lie inside the matrix: days before it have no value.
    if (t < last || t >= D) return PEG_NONE
    const base = coin * D
    const slot = coin * 3
    if (holds(base, -1, slot, t)) return PEG_USD
    if (btcIndex >= 0 && btcIndex !== coin && holds(base, btcIndex * D, slot + 1, t)) return PEG_BTC
    if (ethIndex >= 0 && ethIndex !== coin && holds(base, ethIndex * D, slot + 2, t)) return PEG_ETH
    return PEG_NONE
  }
}
