import type { Database } from 'better-sqlite3'
import type { Bucket } from '../../shared/contract/portfolio'
import type { Settings } from '../../shared/settings'
import type { IndexResult } from '../../shared/contract/season'
import { dayNumberOf } from '../../shared/dates'
import type { MarketReads } from '../market/market-reads'
import { loadPriceBook } from '../market/price-book'
import type { LedgerSource } from './ledger-cache'
import { computeHoldings } from './valuation'

const BUCKETS: readonly Bucket[] = ['bitcoin', 'altcoin-ranked', 'altcoin-other', 'stablecoin', 'unpriced']

/**
 * Value by bucket (wrapped bitcoin counts as Bitcoin; altcoins split by whether the index ranks
 * them) and the season view: each held altcoin's return over the index window against Bitcoin's,
 * measured as the index measures it, p(d) / p(d − W) with as-of prices. `index` is the latest
 * index of the user's default variant, or null with `note` saying why there is none.
 */
export function computeAllocation(
  ledgerOf: LedgerSource,
  db: Database,
  market: MarketReads,
  settings: Settings,
  today: number,
  index: IndexResult | null,
  note: string | null
) {
  const ranked = index ? new Set(index.coins.map((c) => c.id)) : null
  const holdings = computeHoldings(ledgerOf, db, market, settings.costBasisMethod, ranked, settings, today)
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
      market,
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
  return { asOf: holdings.asOf, total, buckets, season: seasonView, seasonNote: index ? null : note }
}
