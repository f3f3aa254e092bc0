import { AS_OF_LIMIT_DAYS, asOfAt, asOfReach } from '../market/as-of'
import type { MarketReads } from '../market/market-reads'
import { BITCOIN_ID, ETHEREUM_ID, staticExclusionReason } from './exclusions'
import { buildMatrix } from './market-matrix'
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
function lookback(window: number): number {
  return Math.max(window, PEG_WINDOW_DAYS - 1) + AS_OF_LIMIT_DAYS
}

/**
 * One coin's index history over [from, to]: its stored rank (written by the history, so no day is
 * re-ranked), its window ratio against bitcoin's, and why it was out. Reads only this coin's,
 * bitcoin's and ethereum's prices, so ten years cost a few thousand rows.
 */
export function coinMembership(
  market: MarketReads,
  repo: SeasonRepo,
  coinId: string,
  from: number,
  to: number,
  variant: Variant
): MembershipDay[] {
  if (to < from) return []
  const first = from - lookback(variant.window)
  const ids = [...new Set([coinId, BITCOIN_ID, ETHEREUM_ID])]
  const rows = ids.flatMap((id) =>
    [...market.coinRows(id, first, to)].map(([day, price, marketCap]) => ({ coinId: id, day, price, marketCap }))
  )
  const matrix = buildMatrix(rows, first, to, market.categories(), ids)
  const D = matrix.dayCount
  const reach = asOfReach(D)
  const coin = matrix.ids.indexOf(coinId)
  const btc = matrix.ids.indexOf(BITCOIN_ID)
  const eth = matrix.ids.indexOf(ETHEREUM_ID)
  const P = matrix.price
  const staticReason = staticExclusionReason(coinId, matrix.categories[coin] ?? [])
  const pegs = variant.pegDetection && staticReason === null ? pegChecker(P, reach, D, btc, eth) : null
  const stored = repo.ranksOf(coinId, variant.pegDetection)
  const out: MembershipDay[] = []
  for (let day = from; day <= to; day += 1) {
    const t = day - first
    const past = t - variant.window
    const byte = stored ? (stored.ranks[day - stored.firstDay] ?? 0) : 0
    const rank = byte > 0 && byte <= variant.top ? byte : null
    const now = asOfAt(P, reach, coin * D, t)
    const then = asOfAt(P, reach, coin * D, past)
    const btcRatio = asOfAt(P, reach, btc * D, t) / asOfAt(P, reach, btc * D, past)
    const ratio = now / then
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
    } else if (pegs !== null && asOfAt(matrix.cap, reach, coin * D, t) > 0) {
      // As the breakdown: the peg is asked of coins with an as-of market cap that day.
      const peg = pegs(coin, t)
      if (peg !== PEG_NONE) {
        entry.status = 'excluded'
        entry.reason = pegReasons[peg] as string
        entry.pegSpread = pegSpread(P, reach, coin * D, peg === 1 ? -1 : (peg === 2 ? btc : eth) * D, t)
      }
    }
    out.push(entry)
  }
  return out
}

/** max / min of the coin's price over the reference on days t-29 … t: the peg's evidence. */
function pegSpread(P: Float64Array, reach: Int8Array, base: number, refBase: number, t: number): number {
  let max = -Infinity
  let min = Infinity
  for (let k = t - PEG_WINDOW_DAYS + 1; k <= t; k += 1) {
    const p = asOfAt(P, reach, base, k)
    const r = refBase < 0 ? p : p / asOfAt(P, reach, refBase, k)
    max = Math.max(max, r)
    min = Math.min(min, r)
  }
  return max / min
}
