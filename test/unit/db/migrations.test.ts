import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/db/connection'
import { latestVersion, migrate, schemaVersionOf } from '../../../src/main/db/migrate'
import { migrations } from '../../../src/main/db/migrations'
import type { Migration } from '../../../src/main/db/migrations'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-db-'))
  dirs.push(dir)
  return dir
}

function tables(db: Database.Database): string[] {
  return db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    .all()
    .map((row) => row.name)
}

describe('migrations', () => {
  it('are numbered in increasing steps and the newest is the schema version of a new database', () => {
    const versions = migrations.map((m) => m.version)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(new Set(versions).size).toBe(versions.length)
    const db = openDatabase(':memory:')
    expect(schemaVersionOf(db)).toBe(latestVersion(migrations))
    db.close()
  })

  it('0010 creates settings and app state', () => {
    const db = new Database(':memory:')
    migrate(db, migrations, 10)
    expect(schemaVersionOf(db)).toBe(10)
    expect(tables(db)).toEqual(['app_state', 'settings'])
    db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('theme', '"dark"', 1)
    expect(() =>
      db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('theme', '"light"', 2)
    ).toThrow(/UNIQUE/)
    db.close()
  })

  it('0020 creates the market tables with their constraints', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, migrations, 20)
    expect(schemaVersionOf(db)).toBe(20)
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'coins',
        'daily_values',
        'coin_categories',
        'category_refresh',
        'market_changes',
        'global_daily'
      ])
    )
    db.prepare(
      'INSERT INTO coins (id, symbol, name, tracked, first_seen_at, last_seen_at) VALUES (?, ?, ?, 1, 0, 0)'
    ).run('bitcoin', 'btc', 'Bitcoin')
    const insert = db.prepare(
      'INSERT INTO daily_values (coin_id, day, price, price_ts, market_cap, market_cap_ts) VALUES (?, ?, ?, ?, ?, ?)'
    )
    insert.run('bitcoin', 19000, 30000.5, 19000 * 86_400_000, 5.8e11, 19000 * 86_400_000)
    // Prices and caps must be positive, and a value belongs to a known coin.
    expect(() => insert.run('bitcoin', 19001, 0, 1, null, null)).toThrow(/CHECK/)
    expect(() => insert.run('bitcoin', 19002, null, null, -5, 1)).toThrow(/CHECK/)
    expect(() => insert.run('nocoin', 19000, 1, 1, 1, 1)).toThrow(/FOREIGN KEY/)
    // The history query by day uses its index.
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT coin_id, price FROM daily_values WHERE day = ?').all(19000) as {
      detail: string
    }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/daily_values_day/)
    db.close()
  })

  it('every later migration applies on top of the one before it', () => {
    const db = new Database(':memory:')
    for (const migration of migrations) {
      migrate(db, migrations, migration.version)
      expect(schemaVersionOf(db)).toBe(migration.version)
    }
    db.close()
  })

  it('a failing migration leaves the database at the last completed version', () => {
    const db = new Database(':memory:')
    const broken: Migration = {
      version: latestVersion(migrations) + 10,
      name: 'broken',
      up(target) {
        target.exec('CREATE TABLE half_done (x INTEGER)')
        throw new Error('disk full')
      }
    }
    expect(() => migrate(db, [...migrations, broken])).toThrow('disk full')
    expect(schemaVersionOf(db)).toBe(latestVersion(migrations))
    expect(tables(db)).not.toContain('half_done')
    db.close()
  })

  it('refuses a database from a newer version and leaves its file untouched', () => {
    const dir = tempDir()
    const path = join(dir, 'seasonwatch.db')
    const newer = new Database(path)
    newer.pragma('journal_mode = DELETE')
    newer.exec('CREATE TABLE from_the_future (x INTEGER)')
    newer.pragma('user_version = 9990')
    newer.close()
    const before = createHash('sha256').update(readFileSync(path)).digest('hex')

    expect(() => openDatabase(path)).toThrow(/newer version of Seasonwatch \(database schema 9990/)

    const after = createHash('sha256').update(readFileSync(path)).digest('hex')
    expect(after).toBe(before)
  })

  it('opens a file database in WAL mode with foreign keys on', () => {
    const db = openDatabase(join(tempDir(), 'seasonwatch.db'))
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    db.close()
  })
})
