import { afterEach, describe, expect, it } from 'vitest'
import { startFakeCoinGecko } from '../../support/fake-coingecko'
import type { FakeCoinGecko } from '../../support/fake-coingecko'
import type { MarketDataset } from '../../support/market-dataset'

// The stand-in provider other tests rely on: its answers must have the real API's shapes and
// "as of now" semantics, or tests against it prove nothing.
const DAY = 86_400_000
const D = 20_000
const daily = (from: number, to: number, price: (d: number) => number | null, cap: (d: number) => number | null) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    t: (from + i) * DAY,
    price: price(from + i),
    marketCap: cap(from + i)
  }))
const dataset: MarketDataset = {
  coins: [
    {
      id: 'bitcoin',
      symbol: 'btc',
      name: 'Bitcoin',
      categories: [],
      points: daily(
        D - 10,
        D,
        (d) => 100 + d - D,
        () => 1000
      )
    },
    // Larger than bitcoin until it stopped trading five days ago: still listed, with its last values.
    {
      id: 'gone',
      symbol: 'gon',
      name: 'Gone',
      categories: ['stablecoins'],
      points: daily(
        D - 10,
        D - 5,
        () => 1,
        () => 5000
      )
    },
    {
      id: 'young',
      symbol: 'yng',
      name: 'Young',
      categories: [],
      points: daily(
        D - 2,
        D,
        () => 3,
        () => 500
      )
    },
    {
      id: 'later',
      symbol: 'ltr',
      name: 'Later',
      categories: [],
      points: daily(
        D + 1,
        D + 3,
        () => 9,
        () => 9e9
      )
    }
  ]
}
const NOW = D * DAY + 6 * 3_600_000

let fake: FakeCoinGecko | null = null
afterEach(async () => {
  await fake?.close()
  fake = null
})
const get = async (path: string) => {
  const response = await fetch(`${fake?.url}${path}`)
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown }
}

