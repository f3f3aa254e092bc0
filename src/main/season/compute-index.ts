import { BITCOIN_ID, ETHEREUM_ID, staticExclusionReason } from './exclusions'
import { asOfAt, asOfByDay, asOfReach } from '../market/as-of'
import type { MarketMatrix } from './market-matrix'
import { PEG_NONE, pegChecker, pegReasons } from './peg-detector'
import type { PegCheck } from './peg-detector'
import { rankUniverse } from './rank-universe'
import type { DailyRanking } from './rank-universe'

/** A matrix with its as-of series and fixed exclusions worked out once, shared by every variant. */
export interface PreparedMarket {
  matrix: MarketMatrix
  /**
   * Per day: how far back an as-of lookup may reach (see asOfReach). Prices are looked up as-of
   * where they are read (asOfAt on matrix.price): the history reads only the ranked coins' prices
   * and the peg detector only the candidates', so no whole as-of price matrix is built.
   */
  reach: Int8Array
  /** As-of market caps, day-major: [t * coinCount + coin] (the ranking reads a day at a time). */
  asOfCapByDay: Float64Array
  /** Per coin: why it is out on every date ('benchmark', 'category:…', 'curated'), or null. */
  staticReason: (string | null)[]
  staticSkip: Uint8Array
  btc: number
  eth: number
}

/**
 * `columns` (column index ranges) limits the as-of work to the days a sparse load filled; the
 * days outside them must then never be asked for.
 */
export function prepareMarket(matrix: MarketMatrix, columns?: readonly (readonly [number, number])[]): PreparedMarket {
  const n = matrix.ids.length
  const staticReason = matrix.ids.map((id, i) => staticExclusionReason(id, matrix.categories[i] ?? []))
  const staticSkip = Uint8Array.from(staticReason, (reason) => (reason === null ? 0 : 1))
  return {
    matrix,
    reach: asOfReach(matrix.dayCount, columns),
    asOfCapByDay: asOfByDay(matrix.cap, n, matrix.dayCount, columns),
    staticReason,
    staticSkip,
    btc: matrix.ids.indexOf(BITCOIN_ID),
    eth: matrix.ids.indexOf(ETHEREUM_ID)
  }
}

export interface VariantSeries {
  top: number
  window: number
  /** Per day from `firstDay`: 100 * outperformers / measured, NaN when the day has no value. */
  value: Float64Array
  outperformers: Int32Array
  measured: Int32Array
  unmeasured: Int32Array
}

export interface HistoryResult {
  firstDay: number
  dayCount: number
  pegDetection: boolean
  variants: VariantSeries[]
  /** Each day's ranked coins in rank order (the largest cut), so coin pages can show a coin's rank. */
  ranking: DailyRanking
}

interface DayRange {
  /** Column indexes into the matrix, inclusive. */
  from: number
  to: number
}

function columnRange(matrix: MarketMatrix, fromDay?: number, toDay?: number): DayRange {
  const from = Math.max(0, (fromDay ?? matrix.firstDay) - matrix.firstDay)
  const to = Math.min(matrix.dayCount - 1, (toDay ?? matrix.firstDay + matrix.dayCount - 1) - matrix.firstDay)
  return { from, to }
}

/** Ranks the universe for each day of the range with peg detection on or off (shared by all variants). */
export function rankDays(
  market: PreparedMarket,
  range: DayRange,
  cuts: readonly number[],
  pegDetection: boolean,
  ordered = false
): { ranking: DailyRanking; pegs: PegCheck | null } {
  const { matrix } = market
  const n = matrix.ids.length
  const D = matrix.dayCount
  const pegs = pegDetection ? pegChecker(matrix.price, market.reach, D, market.btc, market.eth) : null
  const ranking = rankUniverse({
    capByDay: market.asOfCapByDay,
    coinCount: n,
    from: range.from,
    to: range.to,
    cuts,
    skip: market.staticSkip,
    pegs,
    ordered
  })
  return { ranking, pegs }
}

/**
 * The full daily history of every (top, window) variant over [fromDay, toDay] (DESIGN.md 1.5–1.7).
 * One ranking per day serves every variant: the top 50 is the head of the top 100.
 */
export function computeHistory(
  market: PreparedMarket,
  options: {
    tops: readonly number[]
    windows: readonly number[]
    pegDetection: boolean
    fromDay?: number
    toDay?: number
  }
): HistoryResult {
  const { matrix } = market
  const range = columnRange(matrix, options.fromDay, options.toDay)
  const span = Math.max(0, range.to - range.from + 1)
  const tops = [...options.tops].sort((a, b) => a - b)
  const maxTop = tops[tops.length - 1] ?? 0
  // Ordered, so the stored ranks match what one day's breakdown says (computeBreakdown).
  const { ranking } = rankDays(market, range, tops, options.pegDetection, true)
  const D = matrix.dayCount
  const { reach } = market
  const P = matrix.price
  const btcBase = market.btc * D
  const variants: VariantSeries[] = []
  for (const window of options.windows) {
    const series = tops.map((top) => ({
      top,
      window,
      value: new Float64Array(span).fill(NaN),
      outperformers: new Int32Array(span),
      measured: new Int32Array(span),
      unmeasured: new Int32Array(span)
    }))
    for (let t = range.from; t <= range.to; t += 1) {
      const s = t - range.from
      const past = t - window
      if (market.btc < 0 || past < 0) continue
      const btcNow = asOfAt(P, reach, btcBase, t)
      const btcPast = asOfAt(P, reach, btcBase, past)
      if (btcNow !== btcNow || btcPast !== btcPast) continue
      const btcRatio = btcNow / btcPast
      const ranked = ranking.count[s] as number
      let outperformers = 0
      let measured = 0
      let r = 0
      for (const variant of series) {
        const limit = Math.min(variant.top, ranked)
        for (; r < limit; r += 1) {
          const i = ranking.coins[s * maxTop + r] as number
          const now = asOfAt(P, reach, i * D, t)
          const then = asOfAt(P, reach, i * D, past)
          if (now !== now || then !== then) continue
          measured += 1
          if (now / then > btcRatio) outperformers += 1
        }
        variant.outperformers[s] = outperformers
        variant.measured[s] = measured
        variant.unmeasured[s] = limit - measured
        if (measured > 0) variant.value[s] = (100 * outperformers) / measured
      }
    }
    variants.push(...series)
  }
  return {
    firstDay: matrix.firstDay + range.from,
    dayCount: span,
    pegDetection: options.pegDetection,
    variants,
    ranking
  }
}

