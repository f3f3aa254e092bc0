import { spawn } from 'node:child_process'
import { hostname } from 'node:os'
import BetterSqlite3 from 'better-sqlite3'
import type { Database } from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/create-core'
import { startFakeCoinGecko } from '../../support/fake-coingecko'
import type { FakeCoinGecko } from '../../support/fake-coingecko'
import { fastTuning, NOW, openCore, removeTempDirs, syntheticMarket } from './harness'

// Another writer (a long import, another process) holding the database past the busy timeout:
// the sync's run record and lock must still be settled, and the next sync must be able to start.
let fake: FakeCoinGecko
const cleanups: (() => void)[] = []
beforeAll(async () => {
  fake = await startFakeCoinGecko({ dataset: syntheticMarket(60, 200), now: NOW })
})
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
  removeTempDirs()
})
afterAll(async () => {
  await fake.close()
})

const ctx = { runtime: 'electron' as const }
const BUSY_TO_START =
  'The database is busy with another write (an import, perhaps), so the sync did not start; try again in a moment.'

function core(options: Parameters<typeof openCore>[0] = {}): Core {
  const opened = openCore({ providerUrl: fake.url, ...options })
  cleanups.push(() => opened.close())
  // Writes give up after 300 ms rather than 5 s, so that a test need not wait that long.
  opened.services.db.pragma('busy_timeout = 300')
  opened.services.settings.set({ trackedCoins: 50, historyDays: 60, maxRequestsPerMinute: 0 })
  return opened
}

/** A second connection that takes the write lock when asked and holds it until let go. */
function writer(path: string) {
  const db: Database = new BetterSqlite3(path)
  cleanups.push(() => db.close())
  return {
    hold: () => db.exec('BEGIN IMMEDIATE'),
    letGo: () => db.inTransaction && db.exec('COMMIT')
  }
}

const rows = (db: Database, sql: string) => db.prepare(sql).all()