describe('fake CoinGecko', () => {
  it('ranks /coins/markets by market cap as of now, lists coins that stopped with their last values, hides future coins', async () => {
    fake = await startFakeCoinGecko({ dataset, now: NOW })
    const { body } = await get('/coins/markets?vs_currency=usd&order=market_cap_desc&per_page=2&page=1')
    expect(body).toEqual([
      expect.objectContaining({
        id: 'gone',
        market_cap: 5000,
        current_price: 1,
        market_cap_rank: 1,
        last_updated: new Date((D - 5) * DAY).toISOString()
      }),
      expect.objectContaining({
        id: 'bitcoin',
        market_cap: 1000,
        current_price: 100,
        market_cap_rank: 2,
        last_updated: new Date(NOW).toISOString()
      })
    ])
    expect(
      ((await get('/coins/markets?vs_currency=usd&per_page=2&page=2')).body as { id: string }[]).map((c) => c.id)
    ).toEqual(['young'])
    expect(
      ((await get('/coins/markets?vs_currency=usd&category=stablecoins')).body as { id: string }[]).map((c) => c.id)
    ).toEqual(['gone'])
    fake.setNow((D + 2) * DAY)
    expect(((await get('/coins/markets?vs_currency=usd&per_page=1')).body as { id: string }[])[0]?.id).toBe('later')
  })

  it('serves daily history with the live point appended, ranges in seconds, 404 for unknown coins', async () => {
    fake = await startFakeCoinGecko({ dataset, now: NOW })
    const chart = (await get('/coins/bitcoin/market_chart?vs_currency=usd&days=3&interval=daily')).body as {
      prices: [number, number][]
      market_caps: unknown[]
      total_volumes: unknown[]
    }
    expect(chart.prices).toEqual([
      [(D - 3) * DAY, 97],
      [(D - 2) * DAY, 98],
      [(D - 1) * DAY, 99],
      [D * DAY, 100],
      [NOW, 100]
    ])
    expect(chart.market_caps).toHaveLength(5)
    expect(chart.total_volumes).toHaveLength(5)
    const gone = (await get('/coins/gone/market_chart?vs_currency=usd&days=30&interval=daily')).body as {
      prices: [number, number][]
    }
    expect(gone.prices.at(-1)).toEqual([(D - 5) * DAY, 1])
    const range = (
      await get(
        `/coins/bitcoin/market_chart/range?vs_currency=usd&from=${((D - 2) * DAY) / 1000}&to=${((D - 1) * DAY) / 1000}`
      )
    ).body as { prices: [number, number][] }
    expect(range.prices.map((p) => p[0])).toEqual([(D - 2) * DAY, (D - 1) * DAY])
    expect((await get('/coins/nope/market_chart?vs_currency=usd&days=3')).status).toBe(404)
    const global = (await get('/global')).body as {
      data: { market_cap_percentage: { btc: number }; total_market_cap: { usd: number } }
    }
    expect(global.data.total_market_cap.usd).toBe(6500)
    expect(global.data.market_cap_percentage.btc).toBeCloseTo((100 * 1000) / 6500, 10)
  })

  it('refuses history older than the limited tiers serve, as CoinGecko does, unless the request carries a pro key', async () => {
    fake = await startFakeCoinGecko({ dataset, now: NOW, limitedHistoryDays: 5 })
    const pro = { headers: { 'x-cg-pro-api-key': 'CG-pro-key-123' } }
    const chart = (query: string, init?: RequestInit) =>
      fetch(`${fake?.url}/coins/bitcoin/market_chart${query}`, init).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { prices?: unknown[]; error?: { status: { error_code: number } } }
      }))
    expect((await chart('?vs_currency=usd&days=5&interval=daily')).status).toBe(200)
    const refused = await chart('?vs_currency=usd&days=6&interval=daily')
    expect(refused.status).toBe(401)
    expect(refused.body.error?.status.error_code).toBe(10012)
    expect((await chart('?vs_currency=usd&days=max')).status).toBe(401)
    const older = await chart('?vs_currency=usd&days=8&interval=daily', pro)
    expect(older.status).toBe(200)
    // D-8 … D at midnight, and the live price now.
    expect(older.body.prices).toHaveLength(10)
    // A range is measured from now: five days back from 06:00 is 06:00, not midnight.
    const from = (at: number) => `/range?vs_currency=usd&from=${at / 1000}&to=${NOW / 1000}`
    expect((await chart(from(NOW - 5 * DAY))).status).toBe(200)
    expect((await chart(from((D - 5) * DAY))).status).toBe(401)
    expect((await chart(from((D - 5) * DAY), pro)).status).toBe(200)
    // A demo key is no pro key.
    expect((await chart('?vs_currency=usd&days=6', { headers: { 'x-cg-demo-api-key': 'CG-demo-1234' } })).status).toBe(
      401
    )
  })

  it('answers 429 with Retry-After beyond its rate limit and injects faults by path and count', async () => {
    fake = await startFakeCoinGecko({ dataset, now: NOW, rateLimitPerMinute: 60, rateLimitWindowMs: 2_000 })
    const statuses: number[] = []
    // 60 a minute over a 2-second window: two requests, then 429.
    for (let i = 0; i < 2; i += 1) statuses.push((await get('/ping')).status)
    const limited = await get('/ping')
    expect(statuses).toEqual([200, 200])
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    await fake.close()
    fake = await startFakeCoinGecko({
      dataset,
      now: NOW,
      faults: [
        { match: '/global', kind: 'status', status: 502, count: 1 },
        { match: /bitcoin/, kind: 'truncated-json', count: 1 }
      ]
    })
    expect((await get('/global')).status).toBe(502)
    expect((await get('/global')).status).toBe(200)
    const cut = await fetch(`${fake.url}/coins/bitcoin/market_chart?vs_currency=usd&days=3`)
    await expect(cut.json()).rejects.toThrow()
    expect(fake.requests.map((r) => [r.path.split('?')[0], r.status])).toEqual([
      ['/global', 502],
      ['/global', 200],
      ['/coins/bitcoin/market_chart', 200]
    ])
  })
})
