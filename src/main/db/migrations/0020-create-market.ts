import type { Migration } from './types'

/**
 * The local market history. Days are integer UTC day numbers (days since 1970-01-01). Price and
 * market cap keep the timestamp of the observation they came from, independently, so that a later
 * observation of the same UTC day replaces an earlier one and never the other way round.
 */
export const createMarket: Migration = {
  version: 20,
  name: 'create-market',
  up(db) {
    db.exec(`
      CREATE TABLE coins (
        id TEXT PRIMARY KEY NOT NULL,
        symbol TEXT NOT NULL,
        name TEXT NOT NULL,
        -- Provider rank in the latest market snapshot that listed the coin.
        last_rank INTEGER,
        -- 1 while the coin is in the tracked set; coins that leave it keep their history.
        tracked INTEGER NOT NULL DEFAULT 0 CHECK (tracked IN (0, 1)),
        first_seen_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX coins_symbol ON coins (symbol);

      CREATE TABLE daily_values (
        coin_id TEXT NOT NULL REFERENCES coins (id) ON DELETE CASCADE,
        day INTEGER NOT NULL,
        price REAL CHECK (price IS NULL OR price > 0),
        price_ts INTEGER,
        market_cap REAL CHECK (market_cap IS NULL OR market_cap > 0),
        market_cap_ts INTEGER,
        PRIMARY KEY (coin_id, day)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX daily_values_day ON daily_values (day);

      CREATE TABLE coin_categories (
        coin_id TEXT NOT NULL,
        category TEXT NOT NULL,
        PRIMARY KEY (coin_id, category)
      ) STRICT, WITHOUT ROWID;

      -- When each excluded category's membership was last fetched (refreshed at most daily).
      CREATE TABLE category_refresh (
        category TEXT PRIMARY KEY NOT NULL,
        refreshed_at INTEGER NOT NULL,
        member_count INTEGER NOT NULL
      ) STRICT;

      -- A log of which days each write touched, so the index recomputes only from the earliest
      -- changed day on. Writers insert the smallest day they changed (0 when every day may be
      -- affected, e.g. a category change); readers remember the last id they consumed.
      CREATE TABLE market_changes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        from_day INTEGER NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;

      -- The provider's global figures, one row per UTC day (latest observation wins).
      CREATE TABLE global_daily (
        day INTEGER PRIMARY KEY NOT NULL,
        btc_dominance REAL,
        total_market_cap REAL,
        observed_at INTEGER NOT NULL
      ) STRICT;
    `)
  }
}
