import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IndexResult } from '../../../src/shared/contract/season'
import { buildSyntheticDataset, startFakeCoinGecko } from '../../support/fake-coingecko'
import type { FakeCoinGecko } from '../../support/fake-coingecko'
import { LAST_DAY, NOW, openCore, removeTempDirs } from '../market/harness'

// A first run as the app does it (the core started, the season engine following the sync) against
// a provider that allows 30 calls a minute, with the app's budget at the same 30.

let fake: FakeCoinGecko
beforeAll(async () => {
  const dataset = buildSyntheticDataset({ coins: 24, firstDay: LAST_DAY - 420, lastDay: LAST_DAY, seed: 5 })
  fake = await startFakeCoinGecko({ dataset, now: NOW, rateLimitPerMinute: 30 })
})
afterAll(async () => {
  await fake.close()
  removeTempDirs()
})

interface Seen {
  ms: number
  index: IndexResult
  running: boolean
  requests: number
}

describe('first index on a fresh install', () => {
  it('shows a provisional 30- and 365-day index within 10 s and the 90-day index before the backfill ends', async () => {
    const core = openCore({ providerUrl: fake.url })
    core.start({ syncSchedule: false })
    try {
      const started = performance.now()
      const first: Partial<Record<'30' | '365' | '90', Seen>> = {}
      expect(core.services.sync.start({ coins: 20, historyDays: 365, maxRpm: 30 }).started).toBe(true)
      while (core.services.sync.getState().running) {
        for (const window of [30, 365, 90] as const) {
          if (first[window]) continue
          const index = core.services.season.findIndex({ window })
          if (index)
            first[window] = {
              ms: performance.now() - started,
              index,
              running: core.services.sync.getState().running,
              requests: fake.requests.length
            }
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      const backfillMs = performance.now() - started
      const total = fake.requests.length
      expect(core.services.sync.getState().lastOutcome).toBe('succeeded')
      expect(fake.requests.every((r) => r.status === 200)).toBe(true)
      // The snapshot asked for the two windows' price changes.
      expect(fake.requests[0]?.path).toContain('price_change_percentage=30d%2C1y')

      for (const window of ['30', '365'] as const) {
        const seen = first[window] as Seen
        expect(seen.ms).toBeLessThan(10_000)
        expect(seen.requests).toBeLessThanOrEqual(2)
        expect(seen.index).toMatchObject({ provisional: true, date: '2024-10-04', window: Number(window) })
        expect(seen.index.provisionalReason).toMatch(/peg detector.*is not applied/)
        // The fixed exclusions hold: no stablecoin, wrapped token or bitcoin among the ranked coins.
        const ranked = seen.index.coins.map((c) => c.id)
        expect(ranked).not.toContain('bitcoin')
        expect(ranked).not.toContain('tether')
        expect(seen.index.excluded.map((e) => e.id)).toContain('tether')
        expect(seen.index.measured).toBeGreaterThan(5)
      }

      // The 90-day headline comes from stored history, while the backfill is still running.
      expect(first['90'], 'a 90-day index during the first sync').toBeDefined()
      const ninety = first['90'] as Seen
      expect(ninety.index.provisional).toBeUndefined()
      expect(ninety.running).toBe(true)
      expect(ninety.requests).toBeLessThan(total)
      expect(ninety.ms).toBeLessThan(backfillMs)

      // Once the history gives today's value, it replaces the provisional one; nothing provisional was stored.
      const thirty = core.services.season.getIndex({ window: 30 })
      expect(thirty.provisional).toBeUndefined()
      const history = core.services.season.getHistory({ window: 30, from: '2024-10-04' })
      expect(history.points.map((p) => p.value)).toEqual([thirty.value])

      process.stdout.write(
        `first index, 20 coins at 30 calls a minute: provisional 30-day ${(first['30'] as Seen).ms.toFixed(0)} ms, ` +
          `90-day ${ninety.ms.toFixed(0)} ms (${ninety.requests} of ${total} requests), backfill ${backfillMs.toFixed(0)} ms\n`
      )
    } finally {
      core.close()
    }
  }, 180_000)
})
