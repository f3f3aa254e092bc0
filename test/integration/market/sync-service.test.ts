import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Logger } from '../../../src/main/ports/deps'
import { memorySecrets } from '../../../src/main/ports/deps'
import { startFakeCoinGecko } from '../../support/fake-coingecko'
import type { FakeCoinGecko } from '../../support/fake-coingecko'
import type { MarketDataset } from '../../support/market-dataset'
import { NOW, openCore, removeTempDirs, syntheticMarket } from './harness'

let dataset: MarketDataset
let fake: FakeCoinGecko
beforeAll(async () => {
  dataset = syntheticMarket(40, 200)
  fake = await startFakeCoinGecko({ dataset, now: NOW })
})
afterEach(() => {
  fake.setFaults([])
  fake.requests.length = 0
  removeTempDirs()
})
afterAll(async () => {
  await fake.close()
})

const ctx = { runtime: 'electron' as const }

describe('sync channels and events', () => {
  it('sync:start runs in the background, pushes progress and state, and sync:get-state reports the result', async () => {
    const core = openCore({ providerUrl: fake.url })
    try {
      core.services.settings.set({ trackedCoins: 50, historyDays: 90, maxRequestsPerMinute: 0 })
      const seen: { name: string; payload: unknown }[] = []
      core.events.onAny((name, payload) => seen.push({ name, payload }))
      const started = await core.dispatch('sync:start', undefined, ctx)
      expect(started).toMatchObject({ ok: true, data: { started: true, state: { running: true } } })
      // A second start while it runs starts nothing.
      expect(await core.dispatch('sync:start', {}, ctx)).toMatchObject({ ok: true, data: { started: false } })
      while (core.services.sync.getState().running) await new Promise((r) => setTimeout(r, 20))
      const state = await core.dispatch('sync:get-state', undefined, ctx)
      expect(state).toMatchObject({
        ok: true,
        data: { running: false, online: true, lastError: null, coinsTracked: 45, progress: null, nextRunAt: null }
      })
      if (!state.ok) throw new Error('unreachable')
      const data = state.data as { lastSuccessAt: number; daysStored: number; dataAsOf: string }
      expect(data.lastSuccessAt).toBeGreaterThanOrEqual(NOW)
      // 91 days of history, plus the last days of coins that stopped trading earlier.
      const distinct = core.services.db.prepare('SELECT COUNT(DISTINCT day) AS n FROM daily_values').get() as {
        n: number
      }
      expect(data.daysStored).toBe(distinct.n)
      expect(data.daysStored).toBeGreaterThanOrEqual(91)
      expect(data.dataAsOf).toBe('2024-10-04')
      const phases = seen.filter((e) => e.name === 'sync:progress').map((e) => (e.payload as { phase: string }).phase)
      expect([...new Set(phases)]).toEqual(['markets', 'categories', 'global', 'history', 'finishing'])
      const history = seen.filter(
        (e) => e.name === 'sync:progress' && (e.payload as { phase: string }).phase === 'history'
      )
      expect(history.some((e) => (e.payload as { currentCoin: string | null }).currentCoin === 'bitcoin')).toBe(true)
      expect(
        seen.filter((e) => e.name === 'sync:state').map((e) => (e.payload as { running: boolean }).running)
      ).toEqual([true, false])
      expect(seen).toContainEqual({
        name: 'data:changed',
        payload: { topics: ['market'] }
      })
    } finally {
      core.close()
    }
  })

  it('sync:cancel stops a running sync at the next safe point and keeps what it stored', async () => {
    const core = openCore({ providerUrl: fake.url })
    try {
      core.services.settings.set({ trackedCoins: 50, historyDays: 90, maxRequestsPerMinute: 600 })
      const progress: string[] = []
      core.events.onAny(
        (name, payload) => name === 'sync:progress' && progress.push((payload as { phase: string }).phase)
      )
      const run = core.services.sync.run()
      while (!progress.includes('history')) await new Promise((r) => setTimeout(r, 10))
      await new Promise((r) => setTimeout(r, 400))
      expect(await core.dispatch('sync:cancel', undefined, ctx)).toEqual({ ok: true, data: { cancelled: true } })
      const summary = await run
      expect(summary.status).toBe('cancelled')
      expect(summary.error?.code).toBe('CANCELLED')
      expect(summary.historyFetched).toBeGreaterThan(0)
      expect(summary.historyFetched).toBeLessThan(45)
      const stored = core.services.db.prepare('SELECT COUNT(*) AS n FROM coin_history').get() as { n: number }
      expect(stored.n).toBe(summary.historyFetched)
      expect(await core.dispatch('sync:cancel', undefined, ctx)).toEqual({ ok: true, data: { cancelled: false } })
    } finally {
      core.close()
    }
  })

  it('the scheduler syncs stale data on start and reports its next run', async () => {
    const core = openCore({ providerUrl: fake.url, sync: { scheduler: { startDelayMs: 10 } } })
    try {
      core.services.settings.set({
        trackedCoins: 50,
        historyDays: 30,
        maxRequestsPerMinute: 0,
        syncIntervalMinutes: 60
      })
      core.services.sync.startScheduler()
      const planned = core.services.sync.getState().nextRunAt
      expect(planned).not.toBeNull()
      const deadline = Date.now() + 20_000
      while (core.services.sync.getState().lastSuccessAt === null && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20))
      const state = core.services.sync.getState()
      expect(state.lastSuccessAt).not.toBeNull()
      expect(state.nextRunAt).toBeCloseTo((state.lastSuccessAt as number) + 3_600_000, -3)
      core.services.settings.set({ syncIntervalMinutes: 0 })
      expect(core.services.sync.getState().nextRunAt).toBeNull()
    } finally {
      core.close()
    }
  })
})

