import type { Database } from 'better-sqlite3'
import { createMarketReads } from './market-reads'
import { createMarketWrites } from './market-writes'

/**
 * The one read model of the market tables, built once per core: the sync writes through it, and
 * the index, the portfolio and rebalancing read through it. Nothing outside market/ names a
 * market table in SQL (checked by lint).
 */
export function createMarketStore(db: Database) {
  return { ...createMarketReads(db), ...createMarketWrites(db) }
}

export type MarketStore = ReturnType<typeof createMarketStore>
