import type { Migration } from './types'

/**
 * Imports are written in short steps (portfolio/import-staging.ts): an import's rows go into
 * portfolio_transactions a slice at a time while the import is 'staging', and readers see only the
 * rows of imports that are 'done' (or of no import), so a file is all or nothing to them while no
 * write holds the lock for long. 'discarding' marks an import being removed after a failure, a
 * crash or a cancel. The owner ("host:pid") and heartbeat tell a live import from an abandoned one;
 * first_id is the id of its first row, so its rows are found by primary key without an index.
 * Imports before this version are 'done'.
 */
export const importStaging: Migration = {
  version: 100,
  name: 'import-staging',
  up(db) {
    db.exec(`
      ALTER TABLE portfolio_imports ADD COLUMN state TEXT NOT NULL DEFAULT 'done'
        CHECK (state IN ('staging', 'discarding', 'done'));
      ALTER TABLE portfolio_imports ADD COLUMN owner TEXT;
      ALTER TABLE portfolio_imports ADD COLUMN heartbeat_at INTEGER;
      ALTER TABLE portfolio_imports ADD COLUMN first_id INTEGER;
    `)
  }
}
