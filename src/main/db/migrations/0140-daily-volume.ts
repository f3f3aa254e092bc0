import type { Migration } from './types'

/**
 * The 24h trading volume in USD of each stored coin-day. It arrives in the same history answers
 * as prices and market caps, and like them keeps the timestamp of its observation, so that only a
 * later observation of the same UTC day replaces it. Days stored before this version have none.
 */
export const dailyVolume: Migration = {
  version: 140,
  name: 'daily-volume',
  up(db) {
    db.exec(`
      ALTER TABLE daily_values ADD COLUMN volume REAL CHECK (volume IS NULL OR volume > 0);
      ALTER TABLE daily_values ADD COLUMN volume_ts INTEGER;
    `)
  }
}
