import type { Migration } from './types'

/**
 * Daily candles fetched on demand for a coin page, and when each provider request was last made.
 * A day's candle comes either from the provider's own daily candles (`1d`, pro plan) or from its six
 * 4-hour candles (`4h`, public and demo plans); both may exist for a day and the daily one is read
 * first. The request log lets a second look at a page within the same publication day make no call.
 */
export const coinCandles: Migration = {
  version: 180,
  name: 'coin-candles',
  up(db) {
    db.exec(`
      CREATE TABLE coin_candles (
        coin_id TEXT NOT NULL,
        interval TEXT NOT NULL CHECK (interval IN ('1d', '4h')),
        -- The UTC day (days since the epoch) the candle covers, 00:00 to 24:00.
        day INTEGER NOT NULL,
        open REAL NOT NULL CHECK (open > 0),
        high REAL NOT NULL CHECK (high > 0),
        low REAL NOT NULL CHECK (low > 0),
        close REAL NOT NULL CHECK (close > 0),
        fetched_at INTEGER NOT NULL,
        PRIMARY KEY (coin_id, day, interval)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE candle_requests (
        coin_id TEXT NOT NULL,
        interval TEXT NOT NULL CHECK (interval IN ('1d', '4h')),
        days INTEGER NOT NULL CHECK (days > 0),
        fetched_at INTEGER NOT NULL,
        PRIMARY KEY (coin_id, interval, days)
      ) STRICT, WITHOUT ROWID;
    `)
  }
}
