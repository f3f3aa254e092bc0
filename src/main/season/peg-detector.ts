/** DESIGN.md 1.4: the window a peg must hold over (d-29 … d) and the band it must stay in. */
export const PEG_WINDOW_DAYS = 30
export const PEG_MAX_SPREAD = 1.02

/** Peg codes stored per coin and day; 0 = not pegged. Order = the order references are tried. */
export const PEG_NONE = 0
export const PEG_USD = 1
export const PEG_BTC = 2
export const PEG_ETH = 3
export const pegReasons = ['', 'pegged:usd', 'pegged:btc', 'pegged:eth'] as const

/**
 * Marks, for each coin and each day index in [from, to], whether its as-of price held within 2%
 * of USD, of bitcoin or of ethereum on every day of the last 30 (DESIGN.md 1.4). Coins with
 * `skip[i]` set (already excluded for every date) are not examined. A coin is never compared
 * with itself.
 *
 * Most windows fail fast: if two neighbouring days' ratios differ by more than 2%, no window
 * holding both can pass (max/min is at least the larger/smaller of any pair, and rounded division
 * is monotonic). So one cheap pass splits the days into stretches without such a jump, and only
 * stretches of 30 days or more get the exact 30-day max/min (van Herk/Gil-Werman: running max/min
 * from the start and the end of fixed 30-day blocks, a few comparisons per day).
 *
 * Returns codes at [(t - from) * coinCount + coin]: day-major, as the daily ranking reads them.
 */
export function detectPegs(
  asOfPrice: Float64Array,
  coinCount: number,
  dayCount: number,
  from: number,
  to: number,
  btcIndex: number,
  ethIndex: number,
  skip: Uint8Array
): Uint8Array {
  const span = Math.max(0, to - from + 1)
  const out = new Uint8Array(coinCount * span)
  if (span === 0) return out
  const start = Math.max(0, from - (PEG_WINDOW_DAYS - 1))
  const length = to - start + 1
  const work: Scratch = {
    ratio: new Float64Array(length),
    preMax: new Float64Array(length),
    preMin: new Float64Array(length),
    sufMax: new Float64Array(length),
    sufMin: new Float64Array(length)
  }
  const references: [number, number][] = [
    [PEG_USD, -1],
    [PEG_BTC, btcIndex],
    [PEG_ETH, ethIndex]
  ]
  const ratio = work.ratio
  for (let i = 0; i < coinCount; i += 1) {
    if (skip[i]) continue
    const base = i * dayCount + start
    for (const [code, ref] of references) {
      if (ref === i || (code !== PEG_USD && ref < 0)) continue
      const refBase = ref * dayCount + start
      // A stretch: consecutive days with ratios and no neighbour-to-neighbour jump over 2%.
      let stretchStart = 0
      let prev = NaN
      for (let k = 0; k <= length; k += 1) {
        let r = NaN
        if (k < length) {
          const p = asOfPrice[base + k] as number
          r = code === PEG_USD ? p : p / (asOfPrice[refBase + k] as number)
          ratio[k] = r
        }
        const breaks = r !== r || (prev === prev && (r > prev ? r / prev : prev / r) > PEG_MAX_SPREAD)
        if (breaks) {
          if (k - stretchStart >= PEG_WINDOW_DAYS) markStretch(work, stretchStart, k - 1, start, from, out, i, coinCount, code)
          stretchStart = r === r ? k : k + 1
        }
        prev = r
      }
    }
  }
  return out
}

interface Scratch {
  ratio: Float64Array
  preMax: Float64Array
  preMin: Float64Array
  sufMax: Float64Array
  sufMin: Float64Array
}

/** Exact 30-day max/min over ratio[s..e] (all defined); marks the days whose window holds the peg. */
function markStretch(w: Scratch, s: number, e: number, start: number, from: number, out: Uint8Array, coin: number, coinCount: number, code: number): void {
  const W = PEG_WINDOW_DAYS
  const { ratio, preMax, preMin, sufMax, sufMin } = w
  for (let k = s, pos = 0; k <= e; k += 1, pos += 1) {
    const r = ratio[k] as number
    if (pos === W) pos = 0
    if (pos === 0) {
      preMax[k] = r
      preMin[k] = r
    } else {
      const pm = preMax[k - 1] as number
      const pn = preMin[k - 1] as number
      preMax[k] = r > pm ? r : pm
      preMin[k] = r < pn ? r : pn
    }
  }
  for (let k = e, pos = (e - s) % W; k >= s; k -= 1, pos -= 1) {
    const r = ratio[k] as number
    if (pos < 0) pos = W - 1
    if (pos === W - 1 || k === e) {
      sufMax[k] = r
      sufMin[k] = r
    } else {
      const sm = sufMax[k + 1] as number
      const sn = sufMin[k + 1] as number
      sufMax[k] = r > sm ? r : sm
      sufMin[k] = r < sn ? r : sn
    }
  }
  for (let k = Math.max(s + W - 1, from - start); k <= e; k += 1) {
    const slot = (start + k - from) * coinCount + coin
    if (out[slot] !== PEG_NONE) continue
    const ws = k - (W - 1)
    const a = sufMax[ws] as number
    const b = preMax[k] as number
    const c = sufMin[ws] as number
    const d = preMin[k] as number
    if ((a > b ? a : b) / (c < d ? c : d) <= PEG_MAX_SPREAD) out[slot] = code
  }
}
