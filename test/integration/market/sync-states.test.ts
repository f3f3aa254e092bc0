import { afterEach, describe, expect, it } from 'vitest'
import type { SyncState } from '../../../src/shared/contract/sync'
import { syncStatus } from '../../../src/shared/sync-status'
import { startFakeCoinGecko } from '../../support/fake-coingecko'
import { freePort } from '../../support/free-port'
import { NOW, openCore, removeTempDirs, syntheticMarket } from './harness'

afterEach(() => removeTempDirs())

const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('what the sync state says while the provider comes and goes', () => {
  it('says offline as soon as a connection is refused, and leaves it at the first answer; a Stop then is "stopped"', async () => {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}/api/v3`
    // Retries as the app paces them (1 s, 2 s…): offline must show during them, not after.
    const core = openCore({
      providerUrl: url,
      sync: { clientTuning: { timeoutMs: 2_000, maxAttempts: 5, backoffBaseMs: 1_000, backoffMaxMs: 8_000 } }
    })
    const states: SyncState[] = []
    core.events.on('sync:state', (state) => states.push(state))
    try {
      core.services.settings.set({ trackedCoins: 50, historyDays: 90, maxRequestsPerMinute: 0 })
      const startedAt = Date.now()
      expect(core.services.sync.start()).toEqual({ started: true, reason: null })
      await until(() => states.some((s) => s.running && !s.online), 1_500)
      expect(Date.now() - startedAt).toBeLessThan(1_500)
      expect(core.services.sync.getState().running).toBe(true)
      expect(syncStatus(core.services.sync.getState(), Date.now()).kind).toBe('offline')
      core.services.sync.cancel()
      await until(() => !core.services.sync.getState().running)
      // Stopped while the provider could not be reached: still offline, which is the truth.
      expect(syncStatus(core.services.sync.getState(), Date.now()).kind).toBe('offline')

      // The provider comes back on the same address.
      const fake = await startFakeCoinGecko({ dataset: syntheticMarket(60, 200), now: NOW, port })
      try {
        states.length = 0
        core.services.sync.start()
        await until(() => states.some((s) => s.running && s.online))
        // Stopped by the user during the backfill, after an earlier offline failure.
        await until(() => core.services.sync.getState().progress?.phase === 'history')
        core.services.sync.cancel()
        await until(() => !core.services.sync.getState().running)
        const state = core.services.sync.getState()
        expect(state).toMatchObject({ online: true, lastOutcome: 'cancelled' })
        const status = syncStatus(state, Date.now())
        expect(status.kind).toBe('stopped')
        expect(status.alarming).toBe(false)
        expect(status.headline).not.toMatch(/fail|offline/i)
      } finally {
        await fake.close()
      }
    } finally {
      core.close()
    }
  }, 30_000)
  it('a new run is not called offline for an earlier run before it has tried the provider', async () => {
    const port = await freePort()
    const core = openCore({
      providerUrl: `http://127.0.0.1:${port}/api/v3`,
      sync: { clientTuning: { timeoutMs: 1_500, maxAttempts: 5, backoffBaseMs: 500, backoffMaxMs: 2_000 } }
    })
    const states: SyncState[] = []
    core.events.on('sync:state', (state) => states.push(state))
    try {
      core.services.settings.set({ trackedCoins: 50, historyDays: 90, maxRequestsPerMinute: 0 })
      core.services.sync.start()
      await until(() => states.some((s) => s.running && !s.online), 1_500)
      core.services.sync.cancel()
      await until(() => !core.services.sync.getState().running)
      expect(core.services.sync.getState().online).toBe(false)

      // The provider is back but its first answer is slow: until it comes, the new run is syncing.
      const fake = await startFakeCoinGecko({
        dataset: syntheticMarket(60, 200),
        now: NOW,
        port,
        faults: [{ match: /./, kind: 'hang', count: 1 }]
      })
      try {
        states.length = 0
        core.services.sync.start()
        await new Promise((done) => setTimeout(done, 500))
        const first = states.find((s) => s.running)
        expect(first?.online).toBe(true)
        expect(syncStatus(core.services.sync.getState(), Date.now()).kind).not.toBe('offline')
        core.services.sync.cancel()
        await until(() => !core.services.sync.getState().running, 5_000)
      } finally {
        await fake.close()
      }
    } finally {
      core.close()
    }
  }, 30_000)
})
