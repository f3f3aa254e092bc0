import type { Database } from 'better-sqlite3'

export interface Migration {
  /** Becomes PRAGMA user_version once the migration has run; steps of 10 leave room between. */
  version: number
  name: string
  up(db: Database): void
}
