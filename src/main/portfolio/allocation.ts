import type { Database } from 'better-sqlite3'
import type { Bucket } from '../../shared/contract/portfolio'
import type { IndexResult } from '../../shared/contract/season'
import { dayNumberOf } from '../../shared/dates'
import { AppError } from '../../shared/errors'
import { loadPriceBook } from './price-book'
import { computeHoldings } from './valuation'

/**
 * The one thing the portfolio needs from the season index: the ranked set and window returns on
 * a date. Kept this narrow so the portfolio depends on nothing else of the season service.
 */
export interface SeasonIndexSource {
  getIndex(input?: { date?: string; top?: 100 | 50; window?: 90 | 30 | 365 }): IndexResult
}

const BUCKETS: readonly Bucket[] = ['bitcoin', 'altcoin-ranked', 'altcoin-other', 'stablecoin', 'unpriced']

/** The latest index, or null with the reason in words (no market data yet, too little history). */
export function latestIndex(
  season: SeasonIndexSource | null,
  top?: 100 | 50,
  window?: 90 | 30 | 365
): { index: IndexResult | null; note: string | null } {
  if (!season) return { index: null, note: 'The season index is not available in this runtime.' }
  try {
    return { index: season.getIndex({ ...(top ? { top } : {}), ...(window ? { window } : {}) }), note: null }
  } catch (error) {
    if (error instanceof AppError) return { index: null, note: error.message }
    throw error
  }
}

/**
 * Value by bucket (wrapped bitcoin counts as Bitcoin; altcoins split by whether the index ranks
 * them) and the season view: each held altcoin's return over the index window against Bitcoin's,
 * measured as the index measures it, p(d) / p(d − W) with as-of prices.
 */
export function computeAllocation(
  db: Database,
  season: SeasonIndexSource | null,
  method: 'fifo' | 'hifo' | 'average',
  top?: 100 | 50,
  window?: 90 | 30 | 365
) {
  const { index, note } = latestIndex(season, top, window)
  const ranked = index ? new Set(index.coins.map((c) => c.id)) : null
  const holdings = computeHoldings(db, method, ranked)
  const sums = new Map<Bucket, number>(BUCKETS.map((b) => [b, 0]))
  let total = 0
  for (const h of holdings.holdings) {
    if (h.value === null || h.value <= 0) continue
    sums.set(h.bucket, (sums.get(h.bucket) ?? 0) + h.value)
    total += h.value
  }
  const buckets = BUCKETS.filter((b) => b !== 'unpriced').map((bucket) => ({
    bucket,
    value: sums.get(bucket) ?? 0,
    share: total > 0 ? (sums.get(bucket) ?? 0) / total : 0
  }))
  let seasonView = null
  if (index) {
    const day = dayNumberOf(index.date) as number
    const altcoins = holdings.holdings.filter(
      (h) =>
        h.coinId !== null && (h.bucket === 'altcoin-ranked' || h.bucket === 'altcoin-other') && Number(h.quantity) > 0
    )
    const book = loadPriceBook(
      db,
      altcoins.map((h) => h.coinId as string)
    )
    const rows = altcoins.map((h) => {
      const coinId = h.coinId as string
      const now = book.at(coinId, day)
      const then = book.at(coinId, day - index.window)
      const ratio = now !== null && then !== null ? now / then : null
      return {
        coinId,
        symbol: h.symbol,
        ranked: ranked?.has(coinId) ?? false,
        ratio,
        outperforms: ratio === null ? null : ratio > index.btcRatio
      }
    })
    const measured = rows.filter((r) => r.ratio !== null)
    seasonView = {
      date: index.date,
      top: index.top,
      window: index.window,
      btcRatio: index.btcRatio,
      beat: measured.filter((r) => r.outperforms).length,
      altcoins: measured.length,
      holdings: rows.sort((a, b) => (b.ratio ?? -Infinity) - (a.ratio ?? -Infinity))
    }
  }
  return { asOf: holdings.asOf, total, buckets, season: seasonView, seasonNote: note }
}
