import type { Migration } from './types'

export const createSettings: Migration = {
  version: 10,
  name: 'create-settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      -- State the app keeps for itself (window bounds, sync cursors): not user settings.
      CREATE TABLE app_state (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `)
  }
}
