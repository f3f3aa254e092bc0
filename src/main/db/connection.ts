import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import type { Database } from 'better-sqlite3'
import { AppError } from '../../shared/errors'
import { assertNotNewer, migrate } from './migrate'
import { migrations } from './migrations'

export const DATABASE_FILE = 'seasonwatch.db'

/**
 * Opens (creating when absent) the app's database and migrates it. `:memory:` gives a private
 * in-memory database for tests.
 */
export function openDatabase(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  let db: Database
  try {
    db = new BetterSqlite3(path)
  } catch (error) {
    throw new AppError('INTERNAL', `Could not open the database at ${path}: ${(error as Error).message}`, {
      cause: error
    })
  }
  try {
    db.pragma('busy_timeout = 5000')
    // Refuse a newer database before any pragma below writes to the file.
    assertNotNewer(db, migrations)
    if (path !== ':memory:') db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    migrate(db, migrations)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
