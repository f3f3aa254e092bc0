import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import type { Database } from 'better-sqlite3'
import { AppError } from '../../shared/errors'

/** Backups live beside the database, in a folder only the user can read. */
export const BACKUP_FOLDER = 'backups'
/** Daily backups kept (the ones taken before a migration or a restore are kept too, by the same count). */
export const DAILY_BACKUPS_KEPT = 7
const PENDING_RESTORE = 'restore-pending'

export interface BackupFile {
  file: string
  path: string
  /** Why it was taken: daily, before a migration, before a restore, or by hand. */
  kind: 'daily' | 'migration' | 'restore' | 'manual'
  takenAt: number
  bytes: number
}

export const backupFolderOf = (databasePath: string) => join(dirname(databasePath), BACKUP_FOLDER)

const stamp = (at: number) => new Date(at).toISOString().replace(/[:.]/g, '-').slice(0, 19)

/**
 * Copies the open database to the backup folder as one consistent file (VACUUM INTO: readers and
 * writers of other connections are not blocked for long, and the copy is compact). Files are
 * readable by the user only.
 */
export function takeBackup(db: Database, databasePath: string, kind: BackupFile['kind'], at: number): string {
  const folder = backupFolderOf(databasePath)
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  const path = join(folder, `seasonwatch-${stamp(at)}-${kind}.db`)
  if (existsSync(path)) rmSync(path)
  db.prepare('VACUUM INTO ?').run(path)
  chmodSync(path, 0o600)
  return path
}

const NAME = /^seasonwatch-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2})-(daily|migration|restore|manual)\.db$/

/** The backups beside a database, newest first. */
export function listBackups(databasePath: string): BackupFile[] {
  const folder = backupFolderOf(databasePath)
  if (!existsSync(folder)) return []
  const found: BackupFile[] = []
  for (const file of readdirSync(folder)) {
    const match = NAME.exec(file)
    if (!match) continue
    const [, when, kind] = match as unknown as [string, string, BackupFile['kind']]
    const iso = `${when.slice(0, 10)}T${when.slice(11).replace(/-/g, ':')}Z`
    const path = join(folder, file)
    found.push({ file, path, kind, takenAt: Date.parse(iso), bytes: statSync(path).size })
  }
  return found.sort((a, b) => b.takenAt - a.takenAt || b.file.localeCompare(a.file))
}

/** Keeps the newest `kept` backups of each kind and deletes the rest. */
export function pruneBackups(databasePath: string, kept = DAILY_BACKUPS_KEPT): void {
  const byKind = new Map<string, BackupFile[]>()
  for (const backup of listBackups(databasePath)) byKind.set(backup.kind, [...(byKind.get(backup.kind) ?? []), backup])
  for (const list of byKind.values()) for (const old of list.slice(kept)) rmSync(old.path, { force: true })
}

/** A daily backup when the newest one is a day old or more (or there is none); returns its path. */
export function dailyBackup(db: Database, databasePath: string, at: number): string | null {
  const newest = listBackups(databasePath).find((b) => b.kind === 'daily')
  if (newest && at - newest.takenAt < 86_400_000) return null
  const path = takeBackup(db, databasePath, 'daily', at)
  pruneBackups(databasePath)
  return path
}

/** Opens a backup read-only and checks it is whole and one this version can read. */
export function checkBackup(path: string, newestVersion: number): { schemaVersion: number } {
  let copy: Database | null = null
  try {
    copy = new BetterSqlite3(path, { readonly: true, fileMustExist: true })
    const result = copy.pragma('quick_check', { simple: true })
    if (result !== 'ok') throw new Error(String(result))
    const schemaVersion = copy.pragma('user_version', { simple: true }) as number
    if (schemaVersion > newestVersion)
      throw new Error(`it was written by a newer version of Seasonwatch (schema ${schemaVersion})`)
    return { schemaVersion }
  } catch (error) {
    throw new AppError('VALIDATION', `The backup ${basename(path)} cannot be restored: ${(error as Error).message}.`)
  } finally {
    copy?.close()
  }
}

/**
 * Asks for `backup` to replace the database the next time it is opened: the swap happens before
 * anything opens the file, so no connection is writing into it meanwhile.
 */
export function requestRestore(databasePath: string, backup: string): void {
  const marker = join(backupFolderOf(databasePath), PENDING_RESTORE)
  // The marker names the backup by file name only: it can only point inside the backup folder.
  mkdirSync(dirname(marker), { recursive: true, mode: 0o700 })
  const tmp = `${marker}.tmp`
  writeFileSync(tmp, basename(backup), { mode: 0o600 })
  renameSync(tmp, marker)
}

export function pendingRestore(databasePath: string): string | null {
  const marker = join(backupFolderOf(databasePath), PENDING_RESTORE)
  if (!existsSync(marker)) return null
  return join(backupFolderOf(databasePath), basename(readFileSync(marker, 'utf8').trim()))
}

/**
 * Replaces the (closed) database with a backup: the current file is kept as a "restore" backup
 * first, the backup is copied in under a temporary name and renamed over the database, and the
 * old WAL files go. Called before the database is opened.
 */
export function restoreNow(databasePath: string, backup: string, newestVersion: number, at: number): void {
  checkBackup(backup, newestVersion)
  const folder = backupFolderOf(databasePath)
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  if (existsSync(databasePath) && statSync(databasePath).size > 0) {
    const current = new BetterSqlite3(databasePath, { fileMustExist: true })
    try {
      current.prepare('VACUUM INTO ?').run(join(folder, `seasonwatch-${stamp(at)}-restore.db`))
    } finally {
      current.close()
    }
  }
  const source = new BetterSqlite3(backup, { readonly: true, fileMustExist: true })
  const tmp = `${databasePath}.restoring`
  try {
    rmSync(tmp, { force: true })
    source.prepare('VACUUM INTO ?').run(tmp)
  } finally {
    source.close()
  }
  chmodSync(tmp, 0o600)
  for (const suffix of ['-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true })
  renameSync(tmp, databasePath)
  rmSync(join(folder, PENDING_RESTORE), { force: true })
}
