import { describe, expect, it } from 'vitest'
import { createRequestBudget } from '../../../src/main/market/rate-budget'

/** A clock that only moves when the budget sleeps, so spacing is measured exactly. */
function virtualTime() {
  let t = 1_000_000
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms
    }
  }
}

describe('request budget', () => {
  it('spaces requests evenly at R per minute (with its 1% margin) instead of bursting', async () => {
    const time = virtualTime()
    const budget = createRequestBudget({ perMinute: 30, ...time })
    const starts: number[] = []
    for (let i = 0; i < 31; i += 1) {
      await budget.acquire()
      starts.push(time.now())
    }
    const gaps = starts.slice(1).map((s, i) => s - (starts[i] as number))
    for (const gap of gaps) expect(gap).toBeCloseTo(2020, 6)
    // No 60-second window holds more than 30 starts.
    for (let i = 30; i < starts.length; i += 1)
      expect((starts[i] as number) - (starts[i - 30] as number)).toBeGreaterThan(60_000)
  })

  it('with 0 imposes no wait at all', async () => {
    const time = virtualTime()
    const budget = createRequestBudget({ perMinute: 0, ...time })
    for (let i = 0; i < 100; i += 1) await budget.acquire()
    expect(time.now()).toBe(1_000_000)
  })

  it('gives concurrent callers distinct slots and reports the waits', async () => {
    const time = virtualTime()
    const budget = createRequestBudget({ perMinute: 60, margin: 0, ...time })
    const waits: (string | null)[] = []
    await Promise.all([0, 1, 2].map(() => budget.acquire(undefined, (w) => waits.push(w ? w.reason : null))))
    expect(time.now()).toBe(1_000_000 + 2_000)
    expect(waits.filter((w) => w === 'rate-budget')).toHaveLength(2)
  })

  it('holds every caller back until a Retry-After pause is over', async () => {
    const time = virtualTime()
    const budget = createRequestBudget({ perMinute: 0, ...time })
    budget.pauseUntil(time.now() + 5_000)
    const reasons: string[] = []
    await budget.acquire(undefined, (w) => w && reasons.push(w.reason))
    expect(time.now()).toBe(1_005_000)
    expect(reasons).toEqual(['retry-after'])
  })

  it('rejects a cancelled wait with CANCELLED and refuses a negative rate', async () => {
    const budget = createRequestBudget({ perMinute: 1 })
    await budget.acquire()
    const controller = new AbortController()
    const pending = budget.acquire(controller.signal)
    controller.abort()
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(() => budget.setRate(-1)).toThrow(/0 \(no limit\) or a positive number/)
  })
})
