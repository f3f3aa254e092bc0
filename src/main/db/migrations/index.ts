import { createSettings } from './0010-create-settings'
import { createMarket } from './0020-create-market'
import { createSync } from './0030-create-sync'
import { createSeason } from './0040-create-season'
import { createPortfolio } from './0050-create-portfolio'
import { createRebalance } from './0070-create-rebalance'
import { seasonVariants } from './0080-season-variants'
import { transactionValues } from './0090-transaction-values'
import { importStaging } from './0100-import-staging'
import { dailyVolume } from './0140-daily-volume'
import { seasonRanks } from './0150-season-ranks'
import { watchlistPriceAlerts } from './0160-watchlist-price-alerts'
import { createConnections } from './0170-create-connections'
import { coinCandles } from './0180-coin-candles'
import { snapshotChanges } from './0190-snapshot-changes'
import type { Migration } from './types'

/** Every migration, in order. A new one goes at the end with the next free version. */
export const migrations: readonly Migration[] = [
  createSettings,
  createMarket,
  createSync,
  createSeason,
  createPortfolio,
  createRebalance,
  seasonVariants,
  transactionValues,
  importStaging,
  dailyVolume,
  seasonRanks,
  watchlistPriceAlerts,
  createConnections,
  coinCandles,
  snapshotChanges
]

export type { Migration } from './types'
