import type { Migration } from './types'

/**
 * The user's own holdings: transactions with quantities stored as exact decimal text (never REAL,
 * so balances do not drift), the imports they came from, and the user's choice of provider coin
 * for each symbol of each source (symbols repeat across coins, so a choice is never guessed).
 */
export const createPortfolio: Migration = {
  version: 50,
  name: 'create-portfolio',
  up(db) {
    db.exec(`
      CREATE TABLE portfolio_imports (
        id INTEGER PRIMARY KEY,
        format TEXT NOT NULL,
        file_name TEXT,
        rows INTEGER NOT NULL,
        imported INTEGER NOT NULL,
        duplicates INTEGER NOT NULL,
        imported_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE portfolio_transactions (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('buy', 'sell', 'trade', 'transfer_in', 'transfer_out', 'income', 'fee', 'holding')),
        -- Milliseconds since the epoch (UTC); day is its UTC day number, kept for range queries.
        at INTEGER NOT NULL,
        day INTEGER NOT NULL,
        symbol TEXT NOT NULL,
        coin_id TEXT,
        quantity TEXT NOT NULL,
        quote_symbol TEXT,
        quote_coin_id TEXT,
        quote_quantity TEXT,
        fee_symbol TEXT,
        fee_coin_id TEXT,
        fee_quantity TEXT,
        -- The transaction's value in USD when the source states it (exact decimal text).
        value_usd TEXT,
        note TEXT,
        source TEXT NOT NULL,
        import_id INTEGER REFERENCES portfolio_imports (id) ON DELETE SET NULL,
        -- Stable digest of the source row(s): re-importing a file skips rows already stored.
        fingerprint TEXT UNIQUE,
        line INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX portfolio_transactions_at ON portfolio_transactions (at, id);
      CREATE INDEX portfolio_transactions_source_symbol ON portfolio_transactions (source, symbol);

      CREATE TABLE portfolio_asset_map (
        source TEXT NOT NULL,
        symbol TEXT NOT NULL,
        coin_id TEXT NOT NULL,
        chosen_at INTEGER NOT NULL,
        PRIMARY KEY (source, symbol)
      ) STRICT, WITHOUT ROWID;
    `)
  }
}
