import type { Database } from 'better-sqlite3'

/**
 * SQLite answers SQLITE_BUSY (or one of its extended codes) when another connection holds the
 * write lock for longer than the busy timeout: a long import in another process, say.
 */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)
}

/**
 * Runs `write` with a shorter busy timeout than the connection's. better-sqlite3 waits for the
 * lock synchronously, so the bookkeeping that may retry later (the sync lock, the run record)
 * must not block the whole process for the connection's full timeout on every try.
 */
export function withBusyTimeout<T>(db: Database, timeoutMs: number, write: () => T): T {
  const previous = db.pragma('busy_timeout', { simple: true }) as number
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(timeoutMs))}`)
  try {
    return write()
  } finally {
    db.pragma(`busy_timeout = ${previous}`)
  }
}
