import { AS_OF_LIMIT_DAYS, asOfAt, asOfReach } from '../market/as-of'
import type { CoinValues, MarketReads, PriceSeries } from '../market/market-reads'
import { BITCOIN_ID, ETHEREUM_ID, staticExclusionReason } from './exclusions'
import { PEG_NONE, PEG_WINDOW_DAYS, pegChecker, pegReasons } from './peg-detector'
import type { SeasonRepo } from './season-repo'
import type { Variant } from './variants'

/**
 * Where one coin stood in the index on one day, by the same rules as that day's breakdown:
 * - outperformer / measured: ranked and measured, beating bitcoin or not (outperforms null when
 *   bitcoin itself lacks a price, so the day has no value);
 * - ranked: in the top N without a full window of prices (left out of the count, DESIGN.md 1.6);
 * - excluded: the benchmark, an excluded category, the curated list, or the peg detector that day;
 * - outside: not among the top N, or no as-of market cap that day.
 */
export type MembershipStatus = 'outperformer' | 'measured' | 'ranked' | 'excluded' | 'outside'

export interface MembershipDay {
  day: number
  status: MembershipStatus
  /** Rank in the universe (1 = largest eligible cap); null when not ranked in this variant. */
  rank: number | null
  /** p(d) / p(d - W) with as-of prices; null without both. */
  ratio: number | null
  btcRatio: number | null
  outperforms: boolean | null
  /** As in the breakdown: 'benchmark', 'category:…', 'curated', 'pegged:usd|btc|eth'; null when not excluded. */
  reason: string | null
  /** For a peg: the largest / smallest price ratio to the reference over the 30 days (<= 1.02). */
  pegSpread: number | null
}

/** Days read before `from`: a full window back for the ratios, the peg's 30 days, each reaching 2 days further. */
export function membershipLookback(window: number): number {
  return Math.max(window, PEG_WINDOW_DAYS - 1) + AS_OF_LIMIT_DAYS
}

/** Spreads a sparse series over day columns from `first`, NaN where it has no value. */
function dense(out: Float64Array, base: number, first: number, count: number, days: Int32Array, values: Float64Array) {
  for (let k = 0; k < days.length; k += 1) {
    const t = (days[k] as number) - first
    if (t >= 0 && t < count) out[base + t] = values[k] as number
  }
}

/**
 * One coin's index history over [from, to]: its stored rank (written by the history, so no day is
 * re-ranked), its window ratio against bitcoin's, and why it was out. Reads only this coin's,
 * bitcoin's and ethereum's prices, so ten years cost a few thousand rows. `values` are the coin's
 * stored days (and bitcoin's prices) from `from - membershipLookback(window)` to `to`, when the caller
 * has them already.
 */
export function coinMembership(
  market: MarketReads,
  repo: SeasonRepo,
  coinId: string,
  from: number,
  to: number,
  variant: Variant,
  preloaded: { values?: CoinValues; btc?: PriceSeries | null } = {}
): MembershipDay[] {
  if (to < from) return []
  const first = from - membershipLookback(variant.window)
  const D = to - first + 1
  const own = preloaded.values ?? market.coinValues(coinId, first, to)
  const read = (id: string): PriceSeries | null =>
    id === coinId
      ? { days: own.days, prices: own.price }
      : id === BITCOIN_ID && preloaded.btc !== undefined
        ? preloaded.btc
        : market.priceRanges(id, [[first, to]])
  // Rows: 0 the coin, 1 bitcoin, 2 ethereum (a coin is never compared with itself).
  const P = new Float64Array(3 * D).fill(NaN)
  const cap = new Float64Array(D).fill(NaN)
  dense(P, 0, first, D, own.days, own.price)
  dense(cap, 0, first, D, own.days, own.cap)
  const btcSeries = read(BITCOIN_ID)
  const ethSeries = read(ETHEREUM_ID)
  if (btcSeries) dense(P, D, first, D, btcSeries.days, btcSeries.prices)
  if (ethSeries) dense(P, 2 * D, first, D, ethSeries.days, ethSeries.prices)
  const btc = coinId === BITCOIN_ID ? 0 : 1
  const eth = coinId === ETHEREUM_ID ? 0 : 2
  const reach = asOfReach(D)
  const staticReason = staticExclusionReason(coinId, market.categories().get(coinId) ?? [])
  const pegs = variant.pegDetection && staticReason === null ? pegChecker(P, reach, D, btc, eth) : null
  const stored = repo.ranksOf(coinId, variant.pegDetection)
  const out: MembershipDay[] = []
  for (let day = from; day <= to; day += 1) {
    const t = day - first
    const past = t - variant.window
    const byte = stored ? (stored.ranks[day - stored.firstDay] ?? 0) : 0
    const rank = byte > 0 && byte <= variant.top ? byte : null
    const ratio = asOfAt(P, reach, 0, t) / asOfAt(P, reach, 0, past)
    const btcRatio = asOfAt(P, reach, btc * D, t) / asOfAt(P, reach, btc * D, past)
    const entry: MembershipDay = {
      day,
      status: 'outside',
      rank,
      ratio: ratio === ratio ? ratio : null,
      btcRatio: btcRatio === btcRatio ? btcRatio : null,
      outperforms: null,
      reason: null,
      pegSpread: null
    }
    if (rank !== null) {
      if (ratio !== ratio) entry.status = 'ranked'
      else {
        entry.outperforms = btcRatio === btcRatio ? ratio > btcRatio : null
        entry.status = entry.outperforms ? 'outperformer' : 'measured'
      }
    } else if (staticReason !== null) {
      entry.status = 'excluded'
      entry.reason = staticReason
    } else if (pegs !== null && asOfAt(cap, reach, 0, t) > 0) {
      // As the breakdown: the peg is asked of coins with an as-of market cap that day.
      const peg = pegs(0, t)
      if (peg !== PEG_NONE) {
        entry.status = 'excluded'
        entry.reason = pegReasons[peg] as string
        entry.pegSpread = pegSpread(P, reach, peg === 1 ? -1 : (peg === 2 ? btc : eth) * D, t)
      }
    }
    out.push(entry)
  }
  return out
}

/** max / min of the coin's price (row 0) over the reference on days t-29 … t: the peg's evidence. */
function pegSpread(P: Float64Array, reach: Int8Array, refBase: number, t: number): number {
  let max = -Infinity
  let min = Infinity
  for (let k = t - PEG_WINDOW_DAYS + 1; k <= t; k += 1) {
    const p = asOfAt(P, reach, 0, k)
    const r = refBase < 0 ? p : p / asOfAt(P, reach, refBase, k)
    max = Math.max(max, r)
    min = Math.min(min, r)
  }
  return max / min
}
