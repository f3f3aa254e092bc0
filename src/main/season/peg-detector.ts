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
 * of USD, of bitcoin or of ethereum on every day of the last 30 (DESIGN.md 1.4). Sliding-window
 * max/min with monotonic deques keep this linear in coins x days. Coins with `skip[i]` set (already
 * excluded for every date) are not examined. A coin is never compared with itself.
 *
 * Returns codes at [coin * span + (t - from)], span = to - from + 1.
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
  const ratios = new Float64Array(dayCount)
  const maxQ = new Int32Array(dayCount)
  const minQ = new Int32Array(dayCount)
  const references: [number, number][] = [
    [PEG_USD, -1],
    [PEG_BTC, btcIndex],
    [PEG_ETH, ethIndex]
  ]
  const start = Math.max(0, from - (PEG_WINDOW_DAYS - 1))
  for (let i = 0; i < coinCount; i += 1) {
    if (skip[i]) continue
    const base = i * dayCount
    for (const [code, ref] of references) {
      if (ref === i) continue
      if (code !== PEG_USD && ref < 0) continue
      const refBase = ref * dayCount
      let maxHead = 0
      let maxTail = 0
      let minHead = 0
      let minTail = 0
      let lastUndefined = start - 1
      for (let t = start; t <= to; t += 1) {
        const p = asOfPrice[base + t] as number
        const r = code === PEG_USD ? p : p / (asOfPrice[refBase + t] as number)
        if (r !== r) {
          // Every window containing t is undefined: start the deques afresh after it.
          lastUndefined = t
          maxHead = maxTail = minHead = minTail = 0
          continue
        }
        ratios[t] = r
        while (maxTail > maxHead && (ratios[maxQ[maxTail - 1] as number] as number) <= r) maxTail -= 1
        maxQ[maxTail++] = t
        while (minTail > minHead && (ratios[minQ[minTail - 1] as number] as number) >= r) minTail -= 1
        minQ[minTail++] = t
        const windowStart = t - (PEG_WINDOW_DAYS - 1)
        while ((maxQ[maxHead] as number) < windowStart) maxHead += 1
        while ((minQ[minHead] as number) < windowStart) minHead += 1
        if (t < from || windowStart < 0 || lastUndefined >= windowStart) continue
        const slot = i * span + (t - from)
        if (out[slot] !== PEG_NONE) continue
        const max = ratios[maxQ[maxHead] as number] as number
        const min = ratios[minQ[minHead] as number] as number
        if (max / min <= PEG_MAX_SPREAD) out[slot] = code
      }
    }
  }
  return out
}
