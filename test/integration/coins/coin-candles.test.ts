import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/create-core'
import type { CoinCandles } from '../../../src/shared/contract/coins'
import { isoDateOfDay } from '../../../src/shared/dates'
import { startFakeCoinGecko } from '../../support/fake-coingecko'
import type { FakeCoinGecko } from '../../support/fake-coingecko'
import type { MarketDataset } from '../../support/market-dataset'
import { DAY, LAST_DAY, NOW, openCore, removeTempDirs, syntheticMarket } from '../market/harness'

// The fake provider's clock and the app's: 10:00 UTC on LAST_DAY. A 4-hour candle is stamped with
// its close time, so the day LAST_DAY - 5 is the six candles closing at 04:00 ... 24:00 of it.
const GAP_DAY = LAST_DAY - 5
const GAP = GAP_DAY * DAY + 12 * 3_600_000
const HOUR = 3_600_000
let dataset: MarketDataset
let provider: FakeCoinGecko

beforeAll(async () => {
  dataset = syntheticMarket(12, 60)
  provider = await startFakeCoinGecko({ dataset, now: NOW, ohlcGaps: [GAP] })
})
afterEach(() => {
  provider.setFaults([])
  removeTempDirs()
})
afterAll(async () => {
  await provider.close()
})

/** A core whose calendar clock the test moves, its market synced from the fake provider. */
async function syncedCore(options: { pro?: boolean; fetch?: typeof fetch } = {}) {
  let now = NOW
  const core = openCore({
    providerUrl: provider.url,
    clock: { now: () => now },
    ...(options.fetch ? { fetch: options.fetch } : {})
  })
  core.services.settings.set({
    providerTier: options.pro ? 'pro' : 'public',
    maxRequestsPerMinute: 0
  })
  // The key after the plan: choosing another plan (another host) clears it.
  if (options.pro) core.services.secrets.set('provider-api-key', 'CG-proKeyForCandles0001')
  const summary = await core.services.sync.run({ coins: 12, historyDays: 40 })
  expect(summary.status).toBe('succeeded')
  return { core, advance: (ms: number) => (now += ms) }
}

const ohlcRequests = () => provider.requests.filter((r) => r.path.includes('/ohlc'))
const candles = (core: Core, from: number, to = LAST_DAY) =>
  core.dispatch(
    'coins:get-candles',
    { coinId: 'ethereum', from: isoDateOfDay(from), to: isoDateOfDay(to) },
    { runtime: 'cli' }
  )
const priceOn = (day: number) =>
  dataset.coins.find((c) => c.id === 'ethereum')!.points.find((p) => p.t === day * DAY)!.price!

async function ok(core: Core, from: number, to = LAST_DAY): Promise<CoinCandles> {
  const answer = await candles(core, from, to)
  if (!answer.ok) throw new Error(answer.error.message)
  return answer.data as CoinCandles
}

