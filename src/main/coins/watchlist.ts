import type { Watchlist } from '../../shared/contract/coins'
import { isoDateOfDay } from '../../shared/dates'
import type { MarketReads } from '../market/market-reads'
import { createMeasurer, watchlistRanges } from './coin-measures'
import type { CoinsRepo } from './coins-repo'

/** The most coins a watchlist holds: every size is bounded. */
export const MAX_WATCHED = 500

/** The followed coins measured as of the last stored market day, over the index window of the settings. */
export function readWatchlist(market: MarketReads, repo: CoinsRepo, window: Watchlist['window']): Watchlist {
  const last = market.marketDay()
  const watched = repo.watched()
  if (last === null) return { asOf: null, window, items: [] }
  const ranges = watchlistRanges(last, window)
  const measurer = createMeasurer((coinId) => market.priceRanges(coinId, ranges), last, window)
  const coins = market.coins()
  return {
    asOf: isoDateOfDay(last),
    window,
    items: watched.map(({ coinId, addedAt }) => {
      const info = coins.get(coinId)
      return {
        coinId,
        symbol: info?.symbol ?? coinId,
        name: info?.name ?? coinId,
        ...measurer.measure(coinId),
        sparkline: measurer.sparkline(coinId),
        addedAt
      }
    })
  }
}
