import type { Migration } from './types'

/**
 * Exchange connections: one per exchange, with what its key may do, how it was last used and a
 * cursor per data stream so a sync asks only for what is new. The key itself is never stored
 * here: it lives in the OS keychain or keyring (or the environment); `key_hint` keeps only its
 * last four characters to show it masked. Transactions that came from an exchange carry the
 * exchange's own id (`external_id`), so the same trade arriving by CSV and by API is stored once.
 */
export const createConnections: Migration = {
  version: 170,
  name: 'create-connections',
  up(db) {
    db.exec(`
      CREATE TABLE exchange_connections (
        id INTEGER PRIMARY KEY,
        exchange TEXT NOT NULL UNIQUE,
        -- Another address for the exchange's API (tests, a regional host); null for its own.
        api_url TEXT,
        key_hint TEXT NOT NULL,
        -- JSON: what the exchange says the key may do, and whether it could tell.
        permissions TEXT NOT NULL,
        -- When the user confirmed storing a key that can trade or withdraw; null when it cannot.
        override_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_sync_at INTEGER,
        last_sync_status TEXT CHECK (last_sync_status IN ('ok', 'failed')),
        last_error TEXT,
        last_used_at INTEGER,
        request_count INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE exchange_cursors (
        connection_id INTEGER NOT NULL REFERENCES exchange_connections (id) ON DELETE CASCADE,
        -- 'trades:BTC/USDT', 'deposits', 'withdrawals', …
        stream TEXT NOT NULL,
        cursor TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (connection_id, stream)
      ) STRICT, WITHOUT ROWID;

      ALTER TABLE portfolio_transactions ADD COLUMN external_id TEXT;
      CREATE UNIQUE INDEX portfolio_transactions_external
        ON portfolio_transactions (source, external_id) WHERE external_id IS NOT NULL;
    `)
  }
}