describe('daily candles on the public plan', () => {
  it('are fetched once as 4-hour candles, combined into whole days, cached, and a second look asks nothing', async () => {
    provider.requests.length = 0
    const { core } = await syncedCore()
    try {
      // The background sync asks for no candles.
      expect(ohlcRequests()).toEqual([])
      const first = await ok(core, LAST_DAY - 29)
      expect(ohlcRequests().map((r) => r.path)).toEqual(['/coins/ethereum/ohlc?vs_currency=usd&days=30'])
      expect(first).toMatchObject({
        fetched: true,
        source: '4h',
        reachFrom: isoDateOfDay(LAST_DAY - 30),
        problem: null
      })
      expect(first.fetchedAt).toBe(NOW)
      // Whole days only: from the first day all six candles reach (the answer starts at 12:00 of
      // LAST_DAY - 30) to yesterday; today is not over; the gap day is left to its close.
      const days = first.candles.map((c) => c.date)
      const expected: string[] = []
      for (let d = LAST_DAY - 29; d <= LAST_DAY - 1; d += 1) if (d !== GAP_DAY) expected.push(isoDateOfDay(d))
      expect(days).toEqual(expected)
      for (const c of first.candles) {
        const day = Math.round(Date.parse(c.date) / DAY)
        // Open at the day's 00:00 price, close at the next midnight's; wicks outside the body.
        expect(c.open).toBeCloseTo(priceOn(day), 6)
        expect(c.close).toBeCloseTo(priceOn(day + 1), 6)
        expect(c.high).toBeGreaterThan(Math.max(c.open, c.close))
        expect(c.low).toBeLessThan(Math.min(c.open, c.close))
        expect(c.interval).toBe('4h')
      }

      const again = await ok(core, LAST_DAY - 29)
      expect(ohlcRequests()).toHaveLength(1)
      expect(again).toEqual({ ...first, fetched: false })
      // A long range reaches the plan's 30 days with the same cached request; older days have none.
      const year = await ok(core, LAST_DAY - 364)
      expect(ohlcRequests()).toHaveLength(1)
      expect(year.candles).toEqual(first.candles)
    } finally {
      core.close()
    }
  })

  it('asks again after the provider publishes the next day (00:35 UTC), not before', async () => {
    const { core, advance } = await syncedCore()
    try {
      provider.requests.length = 0
      await ok(core, LAST_DAY - 29)
      advance(14 * HOUR) // 00:00 on the next day: nothing new is published yet
      await ok(core, LAST_DAY - 29)
      expect(ohlcRequests()).toHaveLength(1)
      advance(40 * 60_000) // 00:40
      expect((await ok(core, LAST_DAY - 29)).fetched).toBe(true)
      expect(ohlcRequests()).toHaveLength(2)
    } finally {
      core.close()
    }
  })

  it('a malformed or refused answer stores nothing and says so in words, serving the cache with its age', async () => {
    const { core, advance } = await syncedCore()
    try {
      provider.setFaults([{ match: '/ohlc', kind: 'drift-string-number', count: 2 }])
      const none = await ok(core, LAST_DAY - 29)
      expect(none).toMatchObject({ fetched: false, candles: [], fetchedAt: null })
      expect(none.problem).toBe(
        "The provider's answer for candles could not be used, so nothing was stored. No candles are stored for this range yet."
      )
      const count = () => core.services.db.prepare('SELECT COUNT(*) AS n FROM coin_candles').get()
      expect(count()).toEqual({ n: 0 })

      const good = await ok(core, LAST_DAY - 29)
      expect(good.candles).toHaveLength(28)
      advance(DAY)
      const faults: [Parameters<FakeCoinGecko['setFaults']>[0], string][] = [
        [[{ match: '/ohlc', kind: 'drift-missing-field' }], "The provider's answer for candles could not be used"],
        [[{ match: '/ohlc', kind: 'truncated-json' }], "The provider's answer for candles could not be used"],
        [
          [{ match: '/ohlc', kind: 'status', status: 401 }],
          'The provider refused /coins/ethereum/ohlc (HTTP 401) without an API key'
        ]
      ]
      for (const [fault, words] of faults) {
        provider.setFaults(fault)
        const answer = await ok(core, LAST_DAY - 29)
        expect(answer.problem).toContain(words)
        expect(answer.problem).toContain('Showing the candles stored 24 hours ago')
        expect(answer.problem).not.toMatch(/\d+\.\d+:|Expected/)
        expect(answer.candles).toEqual(good.candles)
        expect(count()).toEqual({ n: 28 })
      }
    } finally {
      core.close()
    }
  })

  it('offline, serves the cached candles and says how old they are', async () => {
    let online = true
    const fetchSometimes: typeof fetch = (input, init) =>
      online ? globalThis.fetch(input, init) : Promise.reject(new TypeError('fetch failed'))
    const { core, advance } = await syncedCore({ fetch: fetchSometimes })
    try {
      const good = await ok(core, LAST_DAY - 29)
      online = false
      advance(3 * HOUR)
      // Within the same publication day the cache answers: no call, no problem.
      expect(await ok(core, LAST_DAY - 29)).toMatchObject({ fetched: false, problem: null })
      advance(DAY)
      const offline = await ok(core, LAST_DAY - 29)
      expect(offline.candles).toEqual(good.candles)
      expect(offline.problem).toBe(
        `The market data provider cannot be reached, so no new candles were fetched. Showing the candles stored 27 hours ago (${new Date(NOW).toISOString().slice(0, 16).replace('T', ' ')} UTC).`
      )
    } finally {
      core.close()
    }
  })
})

describe('daily candles on the pro plan', () => {
  it('asks for the provider’s daily candles with the smallest days that cover the range, up to 180', async () => {
    provider.requests.length = 0
    const { core } = await syncedCore({ pro: true })
    try {
      const month = await ok(core, LAST_DAY - 20)
      expect(ohlcRequests().map((r) => r.path)).toEqual(['/coins/ethereum/ohlc?vs_currency=usd&days=30&interval=daily'])
      expect(ohlcRequests()[0]!.headers['x-cg-pro-api-key']).toBe('CG-proKeyForCandles0001')
      expect(month.source).toBe('daily')
      // Daily candles have no 4-hour gaps: every day of the range up to yesterday.
      expect(month.candles.map((c) => c.date)).toHaveLength(20)
      expect(month.candles.every((c) => c.interval === '1d')).toBe(true)
      const year = await ok(core, LAST_DAY - 364)
      expect(ohlcRequests().at(-1)!.path).toBe('/coins/ethereum/ohlc?vs_currency=usd&days=180&interval=daily')
      expect(year.reachFrom).toBe(isoDateOfDay(LAST_DAY - 180))
      // The market holds 60 days: the provider has candles for those it has prices on both ends of.
      expect(year.candles.length).toBeGreaterThan(50)
    } finally {
      core.close()
    }
  })
})
