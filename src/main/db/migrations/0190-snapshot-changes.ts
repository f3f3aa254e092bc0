import type { Migration } from './types'

/**
 * The latest market snapshot's 30-day and 1-year price changes per tracked coin, as the provider
 * reported them (percent). A provisional index for the 30-day and 365-day windows is computed
 * from them on a first run, before any history is stored; they are never history themselves.
 * Each snapshot replaces the whole table.
 */
export const snapshotChanges: Migration = {
  version: 190,
  name: 'snapshot-changes',
  up(db) {
    db.exec(`
      CREATE TABLE snapshot_changes (
        coin_id TEXT PRIMARY KEY NOT NULL,
        -- The UTC day of the snapshot that reported these changes.
        day INTEGER NOT NULL,
        rank INTEGER NOT NULL,
        market_cap REAL CHECK (market_cap IS NULL OR market_cap > 0),
        change_30d REAL CHECK (change_30d IS NULL OR (change_30d > -100 AND change_30d <= 10000000)),
        change_1y REAL CHECK (change_1y IS NULL OR (change_1y > -100 AND change_1y <= 10000000))
      ) STRICT, WITHOUT ROWID;
    `)
  }
}
