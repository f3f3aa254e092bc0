import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startFakeCoinGecko } from '../../support/fake-coingecko'
import type { Fault } from '../../support/fake-coingecko'
import type { MarketDataset } from '../../support/market-dataset'
import { DAY, LAST_DAY, NOW, openCore, removeTempDirs, storedMarket, syntheticMarket } from './harness'

const RUN = { coins: 40, historyDays: 365, maxRpm: 0 }
let dataset: MarketDataset
let reference: ReturnType<typeof storedMarket>

beforeAll(async () => {
  dataset = syntheticMarket()
  const fake = await startFakeCoinGecko({ dataset, now: NOW })
  const core = openCore()
  try {
    const summary = await core.services.sync.run({ ...RUN, providerUrl: fake.url })
    expect(summary.status).toBe('succeeded')
    reference = storedMarket(core.services.db)
  } finally {
    core.close()
    await fake.close()
  }
})
afterEach(() => removeTempDirs())
afterAll(() => removeTempDirs())

async function syncWith(faults: Fault[]) {
  const fake = await startFakeCoinGecko({ dataset, now: NOW, faults })
  const core = openCore()
  try {
    const summary = await core.services.sync.run({ ...RUN, providerUrl: fake.url })
    return { summary, stored: storedMarket(core.services.db), requests: [...fake.requests], core }
  } finally {
    core.close()
    await fake.close()
  }
}

describe('the fault-free sync', () => {
  it('stores every tracked coin’s daily history with the methodology’s daily values', () => {
    expect(reference.coins.filter((c) => (c as { tracked: number }).tracked === 1)).toHaveLength(40)
    expect(reference.history).toHaveLength(40)
    const values = reference.values as {
      coin_id: string
      day: number
      price: number | null
      price_ts: number | null
      market_cap: number | null
    }[]
    const btc = values.filter((v) => v.coin_id === 'bitcoin')
    expect(btc).toHaveLength(366)
    expect(btc.at(-1)).toMatchObject({ day: LAST_DAY, price_ts: NOW })
    // Null and 0 market caps in the answers are not observations: the price of that day is kept.
    const patchy = dataset.coins.find((c) => c.id === 'alt-0007')
    const tracked = values.some((v) => v.coin_id === 'alt-0007')
    if (patchy && tracked) {
      const gaps = values.filter((v) => v.coin_id === 'alt-0007' && v.market_cap === null)
      expect(gaps.length).toBeGreaterThan(20)
      for (const gap of gaps) expect(gap.price).not.toBeNull()
    }
    // The daily endpoint's extra intraday point (the live price at NOW) is today's value for every
    // coin still trading, not today's 00:00 point.
    const today = values.filter((v) => v.day === LAST_DAY)
    expect(today.length).toBeGreaterThan(30)
    for (const v of today) expect(v.price_ts).toBe(NOW)
    expect(values.some((v) => v.day === LAST_DAY - 1 && v.price_ts === (LAST_DAY - 1) * DAY)).toBe(true)
    expect(reference.categories).toEqual(
      expect.arrayContaining([
        { coin_id: 'tether', category: 'stablecoins' },
        { coin_id: 'wrapped-bitcoin', category: 'wrapped-tokens' },
        { coin_id: 'staked-ether', category: 'liquid-staking-tokens' }
      ])
    )
    expect(reference.global).toHaveLength(1)
  })
})

const transient: [string, Fault[], string][] = [
  [
    '429 with Retry-After',
    [{ match: '/coins/markets?', kind: 'status', status: 429, retryAfter: '1', count: 1 }],
    '429'
  ],
  ['429 without Retry-After', [{ match: '/market_chart', kind: 'status', status: 429, count: 2 }], '429'],
  ['500', [{ match: '/coins/markets?', kind: 'status', status: 500, count: 2 }], '500'],
  ['502', [{ match: '/market_chart', kind: 'status', status: 502, count: 3 }], '502'],
  ['503', [{ match: '/global', kind: 'status', status: 503, count: 2 }], '503'],
  ['a hung request', [{ match: '/coins/bitcoin/market_chart', kind: 'hang', count: 1 }], 'timeout'],
  ['malformed JSON', [{ match: /category=stablecoins/, kind: 'malformed-json', count: 1 }], '200'],
  ['truncated JSON', [{ match: '/market_chart', kind: 'truncated-json', count: 2 }], '200'],
  ['a missing field', [{ match: '/coins/markets?', kind: 'drift-missing-field', count: 1 }], '200'],
  ['a string where a number belongs', [{ match: '/market_chart', kind: 'drift-string-number', count: 1 }], '200']
]