describe('sync under a busy database', () => {
  it('a sync stopped by a busy database records why and frees its lock once the writer lets go; the next sync runs', async () => {
    const app = core({ sync: { ...fastTuning, settle: { delaysMs: [100, 200, 400, 800, 1600], busyTimeoutMs: 50 } } })
    const other = writer(app.services.databasePath)
    // The other writer takes the database as the first answer arrives, and keeps it for 0.8 s.
    const summary = await app.services.sync.run({
      onProgress: (p) => {
        if (p.phase === 'markets' && p.done === 0) {
          other.hold()
          setTimeout(other.letGo, 800)
        }
      }
    })
    expect(summary.status).toBe('failed')
    expect(summary.error).toEqual({
      code: 'BUSY',
      message:
        'The database stayed busy with another write (an import, perhaps), so the sync stopped; what it stored is kept and the next sync picks up from there.'
    })
    const db = app.services.db
    expect(rows(db, 'SELECT status, error_code FROM sync_runs')).toEqual([{ status: 'failed', error_code: 'BUSY' }])
    expect(rows(db, 'SELECT * FROM sync_lock')).toEqual([])
    expect(app.services.sync.getState()).toMatchObject({ running: false, lastError: { code: 'BUSY' } })

    const next = await app.services.sync.run()
    expect(next.status).toBe('succeeded')
    expect(rows(db, 'SELECT status FROM sync_runs ORDER BY started_at, rowid')).toEqual([
      { status: 'failed' },
      { status: 'succeeded' }
    ])
  })

  it('when the record cannot be written at all, the heartbeat stops and another process takes the stale lock over', async () => {
    const app = core({
      sync: { ...fastTuning, heartbeatMs: 50, settle: { delaysMs: [50, 50], busyTimeoutMs: 20, retryEveryMs: 600_000 } }
    })
    const other = writer(app.services.databasePath)
    const summary = await app.services.sync.run({
      onProgress: (p) => p.phase === 'markets' && p.done === 0 && other.hold()
    })
    expect(summary.status).toBe('failed')
    // Nothing could be written: the run still reads as running and the lock as held…
    const db = app.services.db
    expect(rows(db, 'SELECT status FROM sync_runs')).toEqual([{ status: 'running' }])
    const held = db.prepare('SELECT pid, heartbeat_at FROM sync_lock').get() as { pid: number; heartbeat_at: number }
    expect(held.pid).toBe(process.pid)
    // …but its heartbeat has stopped, and this process starts nothing until the record is written.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(db.prepare('SELECT heartbeat_at FROM sync_lock').get()).toEqual({ heartbeat_at: held.heartbeat_at })
    expect(await app.dispatch('sync:start', undefined, ctx)).toMatchObject({
      ok: true,
      data: { started: false, reason: BUSY_TO_START }
    })
    other.letGo()

    // Another process on the same folder: refused while the heartbeat is fresh, in after it is stale.
    const second = core({ dataDir: app.services.dataDir, sync: { ...fastTuning, lock: { staleAfterMs: 1_500 } } })
    const refused = await second.dispatch('sync:start', undefined, ctx)
    expect(refused).toMatchObject({ ok: true, data: { started: false } })
    expect(refused.ok && refused.data).toMatchObject({
      reason: expect.stringMatching(
        new RegExp(
          `^Another Seasonwatch process \\(pid ${process.pid}\\) has been syncing this data folder since 2024-10-04 \\d\\d:\\d\\d UTC; try again when it has finished\\.$`
        )
      ) as unknown
    })
    while (second.services.clock.now() - held.heartbeat_at <= 1_500) await new Promise((r) => setTimeout(r, 50))
    const taken = await second.services.sync.run()
    expect(taken.status).toBe('succeeded')
    expect(rows(db, 'SELECT status FROM sync_runs ORDER BY started_at, rowid')).toEqual([
      { status: 'interrupted' },
      { status: 'succeeded' }
    ])
    expect(rows(db, 'SELECT * FROM sync_lock')).toEqual([])
  })

  it('sync:start says why it did not start: running here, another process, a busy database', async () => {
    const app = core({ sync: { ...fastTuning, lock: { acquireTimeoutMs: 200 } } })
    const db = app.services.db
    app.services.settings.set({ maxRequestsPerMinute: 600 })
    expect(await app.dispatch('sync:start', undefined, ctx)).toMatchObject({
      ok: true,
      data: { started: true, reason: null }
    })
    expect(await app.dispatch('sync:start', undefined, ctx)).toMatchObject({
      ok: true,
      data: { started: false, reason: 'A sync is already running here.', state: { running: true } }
    })
    app.services.sync.cancel()
    while (app.services.sync.getState().running) await new Promise((r) => setTimeout(r, 20))

    // A live process on this host holds the lock (a real one: this test's own child).
    const holder = spawn('sleep', ['30'])
    cleanups.push(() => holder.kill('SIGKILL'))
    db.prepare(
      "INSERT INTO sync_lock (id, owner, pid, host, acquired_at, heartbeat_at) VALUES (1, 'elsewhere', ?, ?, ?, ?)"
    ).run(holder.pid, hostname(), NOW - 3_600_000, app.services.clock.now())
    expect(await app.dispatch('sync:start', undefined, ctx)).toMatchObject({
      ok: true,
      data: {
        started: false,
        reason: `Another Seasonwatch process (pid ${holder.pid}) has been syncing this data folder since 2024-10-04 09:00 UTC; try again when it has finished.`
      }
    })
    db.prepare('DELETE FROM sync_lock').run()

    const other = writer(app.services.databasePath)
    other.hold()
    const asked = Date.now()
    expect(await app.dispatch('sync:start', undefined, ctx)).toMatchObject({
      ok: true,
      data: { started: false, reason: BUSY_TO_START, state: { running: false } }
    })
    // The answer comes after a short wait for the lock, not after the connection's busy timeout.
    expect(Date.now() - asked).toBeLessThan(1_000)
    other.letGo()
    expect(await app.dispatch('sync:start', undefined, ctx)).toMatchObject({ ok: true, data: { started: true } })
    app.services.sync.cancel()
    while (app.services.sync.getState().running) await new Promise((r) => setTimeout(r, 20))
  })
})
