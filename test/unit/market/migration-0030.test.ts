import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate, schemaVersionOf } from '../../../src/main/db/migrate'
import { migrations } from '../../../src/main/db/migrations'

describe('migration 0030 (sync)', () => {
  it('creates the lock, coin history and run tables with their constraints', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, migrations, 30)
    expect(schemaVersionOf(db)).toBe(30)
    const insertLock = db.prepare(
      'INSERT INTO sync_lock (id, owner, pid, host, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)'
    )
    insertLock.run(1, 'o', 1, 'h', 0, 0)
    // There is only ever one lock row.
    expect(() => insertLock.run(2, 'p', 2, 'h', 0, 0)).toThrow(/CHECK/)
    db.prepare(
      "INSERT INTO coins (id, symbol, name, tracked, first_seen_at, last_seen_at) VALUES ('bitcoin', 'btc', 'Bitcoin', 1, 0, 0)"
    ).run()
    const insertHistory = db.prepare(
      'INSERT INTO coin_history (coin_id, requested_from_day, covered_to_day, fetched_at, status) VALUES (?, ?, ?, ?, ?)'
    )
    insertHistory.run('bitcoin', 19000, 19365, 0, 'ok')
    expect(() => insertHistory.run('nocoin', 1, 1, 0, 'ok')).toThrow(/FOREIGN KEY/)
    db.prepare("DELETE FROM coin_history WHERE coin_id = 'bitcoin'").run()
    expect(() => insertHistory.run('bitcoin', 1, 1, 0, 'partial')).toThrow(/CHECK/)
    const insertRun = db.prepare('INSERT INTO sync_runs (id, started_at, status) VALUES (?, ?, ?)')
    insertRun.run('r1', 5, 'running')
    expect(() => insertRun.run('r2', 6, 'paused')).toThrow(/CHECK/)
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT started_at FROM sync_runs ORDER BY started_at DESC LIMIT 1')
      .all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/sync_runs_started/)
    db.close()
  })
})