describe('under transient faults the sync retries and stores exactly what a fault-free sync stores', () => {
  for (const [name, faults, status] of transient) {
    it(name, async () => {
      const { summary, stored, requests } = await syncWith(faults)
      expect(summary.status).toBe('succeeded')
      expect(summary.statusCounts[status]).toBeGreaterThan(0)
      // The faulted requests were retried: more requests than the fault-free 40 + 1 + 8 + 1.
      expect(requests.length).toBeGreaterThan(50)
      expect(stored).toEqual(reference)
    })
  }
})

describe('faults that do not go away', () => {
  it('a coin whose history is 404 is recorded as having none and the rest is stored', async () => {
    const victim = (reference.history[5] as { coin_id: string }).coin_id
    const { summary, stored } = await syncWith([
      { match: `/coins/${victim}/market_chart`, kind: 'status', status: 404 }
    ])
    expect(summary.status).toBe('succeeded')
    expect(summary.missing).toEqual([victim])
    expect(stored.history).toContainEqual({
      coin_id: victim,
      requested_from_day: LAST_DAY - 365,
      covered_to_day: LAST_DAY,
      status: 'missing'
    })
    const others = (rows: unknown[]) => rows.filter((r) => (r as { coin_id: string }).coin_id !== victim)
    expect(others(stored.values)).toEqual(others(reference.values))
  })

  it('a category the provider does not know (404) counts as empty, not as a failure', async () => {
    const { summary, stored } = await syncWith([{ match: 'category=tokenized-gold', kind: 'status', status: 404 }])
    expect(summary.status).toBe('succeeded')
    expect(stored).toEqual(reference)
  })

  it('persistent schema drift on one coin stops with a clear error; the next sync fills it in', async () => {
    const victim = (reference.history[3] as { coin_id: string }).coin_id
    const fake = await startFakeCoinGecko({
      dataset,
      now: NOW,
      faults: [{ match: `/coins/${victim}/market_chart`, kind: 'drift-string-number' }]
    })
    const core = openCore()
    try {
      const first = await core.services.sync.run({ ...RUN, providerUrl: fake.url })
      expect(first.status).toBe('failed')
      expect(first.error?.message).toMatch(new RegExp(`history of ${victim}.*did not have the expected shape.*prices`))
      expect(core.services.sync.getState().lastError?.message).toBe(first.error?.message)
      // Nothing of the malformed answer was stored.
      expect(core.services.db.prepare('SELECT COUNT(*) AS n FROM daily_values WHERE coin_id = ?').get(victim)).toEqual({
        n: 1
      })
      fake.setFaults([])
      fake.requests.length = 0
      const second = await core.services.sync.run({ ...RUN, providerUrl: fake.url })
      expect(second.status).toBe('succeeded')
      expect(fake.requests.filter((r) => r.path.includes('market_chart')).map((r) => r.path.split('?')[0])).toEqual([
        `/coins/${victim}/market_chart`
      ])
      expect(storedMarket(core.services.db)).toEqual(reference)
      expect(core.services.sync.getState().lastError).toBeNull()
    } finally {
      core.close()
      await fake.close()
    }
  })

  it('a market page that keeps failing stops the run with a plain error and stores nothing', async () => {
    const { summary, stored } = await syncWith([{ match: '/coins/markets?', kind: 'status', status: 503 }])
    expect(summary.status).toBe('failed')
    expect(summary.error).toEqual({
      code: 'INTERNAL',
      message: 'The market data provider failed: the provider failed (HTTP 503), 4 times in a row.'
    })
    expect(stored.values).toEqual([])
    expect(stored.coins).toEqual([])
  })

  it('an unreachable provider reads as offline', async () => {
    const fake = await startFakeCoinGecko({ dataset, now: NOW })
    const url = fake.url
    await fake.close()
    const core = openCore()
    try {
      const summary = await core.services.sync.run({ ...RUN, providerUrl: url })
      expect(summary.error?.code).toBe('OFFLINE')
      expect(summary.error?.message).toMatch(/cannot be reached: could not connect \(ECONNREFUSED\)/)
      expect(summary.statusCounts['network-error']).toBe(4)
      expect(core.services.sync.getState()).toMatchObject({ online: false, running: false, lastSuccessAt: null })
    } finally {
      core.close()
    }
  })
})
