import { createHash } from 'node:crypto'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { dailyBackup, listBackups, requestRestore, takeBackup } from '../../../src/main/db/backups'
import { openDatabase } from '../../../src/main/db/connection'
import { latestVersion, migrate, schemaVersionOf } from '../../../src/main/db/migrate'
import { migrations } from '../../../src/main/db/migrations'
import { runCliCaptured } from '../../support/run-cli'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-care-'))
  dirs.push(dir)
  return dir
}
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const mode = (path: string) => statSync(path).mode & 0o777

/** A real database with some settings rows, closed, as the app leaves it. */
function filledDatabase(dir: string): string {
  const path = join(dir, 'seasonwatch.db')
  const db = openDatabase(path)
  const insert = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)')
  db.transaction(() => {
    for (let i = 0; i < 2000; i += 1) insert.run(`key-${i}`, JSON.stringify('x'.repeat(200)), i)
  })()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  return path
}

describe('database care on open', () => {
  it('refuses a file with garbage in the middle, names it, says how to restore, and writes nothing into it', () => {
    const path = filledDatabase(tempDir())
    const size = statSync(path).size
    const fd = openSync(path, 'r+')
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(size / 2 / 4096) * 4096)
    closeSync(fd)
    const before = sha(path)
    expect(() => openDatabase(path)).toThrow(
      new RegExp(`The database at ${path} is damaged .*seasonwatch backup restore`)
    )
    expect(sha(path)).toBe(before)
  })

  it('refuses an empty file instead of silently starting an empty database', () => {
    const dir = tempDir()
    const path = join(dir, 'seasonwatch.db')
    writeFileSync(path, '')
    expect(() => openDatabase(path)).toThrow(/is empty \(0 bytes\).*will not replace it/)
    expect(statSync(path).size).toBe(0)
  })

  it('says which folder it cannot use, and why', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'a-file'), 'not a folder')
    const path = join(dir, 'a-file', 'Seasonwatch', 'seasonwatch.db')
    expect(() => openDatabase(path)).toThrow(
      `Seasonwatch cannot use its data folder ${join(dir, 'a-file', 'Seasonwatch')} (part of that path is a file, not a folder)`
    )
  })

  it('creates the folder and files for the user only', () => {
    const folder = join(tempDir(), 'Seasonwatch')
    const db = openDatabase(join(folder, 'seasonwatch.db'))
    db.close()
    expect(mode(folder)).toBe(0o700)
    expect(mode(join(folder, 'seasonwatch.db'))).toBe(0o600)
  })
})

describe('backups', () => {
  it('takes one before a migration, of the data as it was', () => {
    const dir = tempDir()
    const path = join(dir, 'seasonwatch.db')
    const old = new Database(path)
    migrate(old, migrations, 70)
    old.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('theme', '"dark"', 1)
    old.close()
    openDatabase(path, { now: () => Date.parse('2026-03-01T10:00:00Z') }).close()
    const [backup] = listBackups(path)
    expect(backup).toMatchObject({ kind: 'migration', file: 'seasonwatch-2026-03-01T10-00-00-migration.db' })
    const copy = new Database(backup!.path, { readonly: true })
    expect(schemaVersionOf(copy)).toBe(70)
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'theme'").pluck().get()).toBe('"dark"')
    copy.close()
    expect(mode(backup!.path)).toBe(0o600)
  })

  it('takes one a day and keeps a week of them', () => {
    const dir = tempDir()
    const path = join(dir, 'seasonwatch.db')
    const db = openDatabase(path)
    const day = Date.parse('2026-03-01T09:00:00Z')
    expect(dailyBackup(db, path, day)).not.toBeNull()
    expect(dailyBackup(db, path, day + 3_600_000)).toBeNull()
    for (let d = 1; d <= 9; d += 1) dailyBackup(db, path, day + d * 86_400_000)
    const daily = listBackups(path).filter((b) => b.kind === 'daily')
    expect(daily).toHaveLength(7)
    expect(daily[0]?.file).toBe('seasonwatch-2026-03-10T09-00-00-daily.db')
    db.close()
  })

  it('restores a backup the next time the database opens, keeping what it replaces', () => {
    const dir = tempDir()
    const path = join(dir, 'seasonwatch.db')
    const db = openDatabase(path)
    const set = (value: string) =>
      db
        .prepare(
          'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
        )
        .run('theme', value)
    set('"light"')
    const backup = takeBackup(db, path, 'manual', Date.parse('2026-03-01T10:00:00Z'))
    set('"dark"')
    db.close()
    requestRestore(path, backup)
    const reopened = openDatabase(path, { now: () => Date.parse('2026-03-02T10:00:00Z') })
    expect(reopened.prepare("SELECT value FROM settings WHERE key = 'theme'").pluck().get()).toBe('"light"')
    reopened.close()
    const kept = listBackups(path).find((b) => b.kind === 'restore')!
    const replaced = new Database(kept.path, { readonly: true })
    expect(replaced.prepare("SELECT value FROM settings WHERE key = 'theme'").pluck().get()).toBe('"dark"')
    replaced.close()
  })

  it('lists, takes and restores backups from the command line', async () => {
    const dir = tempDir()
    const path = filledDatabase(dir)
    const taken = await runCliCaptured(['backup', 'create', '--data-dir', dir, '--json'])
    expect(taken.code).toBe(0)
    const file = (JSON.parse(taken.stdout) as { file: string }).file
    const list = JSON.parse((await runCliCaptured(['backup', 'list', '--data-dir', dir, '--json'])).stdout) as {
      backups: { file: string; kind: string }[]
    }
    expect(list.backups).toEqual([expect.objectContaining({ file, kind: 'manual' })])
    const db = openDatabase(path)
    db.prepare("DELETE FROM settings WHERE key LIKE 'key-1%'").run()
    db.close()
    const restored = await runCliCaptured(['backup', 'restore', file, '--data-dir', dir])
    expect(restored.code).toBe(0)
    const back = openDatabase(path)
    expect(back.prepare("SELECT count(*) FROM settings WHERE key LIKE 'key-%'").pluck().get()).toBe(2000)
    expect(schemaVersionOf(back)).toBe(latestVersion(migrations))
    back.close()
    const unknown = await runCliCaptured(['backup', 'restore', 'seasonwatch-nope.db', '--data-dir', dir])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/There is no backup named seasonwatch-nope.db/)
  })

  it('refuses to restore a damaged backup, and leaves the database as it was', () => {
    const dir = tempDir()
    const path = filledDatabase(dir)
    const db = openDatabase(path)
    const backup = takeBackup(db, path, 'manual', Date.parse('2026-03-01T10:00:00Z'))
    db.close()
    const fd = openSync(backup, 'r+')
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 8192)
    closeSync(fd)
    requestRestore(path, backup)
    expect(() => openDatabase(path)).toThrow(/cannot be restored/)
  })
})
