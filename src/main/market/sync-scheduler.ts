import type { Logger } from '../ports/deps'
import type { SyncSummary } from './sync-types'

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface SchedulerOptions {
  run(): Promise<SyncSummary>
  isRunning(): boolean
  /** Minutes between syncs; 0 turns the schedule off. Read at every rescheduling. */
  intervalMinutes(): number
  lastSuccessAt(): number | null
  now(): number
  log: Logger
  onChange(): void
  timers: Timers
  /** Delay before the first sync after start, so the window opens first. */
  startDelayMs: number
  /** First retry after a failure; doubles per consecutive failure, capped by the interval. */
  retryBaseMs: number
}

const nodeTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms)
    handle.unref?.()
    return handle
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

/**
 * Runs the sync on start when the data is stale and then every interval. While the provider
 * cannot be reached (or any run fails) it retries sooner, with exponential backoff, never later
 * than the regular interval would.
 */
export function createSyncScheduler(
  input: Partial<SchedulerOptions> &
    Pick<SchedulerOptions, 'run' | 'isRunning' | 'intervalMinutes' | 'lastSuccessAt' | 'now' | 'log' | 'onChange'>
) {
  const options: SchedulerOptions = { timers: nodeTimers, startDelayMs: 3_000, retryBaseMs: 30_000, ...input }
  let started = false
  let handle: unknown = null
  let nextRunAt: number | null = null
  let failures = 0

  function clear(): void {
    if (handle !== null) options.timers.clearTimeout(handle)
    handle = null
    nextRunAt = null
  }

  function scheduleAt(at: number): void {
    clear()
    nextRunAt = at
    handle = options.timers.setTimeout(() => void fire(), Math.max(0, at - options.now()))
    options.onChange()
  }

  /** Next run from the last success, or soon when the data is stale or has never been synced. */
  function planRegular(): void {
    const intervalMs = options.intervalMinutes() * 60_000
    if (!started || intervalMs <= 0) {
      clear()
      options.onChange()
      return
    }
    const last = options.lastSuccessAt()
    const due = last === null ? options.now() : last + intervalMs
    scheduleAt(Math.max(due, options.now() + options.startDelayMs))
  }

  async function fire(): Promise<void> {
    handle = null
    nextRunAt = null
    if (!started) return
    const intervalMs = options.intervalMinutes() * 60_000
    if (options.isRunning()) {
      scheduleAt(options.now() + Math.max(intervalMs, options.retryBaseMs))
      return
    }
    let ok = false
    try {
      const summary = await options.run()
      ok = summary.status === 'succeeded'
    } catch (error) {
      // BUSY: another process syncs the same data; its result will be picked up next time.
      options.log.info('scheduled sync did not run', { error: String(error) })
    }
    if (!started) return
    if (ok) {
      failures = 0
      planRegular()
      return
    }
    failures += 1
    const retry = Math.min(options.retryBaseMs * 2 ** (failures - 1), intervalMs > 0 ? intervalMs : Infinity)
    scheduleAt(options.now() + retry)
  }

  return {
    start(): void {
      if (started) return
      started = true
      planRegular()
    },
    stop(): void {
      started = false
      clear()
    },
    /** The interval setting changed. */
    reschedule(): void {
      if (started && !options.isRunning()) planRegular()
    },
    nextRunAt: (): number | null => nextRunAt,
    consecutiveFailures: (): number => failures
  }
}
