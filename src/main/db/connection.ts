import { accessSync, chmodSync, constants, existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import type { Database } from 'better-sqlite3'
import { AppError } from '../../shared/errors'
import { pendingRestore, restoreNow, takeBackup } from './backups'
import { assertNotNewer, latestVersion, migrate, schemaVersionOf } from './migrate'
import { migrations } from './migrations'

export const DATABASE_FILE = 'seasonwatch.db'

export interface OpenOptions {
  /** Milliseconds since the epoch, for the names of backups taken while opening. */
  now?: () => number
}

/** Creates the data folder (readable by the user only) or explains, with its path, why it cannot be used. */
function prepareFolder(folder: string): void {
  try {
    if (!existsSync(folder)) mkdirSync(folder, { recursive: true, mode: 0o700 })
    accessSync(folder, constants.R_OK | constants.W_OK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'the file system is read-only'
          : code === 'ENOTDIR'
            ? 'part of that path is a file, not a folder'
            : (code ?? (error as Error).message)
    throw new AppError(
      'FORBIDDEN',
      `Seasonwatch cannot use its data folder ${folder} (${why}): it needs to read and write its database there. Fix the folder's permissions, or choose another folder with --data-dir or SEASONWATCH_DATA_DIR.`,
      { cause: error }
    )
  }
}

function damaged(path: string, detail: string): AppError {
  // SQLite lists one problem a line; the message stays one line.
  const said = detail.replace(/\s*\n\s*/g, '; ')
  return new AppError(
    'CONFLICT',
    `The database at ${path} is damaged (${said}). Seasonwatch will not write into it. Restore a backup: "seasonwatch backup list" shows them and "seasonwatch backup restore FILE" puts one back (or Settings → Backups in the app).`
  )
}

/** Makes the database and its WAL files readable and writable by the user only (best effort). */
function restrictFiles(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      if (existsSync(file)) chmodSync(file, 0o600)
    } catch {
      // A file system without Unix permissions (FAT, some network shares): nothing to tighten.
    }
  }
}

/**
 * Opens (creating when absent) the app's database, checks it and migrates it. An empty file, a
 * damaged one or one from a newer version is refused and left exactly as it is; a restore asked
 * for earlier is done first, before anything else opens the file; a backup is taken before any
 * migration. `:memory:` gives a private in-memory database for tests.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Database {
  const now = options.now ?? Date.now
  const onDisk = path !== ':memory:'
  let created = false
  if (onDisk) {
    prepareFolder(dirname(path))
    const restore = pendingRestore(path)
    if (restore) restoreNow(path, restore, latestVersion(migrations), now())
    if (existsSync(path) && statSync(path).size === 0)
      throw new AppError(
        'CONFLICT',
        `The database file ${path} is empty (0 bytes): a crash or an interrupted copy may have cut it. Seasonwatch will not replace it. Restore a backup ("seasonwatch backup list", then "seasonwatch backup restore FILE"), or move the empty file away to start afresh.`
      )
    created = !existsSync(path)
  }
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
    if (onDisk && !created) {
      // A damaged file is refused before anything writes to it; quick_check reads every page once.
      let result: unknown
      try {
        result = db.pragma('quick_check', { simple: true })
      } catch (error) {
        throw damaged(path, (error as Error).message)
      }
      if (result !== 'ok') throw damaged(path, `SQLite's integrity check says: ${String(result).slice(0, 200)}`)
    }
    // Refuse a newer database before any pragma below writes to the file.
    assertNotNewer(db, migrations)
    const version = schemaVersionOf(db)
    if (onDisk && version > 0 && version < latestVersion(migrations)) takeBackup(db, path, 'migration', now())
    if (onDisk) db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    migrate(db, migrations)
    if (onDisk) restrictFiles(path)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
