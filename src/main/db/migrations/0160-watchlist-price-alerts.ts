import type { Migration } from './types'

/**
 * The coins the user follows, their price alerts, and the alerts that fired. An alert rule keeps
 * what it last saw (`last_side`, `last_day`) so that it fires when a threshold is crossed between
 * two syncs, not on every sync while the price stays past it; the fired alerts are kept with a key
 * that makes the same crossing on the same day one row however often it is evaluated.
 */
export const watchlistPriceAlerts: Migration = {
  version: 160,
  name: 'watchlist-price-alerts',
  up(db) {
    db.exec(`
      CREATE TABLE watchlist (
        coin_id TEXT PRIMARY KEY NOT NULL,
        added_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE price_alerts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        coin_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('above', 'below', 'move', 'beats-btc')),
        -- USD price for above/below; percent for move (either way); unused for beats-btc.
        threshold REAL,
        -- Days the move is measured over (move only).
        period_days INTEGER CHECK (period_days IS NULL OR (period_days >= 1 AND period_days <= 365)),
        created_at INTEGER NOT NULL,
        -- The side of the threshold at the last evaluation ('over', 'under'; for beats-btc 'beats', 'lags').
        last_side TEXT,
        last_day INTEGER
      ) STRICT;
      CREATE INDEX price_alerts_coin ON price_alerts (coin_id);

      CREATE TABLE price_alert_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        alert_id INTEGER NOT NULL,
        coin_id TEXT NOT NULL,
        dedupe_key TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        as_of TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX price_alert_history_created ON price_alert_history (created_at);
    `)
  }
}
