import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../../src/main/ports/deps'
import { createSyncScheduler } from '../../../src/main/market/sync-scheduler'
import type { SyncSummary } from '../../../src/main/market/sync-types'

/** Timers driven by hand: `advance` runs whatever falls due, in time order. */
function manualTimers() {
  let t = 0
  let seq = 0
  const pending = new Map<number, { at: number; callback: () => void }>()
  return {
    now: () => t,
    timers: {
      setTimeout: (callback: () => void, ms: number) => {
        seq += 1
        pending.set(seq, { at: t + ms, callback })
        return seq
      },
      clearTimeout: (handle: unknown) => void pending.delete(handle as number)
    },
    async advance(ms: number) {
      const end = t + ms
      for (;;) {
        const next = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0]
        if (!next || next[1].at > end) break
        pending.delete(next[0])
        t = next[1].at
        next[1].callback()
        // Let the run's promise settle before looking at the timers again.
        for (let i = 0; i < 5; i += 1) await Promise.resolve()
      }
      t = end
    },
    pendingCount: () => pending.size
  }
}

const HOUR = 3_600_000
const summary = (status: SyncSummary['status'], code?: 'OFFLINE'): SyncSummary =>
  ({ status, error: code ? { code, message: 'offline' } : null }) as SyncSummary

function setup(results: SyncSummary[], lastSuccess: number | null, interval = 60) {
  const clock = manualTimers()
  const runsAt: number[] = []
  let last = lastSuccess
  const scheduler = createSyncScheduler({
    run: async () => {
      runsAt.push(clock.now())
      const result = results.shift() ?? summary('succeeded')
      if (result.status === 'succeeded') last = clock.now()
      return result
    },
    isRunning: () => false,
    intervalMinutes: () => interval,
    lastSuccessAt: () => last,
    now: clock.now,
    log: silentLogger,
    onChange: () => {},
    timers: clock.timers,
    startDelayMs: 3_000,
    retryBaseMs: 30_000
  })
  return { clock, scheduler, runsAt }
}

describe('sync scheduler', () => {
  it('syncs soon after start when the data was never synced, then every interval', async () => {
    const { clock, scheduler, runsAt } = setup([], null)
    scheduler.start()
    expect(scheduler.nextRunAt()).toBe(3_000)
    await clock.advance(3 * HOUR)
    expect(runsAt).toEqual([3_000, 3_000 + HOUR, 3_000 + 2 * HOUR])
  })

  it('waits for the interval after the last success when the data is fresh', async () => {
    const { clock, scheduler, runsAt } = setup([], -20 * 60_000)
    scheduler.start()
    expect(scheduler.nextRunAt()).toBe(40 * 60_000)
    await clock.advance(HOUR)
    expect(runsAt).toEqual([40 * 60_000])
  })

  it('retries with doubling backoff while offline, then returns to the interval', async () => {
    const { clock, scheduler, runsAt } = setup(
      [summary('failed', 'OFFLINE'), summary('failed', 'OFFLINE'), summary('failed', 'OFFLINE')],
      null
    )
    scheduler.start()
    await clock.advance(2 * HOUR)
    expect(runsAt.slice(0, 5)).toEqual([3_000, 33_000, 93_000, 213_000, 213_000 + HOUR])
    expect(scheduler.consecutiveFailures()).toBe(0)
  })

  it('runs nothing with interval 0 and nothing after stop', async () => {
    const off = setup([], null, 0)
    off.scheduler.start()
    expect(off.scheduler.nextRunAt()).toBeNull()
    await off.clock.advance(5 * HOUR)
    expect(off.runsAt).toEqual([])
    const on = setup([], null)
    on.scheduler.start()
    on.scheduler.stop()
    await on.clock.advance(5 * HOUR)
    expect(on.runsAt).toEqual([])
    expect(on.clock.pendingCount()).toBe(0)
  })
})
