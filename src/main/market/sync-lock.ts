import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Database } from 'better-sqlite3'

export interface LockHolder {
  owner: string
  pid: number
  host: string
  acquiredAt: number
  heartbeatAt: number
}

export interface SyncLock {
  /** Takes the lock, or returns the live holder that has it. */
  tryAcquire(): { acquired: true; takenOver: LockHolder | null } | { acquired: false; holder: LockHolder }
  heartbeat(): void
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
}

/**
 * One sync at a time across every process sharing the database (the app, browser mode, the CLI).
 * The lock is a row, not a file handle, so it must be reclaimed from a holder that crashed: it is
 * stale when its heartbeat is old, or at once when its pid is no longer running on this host.
 */
export function createSyncLock(db: Database, options: LockOptions = {}): SyncLock {
  const now = options.now ?? Date.now
  const pid = options.pid ?? process.pid
  const host = options.host ?? hostname()
  const staleAfter = options.staleAfterMs ?? 120_000
  const isAlive = options.isAlive ?? processIsAlive
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
    tryAcquire: () => acquire.immediate(),
    heartbeat: () => {
      beat.run(now(), owner)
    },
    release: () => {
      remove.run(owner)
    }
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
