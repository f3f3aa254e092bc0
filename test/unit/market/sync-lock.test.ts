import type { Database } from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/db/connection'
import { createSyncLock } from '../../../src/main/market/sync-lock'

let db: Database
let t = 1_000_000
beforeEach(() => {
  db = openDatabase(':memory:')
  t = 1_000_000
})
afterEach(() => db.close())
const now = () => t

describe('sync lock', () => {
  it('lets one holder in and reports it to the others until it releases', () => {
    const a = createSyncLock(db, { now, pid: 100, host: 'h', isAlive: () => true })
    const b = createSyncLock(db, { now, pid: 200, host: 'h', isAlive: () => true })
    expect(a.tryAcquire()).toEqual({ acquired: true, takenOver: null })
    expect(b.tryAcquire()).toMatchObject({ acquired: false, holder: { pid: 100, host: 'h' } })
    a.release()
    expect(b.tryAcquire()).toEqual({ acquired: true, takenOver: null })
  })

  it('takes over at once from a holder whose process is gone on this host', () => {
    const a = createSyncLock(db, { now, pid: 100, host: 'h', isAlive: () => true })
    a.tryAcquire()
    const b = createSyncLock(db, { now, pid: 200, host: 'h', isAlive: (pid) => pid !== 100 })
    expect(b.tryAcquire()).toMatchObject({ acquired: true, takenOver: { pid: 100 } })
    // The old holder's release no longer removes the new holder's lock.
    a.release()
    expect(createSyncLock(db, { now, pid: 300, host: 'h', isAlive: () => true }).tryAcquire().acquired).toBe(false)
  })

  it('takes over from a holder on another host only once its heartbeat is stale', () => {
    const a = createSyncLock(db, { now, pid: 100, host: 'other', staleAfterMs: 60_000 })
    a.tryAcquire()
    const b = createSyncLock(db, { now, pid: 200, host: 'h', staleAfterMs: 60_000, isAlive: () => false })
    t += 50_000
    a.heartbeat()
    t += 50_000
    expect(b.tryAcquire().acquired).toBe(false)
    t += 20_000
    expect(b.tryAcquire()).toMatchObject({ acquired: true, takenOver: { host: 'other' } })
  })

  it('checks that the real pid of a finished process reads as gone', async () => {
    const { spawnSync } = await import('node:child_process')
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    const deadPid = Number(child.stdout)
    const a = createSyncLock(db, { now, pid: deadPid })
    a.tryAcquire()
    expect(createSyncLock(db, { now }).tryAcquire()).toMatchObject({ acquired: true, takenOver: { pid: deadPid } })
  })
})
