import type { Migration } from './types'

/**
 * Rebalancing: the user's target split per regime (a missing row means the built-in default), and
 * the alert history. An alert's dedupe key names the event (kind, subject, date), so the same event
 * seen twice, by the app and the command line or after a restart, is stored once.
 */
export const createRebalance: Migration = {
  version: 70,
  name: 'create-rebalance',
  up(db) {
    db.exec(`
      CREATE TABLE rebalance_targets (
        regime TEXT PRIMARY KEY NOT NULL CHECK (regime IN ('bitcoin', 'neutral', 'altcoin')),
        bitcoin REAL NOT NULL CHECK (bitcoin BETWEEN 0 AND 100),
        altcoins REAL NOT NULL CHECK (altcoins BETWEEN 0 AND 100),
        stablecoins REAL NOT NULL CHECK (stablecoins BETWEEN 0 AND 100),
        -- JSON object coin id -> positive weight inside the altcoin sleeve; '{}' for none.
        alt_weights TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(alt_weights)),
        updated_at INTEGER NOT NULL,
        CHECK (abs(bitcoin + altcoins + stablecoins - 100) <= 0.01)
      ) STRICT;

      CREATE TABLE alert_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('regime-change', 'index-level', 'drift')),
        dedupe_key TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        -- The UTC date the alert's figures are as of.
        as_of TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX alert_history_created ON alert_history (created_at DESC, id DESC);
    `)
  }
}
