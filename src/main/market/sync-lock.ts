import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import type { Database } from 'better-sqlite3'
import { withBusyTimeout } from '../db/busy'
import type { Logger } from '../ports/deps'

export interface LockHolder {
  owner: string
  pid: number
  host: string
  acquiredAt: number
  heartbeatAt: number
}

export interface SyncLock {
  /**
   * Takes the lock, or returns the live holder that has it. Throws SQLITE_BUSY when the database
   * stays locked by another writer for longer than `acquireTimeoutMs`.
   */
  tryAcquire(): { acquired: true; takenOver: LockHolder | null } | { acquired: false; holder: LockHolder }
  /** Shows the holder is alive. Never throws: a beat lost to a busy database is only a late beat. */
  heartbeat(): void
  /** Removes this holder's row (another holder's is never touched); throws when it cannot be written. */
  release(): void
  readonly owner: string
}

export interface LockOptions {
  now?: () => number
  pid?: number
  host?: string
  /** A holder whose heartbeat is older than this is presumed dead. */
  staleAfterMs?: number
  /** Whether a pid on this host is alive; injectable for tests. */
  isAlive?: (pid: number) => boolean
  /** How long taking the lock waits for another writer, so that `sync:start` answers promptly. */
  acquireTimeoutMs?: number
  log?: Logger
}

/** A heartbeat waits this long for a busy database before it gives up until the next one. */
const HEARTBEAT_TIMEOUT_MS = 200

/**
 * One sync at a time across every process sharing the database (the app, browser mode, the CLI).
 * The lock is a row, not a file handle, so it must be reclaimed from a holder that crashed: it is
 * stale when its heartbeat is old, or at once when its pid is no longer running on this host (a
 * zombie counts as gone). A holder that cannot write its release stops beating, so its lock goes
 * stale by itself.
 *
 * A lock the OS releases at death would be better. Node has no flock(); the one such lock within
 * reach is SQLite's own (fcntl on POSIX, LockFileEx on Windows), held by an open exclusive
 * transaction on a separate small file. It is not used yet: rows written by older versions would
 * carry no such lock, and file locks are unreliable on network folders, so the row, the pid check
 * and the heartbeat would all still be needed beside it.
 */
export function createSyncLock(db: Database, options: LockOptions = {}): SyncLock {
  const now = options.now ?? Date.now
  const pid = options.pid ?? process.pid
  const host = options.host ?? hostname()
  const staleAfter = options.staleAfterMs ?? 120_000
  const isAlive = options.isAlive ?? ((candidate: number) => processIsAlive(candidate))
  const acquireTimeout = options.acquireTimeoutMs ?? 1_000
  const owner = randomUUID()
  const select = db.prepare<
    [],
    { owner: string; pid: number; host: string; acquired_at: number; heartbeat_at: number }
  >('SELECT owner, pid, host, acquired_at, heartbeat_at FROM sync_lock WHERE id = 1')
  const replace = db.prepare(
    'INSERT OR REPLACE INTO sync_lock (id, owner, pid, host, acquired_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?)'
  )
  const beat = db.prepare('UPDATE sync_lock SET heartbeat_at = ? WHERE id = 1 AND owner = ?')
  const remove = db.prepare('DELETE FROM sync_lock WHERE id = 1 AND owner = ?')

  const acquire = db.transaction(() => {
    const row = select.get()
    const t = now()
    if (row && row.owner !== owner) {
      const holder: LockHolder = {
        owner: row.owner,
        pid: row.pid,
        host: row.host,
        acquiredAt: row.acquired_at,
        heartbeatAt: row.heartbeat_at
      }
      const dead = t - row.heartbeat_at > staleAfter || (row.host === host && row.pid !== pid && !isAlive(row.pid))
      if (!dead) return { acquired: false as const, holder }
      replace.run(owner, pid, host, t, t)
      return { acquired: true as const, takenOver: holder }
    }
    replace.run(owner, pid, host, row?.acquired_at ?? t, t)
    return { acquired: true as const, takenOver: null }
  })

  return {
    owner,
    tryAcquire: () => withBusyTimeout(db, acquireTimeout, () => acquire.immediate()),
    heartbeat: () => {
      try {
        withBusyTimeout(db, HEARTBEAT_TIMEOUT_MS, () => beat.run(now(), owner))
      } catch (error) {
        options.log?.debug('sync lock heartbeat not written', { error: String(error) })
      }
    },
    release: () => {
      remove.run(owner)
    }
  }
}

export interface ProcessProbe {
  platform?: NodeJS.Platform
  /** Reads /proc/PID/stat (Linux); injectable for tests. */
  readStat?: (path: string) => string
  /** process.kill(pid, 0): throws ESRCH for no such process, EPERM for another user's. */
  signal?: (pid: number) => void
}

/**
 * Whether a process runs. A signal check alone is fooled by a zombie (killed, not yet reaped by
 * its parent: it still has a pid but will never release anything), so on Linux the state letter in
 * /proc/PID/stat is read first; elsewhere the heartbeat's staleness is what frees such a lock.
 */
export function processIsAlive(pid: number, probe: ProcessProbe = {}): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  const platform = probe.platform ?? process.platform
  if (platform === 'linux') {
    try {
      const stat = (probe.readStat ?? ((path) => readFileSync(path, 'utf8')))(`/proc/${pid}/stat`)
      // "PID (COMM) STATE …": COMM may hold spaces and parentheses, so the state follows the last ")".
      const state = stat
        .slice(stat.lastIndexOf(')') + 1)
        .trim()
        .charAt(0)
      if (state === 'Z' || state === 'X' || state === 'x') return false
    } catch {
      // Gone, or /proc hides other users' processes (hidepid): the signal check decides.
    }
  }
  const signal = probe.signal ?? ((target: number) => process.kill(target, 0))
  try {
    signal(pid)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
