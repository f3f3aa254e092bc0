import type { Database } from 'better-sqlite3'
import { toDailyObservations } from '../../../src/main/market/daily-values'
import type { MarketDataset } from '../../support/market-dataset'

/**
 * Writes a dataset straight into the market tables the way the sync stores it (daily values by
 * the latest observation of each UTC date, categories, one change-log entry per write), so the
 * index can be tested without the provider path.
 */
export function writeDataset(db: Database, dataset: MarketDataset, at = 0): void {
  const insertCoin = db.prepare(
    `INSERT INTO coins (id, symbol, name, tracked, first_seen_at, last_seen_at) VALUES (?, ?, ?, 1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET symbol = excluded.symbol, name = excluded.name`
  )
  const upsert = db.prepare(
    `INSERT INTO daily_values (coin_id, day, price, price_ts, market_cap, market_cap_ts) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (coin_id, day) DO UPDATE SET price = excluded.price, price_ts = excluded.price_ts,
       market_cap = excluded.market_cap, market_cap_ts = excluded.market_cap_ts`
  )
  const insertCategory = db.prepare('INSERT OR IGNORE INTO coin_categories (coin_id, category) VALUES (?, ?)')
  const logChange = db.prepare('INSERT INTO market_changes (from_day, at) VALUES (?, ?)')
  db.transaction(() => {
    let smallest = Infinity
    for (const coin of dataset.coins) {
      insertCoin.run(coin.id, coin.symbol, coin.name, at, at)
      for (const category of coin.categories) insertCategory.run(coin.id, category)
      const rows = toDailyObservations(
        coin.points.map((p) => [p.t, p.price] as const),
        coin.points.map((p) => [p.t, p.marketCap] as const)
      )
      for (const row of rows) {
        upsert.run(coin.id, row.day, row.price, row.priceTs, row.marketCap, row.marketCapTs)
        smallest = Math.min(smallest, row.day)
      }
    }
    if (smallest !== Infinity) logChange.run(smallest, at)
  })()
}