export interface RankedCoinRow {
  coin: number
  rank: number
  marketCap: number
  ratio: number | null
  outperforms: boolean | null
}

export interface DayBreakdown {
  day: number
  top: number
  window: number
  /** null when the day has no value (bitcoin lacks a price, or no ranked coin is measured). */
  value: number | null
  outperformers: number
  measured: number
  unmeasured: number
  btcRatio: number | null
  coins: RankedCoinRow[]
  /** Coins with an as-of market cap on the day that are kept out, largest first; bitcoin is the benchmark and not listed. */
  excluded: { coin: number; reason: string; marketCap: number }[]
}

/** One day of one variant with the per-coin detail behind its number. */
export function computeBreakdown(
  market: PreparedMarket,
  day: number,
  top: number,
  window: number,
  pegDetection: boolean
): DayBreakdown {
  const { matrix } = market
  const t = day - matrix.firstDay
  if (t < 0 || t >= matrix.dayCount) throw new RangeError(`day ${day} is outside the matrix`)
  const D = matrix.dayCount
  const n = matrix.ids.length
  const { reach } = market
  const P = matrix.price
  const { ranking, pegs } = rankDays(market, { from: t, to: t }, [top], pegDetection, true)
  const past = t - window
  const btcNow = market.btc >= 0 ? asOfAt(P, reach, market.btc * D, t) : NaN
  const btcPast = market.btc >= 0 && past >= 0 ? asOfAt(P, reach, market.btc * D, past) : NaN
  const btcRatio = btcNow / btcPast
  const coins: RankedCoinRow[] = []
  let outperformers = 0
  let measured = 0
  for (let r = 0; r < (ranking.count[0] as number); r += 1) {
    const i = ranking.coins[r] as number
    const now = asOfAt(P, reach, i * D, t)
    const then = past >= 0 ? asOfAt(P, reach, i * D, past) : NaN
    const has = now === now && then === then
    const ratio = has ? now / then : null
    const outperforms = ratio === null ? null : btcRatio === btcRatio ? ratio > btcRatio : null
    if (has) measured += 1
    if (outperforms) outperformers += 1
    coins.push({ coin: i, rank: r + 1, marketCap: market.asOfCapByDay[t * n + i] as number, ratio, outperforms })
  }
  const excluded: DayBreakdown['excluded'] = []
  for (let i = 0; i < matrix.ids.length; i += 1) {
    const cap = market.asOfCapByDay[t * n + i] as number
    if (cap !== cap || i === market.btc) continue
    const peg = market.staticReason[i] === null && pegs !== null ? pegs(i, t) : PEG_NONE
    const reason = market.staticReason[i] ?? (peg !== PEG_NONE ? pegReasons[peg] : null)
    if (reason) excluded.push({ coin: i, reason, marketCap: cap })
  }
  excluded.sort((a, b) => b.marketCap - a.marketCap || a.coin - b.coin)
  const hasValue = btcRatio === btcRatio && measured > 0
  return {
    day,
    top,
    window,
    value: hasValue ? (100 * outperformers) / measured : null,
    outperformers: hasValue ? outperformers : 0,
    measured,
    unmeasured: coins.length - measured,
    btcRatio: btcRatio === btcRatio ? btcRatio : null,
    coins,
    excluded
  }
}

/**
 * DESIGN.md 1.10: bitcoin's as-of market cap over the sum of every stored coin's as-of market cap
 * (stablecoins included), in percent; NaN on days bitcoin has no cap.
 */
export function computeDominance(
  market: PreparedMarket,
  fromDay?: number,
  toDay?: number
): { firstDay: number; values: Float64Array } {
  const { matrix } = market
  const range = columnRange(matrix, fromDay, toDay)
  const span = Math.max(0, range.to - range.from + 1)
  const values = new Float64Array(span).fill(NaN)
  const n = matrix.ids.length
  const caps = market.asOfCapByDay
  if (market.btc >= 0) {
    for (let t = range.from; t <= range.to; t += 1) {
      // Summed in coin order, one day at a time.
      let total = 0
      for (let i = 0, k = t * n; i < n; i += 1, k += 1) {
        const c = caps[k] as number
        if (c === c) total += c
      }
      const btc = caps[t * n + market.btc] as number
      if (btc === btc) values[t - range.from] = (100 * btc) / total
    }
  }
  return { firstDay: matrix.firstDay + range.from, values }
}
