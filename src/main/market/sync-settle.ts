import type { Database } from 'better-sqlite3'
import { withBusyTimeout } from '../db/busy'
import type { Logger } from '../ports/deps'

export interface SettleOptions {
  /** Pauses between tries of a record the database did not take (busy with another writer). */
  delaysMs: readonly number[]
  /** Each try waits at most this long for the write lock, so no try blocks the process for long. */
  busyTimeoutMs: number
  /** After those tries, one more this often in the background until the record is written. */
  retryEveryMs: number
}

export interface Settler {
  /**
   * Writes a run's closing record (its outcome, the lock's release) in one transaction: at once,
   * else after short pauses, else in the background. Resolves whether it is written yet.
   */
  settle(record: () => void): Promise<boolean>
  /** One synchronous try of a record still waiting; true when none waits any more. */
  flush(): boolean
  /** Whether a record still waits to be written. */
  readonly pending: boolean
  /** Stops the background tries after one last try (app quit, core closed). */
  stop(): void
}

const defaults: SettleOptions = {
  delaysMs: [100, 200, 400, 800, 1_600, 3_200],
  busyTimeoutMs: 250,
  retryEveryMs: 5_000
}

/**
 * A sync must leave its run and lock settled however it ends, also when another writer (a long
 * import, another process) holds the database past its busy timeout. The closing record is kept
 * in memory until it lands; meanwhile the lock's heartbeat has stopped, so other processes may
 * take it over once it is stale, and this process starts no new sync before the record is written.
 */
export function createSettler(db: Database, log: Logger, options: Partial<SettleOptions> = {}): Settler {
  const { delaysMs, busyTimeoutMs, retryEveryMs } = { ...defaults, ...options }
  let pending: (() => void) | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let warned = false
  let stopped = false

  function flush(): boolean {
    if (!pending) return true
    const record = pending
    try {
      withBusyTimeout(db, busyTimeoutMs, () => db.transaction(record).immediate())
    } catch (error) {
      if (!warned) log.warn('the sync record could not be written yet; trying again', { error: String(error) })
      warned = true
      return false
    }
    if (warned) log.info('the sync record is written')
    pending = null
    warned = false
    if (timer) clearTimeout(timer)
    timer = null
    return true
  }

  function retryInBackground(): void {
    if (timer || !pending || stopped) return
    timer = setTimeout(() => {
      timer = null
      if (!flush()) retryInBackground()
    }, retryEveryMs)
    timer.unref?.()
  }

  return {
    get pending() {
      return pending !== null
    },
    async settle(record) {
      pending = record
      if (flush()) return true
      // Stopped (the core is closing): one try only, nothing left behind to run later.
      if (stopped) return false
      for (const delay of delaysMs) {
        await new Promise((resolve) => setTimeout(resolve, delay))
        if (stopped) return false
        if (flush()) return true
      }
      log.error('the sync record could not be written: the database stays busy; the lock frees itself when stale')
      retryInBackground()
      return false
    },
    flush,
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      timer = null
      flush()
      pending = null
    }
  }
}