describe('provider API key', () => {
  it('is sent in the demo header, never returned by the channels and never logged', async () => {
    const key = 'CG-abcdef123456'
    const lines: string[] = []
    const capture = (level: string) => (message: string, fields?: Record<string, unknown>) =>
      lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`)
    const log: Logger = {
      debug: capture('debug'),
      info: capture('info'),
      warn: capture('warn'),
      error: capture('error')
    }
    const core = openCore({ providerUrl: fake.url, secrets: memorySecrets(), log })
    try {
      expect(await core.dispatch('secrets:get-status', undefined, ctx)).toEqual({
        ok: true,
        data: { apiKeySet: false, backend: 'memory', writable: true }
      })
      expect(await core.dispatch('secrets:set-api-key', { apiKey: 'short' }, ctx)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' }
      })
      const set = await core.dispatch('secrets:set-api-key', { apiKey: `  ${key} ` }, ctx)
      expect(set).toEqual({ ok: true, data: { apiKeySet: true, backend: 'memory', writable: true } })
      core.services.settings.set({ providerTier: 'demo', trackedCoins: 50, historyDays: 30 })
      fake.setFaults([{ match: '/global', kind: 'status', status: 503, count: 1 }])
      const summary = await core.services.sync.run({ maxRpm: 0 })
      expect(summary.status).toBe('succeeded')
      expect(fake.requests.length).toBeGreaterThan(40)
      for (const request of fake.requests) expect(request.headers['x-cg-demo-api-key']).toBe(key)
      expect(lines.some((l) => l.includes('will retry'))).toBe(true)
      expect(lines.join('\n')).not.toContain(key)
      expect(JSON.stringify(summary)).not.toContain(key)
      expect(JSON.stringify(core.services.sync.getState())).not.toContain(key)
      expect(await core.dispatch('secrets:set-api-key', { apiKey: null }, ctx)).toMatchObject({
        ok: true,
        data: { apiKeySet: false }
      })
    } finally {
      core.close()
    }
  })

  it('cannot be set where it comes from the environment', async () => {
    const { envSecrets } = await import('../../../src/main/ports/deps')
    const core = openCore({ secrets: envSecrets({ SEASONWATCH_API_KEY: 'CG-from-env-123' }) })
    try {
      expect(await core.dispatch('secrets:get-status', undefined, ctx)).toEqual({
        ok: true,
        data: { apiKeySet: true, backend: 'env', writable: false }
      })
      expect(await core.dispatch('secrets:set-api-key', { apiKey: 'CG-other-key-1' }, ctx)).toEqual({
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message: 'Here the API key comes from the SEASONWATCH_API_KEY environment variable; set it there.'
        }
      })
    } finally {
      core.close()
    }
  })
})

describe('request budget against a rate-limited provider', () => {
  it('makes zero 429s when the budget matches the provider’s limit', async () => {
    // 600 a minute, counted by the provider over any 3-second window (30 requests).
    const limited = await startFakeCoinGecko({ dataset, now: NOW, rateLimitPerMinute: 600, rateLimitWindowMs: 3_000 })
    const core = openCore({ providerUrl: limited.url })
    const waits: string[] = []
    core.events.onAny((name, payload) => {
      const waiting = name === 'sync:progress' ? (payload as { waiting: { reason: string } | null }).waiting : null
      if (waiting) waits.push(waiting.reason)
    })
    try {
      const summary = await core.services.sync.run({ coins: 45, historyDays: 30, maxRpm: 600 })
      // Progress says when the sync waits for its budget.
      expect(waits.filter((w) => w === 'rate-budget').length).toBeGreaterThan(40)
      waits.length = 0
      expect(summary.status).toBe('succeeded')
      expect(summary.requests).toBe(55)
      expect(summary.statusCounts).toEqual({ '200': 55 })
      expect(limited.requests.every((r) => r.status === 200)).toBe(true)
      // The same provider without a client budget answers 429 (and the sync still finishes).
      const unbudgeted = await core.services.sync.run({ coins: 45, historyDays: 60, maxRpm: 0 })
      expect(unbudgeted.statusCounts['429']).toBeGreaterThan(0)
      expect(waits).toContain('retry-after')
      expect(waits).not.toContain('rate-budget')
    } finally {
      core.close()
      await limited.close()
    }
  }, 60_000)
})
