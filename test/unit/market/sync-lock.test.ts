import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import type { Database } from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/db/connection'
import { createSyncLock, processIsAlive } from '../../../src/main/market/sync-lock'

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

  it('counts a zombie as gone: /proc/PID/stat says Z although a signal still reaches the pid', () => {
    const signal = () => {} // kill(pid, 0) succeeds on a zombie: the pid is still in the table
    const stat =
      (state: string, comm = 'node') =>
      () =>
        `4242 (${comm}) ${state} 4200 4242 4200 0 -1 4194560 1 0 0 0`
    expect(processIsAlive(4242, { platform: 'linux', readStat: stat('S'), signal })).toBe(true)
    expect(processIsAlive(4242, { platform: 'linux', readStat: stat('R'), signal })).toBe(true)
    expect(processIsAlive(4242, { platform: 'linux', readStat: stat('Z'), signal })).toBe(false)
    expect(processIsAlive(4242, { platform: 'linux', readStat: stat('X'), signal })).toBe(false)
    // A command name may hold ") Z": the state is what follows the last parenthesis.
    expect(processIsAlive(4242, { platform: 'linux', readStat: stat('S', 'evil) Z ('), signal })).toBe(true)
    expect(processIsAlive(4242, { platform: 'linux', readStat: stat('Z', 'a (b) c'), signal })).toBe(false)
  })

  it('leaves the answer to the signal where /proc cannot say: other systems, hidden or missing entries', () => {
    const gone = () => {
      throw Object.assign(new Error('kill ESRCH'), { code: 'ESRCH' })
    }
    const othersOwn = () => {
      throw Object.assign(new Error('kill EPERM'), { code: 'EPERM' })
    }
    const missing = () => {
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' })
    }
    const zombie = () => '4242 (node) Z 1'
    expect(processIsAlive(4242, { platform: 'linux', readStat: missing, signal: gone })).toBe(false)
    expect(processIsAlive(4242, { platform: 'linux', readStat: missing, signal: othersOwn })).toBe(true)
    // macOS and Windows have no /proc: a zombie there is freed by its stale heartbeat instead.
    expect(processIsAlive(4242, { platform: 'darwin', readStat: zombie, signal: () => {} })).toBe(true)
    expect(processIsAlive(0, { signal: () => {} })).toBe(false)
    expect(processIsAlive(-1, { signal: () => {} })).toBe(false)
  })

  it('a heartbeat lost to a busy database is not an error, and the lock still says who holds it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-lock-'))
    const file = join(dir, 'lock.db')
    const own = openDatabase(file)
    const other = new BetterSqlite3(file)
    try {
      const a = createSyncLock(own, { now, pid: 100, host: 'h', isAlive: () => true })
      a.tryAcquire()
      other.exec('BEGIN IMMEDIATE')
      t += 5_000
      const started = Date.now()
      expect(() => a.heartbeat()).not.toThrow()
      // It waits briefly, not the connection's whole busy timeout.
      expect(Date.now() - started).toBeLessThan(2_000)
      expect(() => createSyncLock(own, { now, pid: 200, host: 'h', acquireTimeoutMs: 50 }).tryAcquire()).toThrow(
        /database is locked/
      )
      other.exec('COMMIT')
      a.heartbeat()
      expect(own.prepare('SELECT heartbeat_at FROM sync_lock').get()).toEqual({ heartbeat_at: t })
    } finally {
      other.close()
      own.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
