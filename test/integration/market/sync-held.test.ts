import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CoreOptions } from '../../../src/main/core/create-core'
import { memorySecrets } from '../../../src/main/ports/deps'
import type { SyncRunOptions } from '../../../src/main/market/sync-types'
import { isoDateOfDay } from '../../../src/shared/dates'
import { startFakeCoinGecko } from '../../support/fake-coingecko'
import type { FakeCoinGecko } from '../../support/fake-coingecko'
import type { MarketDataset } from '../../support/market-dataset'
import { DAY, LAST_DAY, NOW, openCore, removeTempDirs, syntheticMarket, tempDir } from './harness'

// The coins a user holds or held get their daily history back to their first transaction, also
// when they are not among the tracked top coins, as far back as the provider tier serves. The
// fake provider refuses older history than 365 days without a pro key, as CoinGecko does.

const TRACKED = { coins: 40, historyDays: 90, maxRpm: 0 }
const ctx = { runtime: 'cli' as const }
let dataset: MarketDataset
let fake: FakeCoinGecko
beforeAll(async () => {
  dataset = syntheticMarket(80, 700)
  fake = await startFakeCoinGecko({ dataset, now: NOW, limitedHistoryDays: 365 })
})
afterEach(() => {
  fake.setFaults([])
  removeTempDirs()
})
afterAll(async () => {
  await fake.close()
  removeTempDirs()
})

async function syncAt(dataDir: string, now: number, run: SyncRunOptions = TRACKED, options: Partial<CoreOptions> = {}) {
  fake.setNow(now)
  fake.requests.length = 0
  const core = openCore({ dataDir, now, ...options })
  try {
    const summary = await core.services.sync.run({ ...run, providerUrl: fake.url })
    const requests = fake.requests.map((r) => ({ ...r, route: r.path.split('?')[0] as string }))
    return { summary, requests }
  } finally {
    core.close()
  }
}

/**
 * A data folder whose coins table knows the top 60 (a first sync tracked that many), and a coin
 * ranked 41 to 60, trading over the whole dataset, that a sync of the top 40 does not track.
 */
async function folderWithUntrackedCoins(): Promise<{ dir: string; untracked: string[] }> {
  const dir = tempDir()
  const first = await syncAt(dir, NOW, { ...TRACKED, coins: 60, historyDays: 30 })
  expect(first.summary.status).toBe('succeeded')
  const core = openCore({ dataDir: dir })
  try {
    const ranked = core.services.db
      .prepare('SELECT id FROM coins WHERE last_rank BETWEEN 45 AND 60 ORDER BY last_rank')
      .all() as { id: string }[]
    const firstT = (LAST_DAY - 699) * DAY
    const untracked = ranked
      .map((r) => r.id)
      .filter((id) => {
        const points = dataset.coins.find((c) => c.id === id)?.points ?? []
        return points[0]?.t === firstT && points.some((p) => p.t === (LAST_DAY + 2) * DAY)
      })
    expect(untracked.length).toBeGreaterThanOrEqual(3)
    return { dir, untracked }
  } finally {
    core.close()
  }
}

function addTransactions(dir: string, txs: { kind: 'buy' | 'sell'; coinId: string; day: number; qty: string }[]) {
  const core = openCore({ dataDir: dir })
  try {
    const ids: number[] = []
    for (const tx of txs) {
      const symbol = dataset.coins.find((c) => c.id === tx.coinId)?.symbol.toUpperCase() ?? 'X'
      const { transaction } = core.services.portfolio.addTransaction({
        kind: tx.kind,
        at: `${isoDateOfDay(tx.day)}T12:00:00Z`,
        symbol,
        coinId: tx.coinId,
        quantity: tx.qty,
        valueUsd: '100'
      })
      ids.push(transaction.id)
    }
    return ids
  } finally {
    core.close()
  }
}

function storedDays(dir: string, coinId: string): { first: number | null; last: number | null; n: number } {
  const core = openCore({ dataDir: dir })
  try {
    return core.services.db
      .prepare(
        'SELECT MIN(day) AS first, MAX(day) AS last, COUNT(*) AS n FROM daily_values WHERE coin_id = ? AND price IS NOT NULL'
      )
      .get(coinId) as { first: number | null; last: number | null; n: number }
  } finally {
    core.close()
  }
}

describe('history of the coins held', () => {
  it('fetches an untracked held coin from two days before its first transaction, then only tops it up', async () => {
    const { dir, untracked } = await folderWithUntrackedCoins()
    const coin = untracked[0] as string
    addTransactions(dir, [{ kind: 'buy', coinId: coin, day: LAST_DAY - 200, qty: '10' }])

    const first = await syncAt(dir, NOW)
    expect(first.summary.status).toBe('succeeded')
    // The tracked 40 have their 30 days from the first sync, which the 90 wanted now outgrow; the
    // held coin is asked for once, from 202 days back.
    expect(first.summary.requestsByEndpoint).toEqual({ markets: 1, global: 1, history: 41 })
    expect(first.summary.statusCounts).toEqual({ '200': 43 })
    const mine = first.requests.filter((r) => r.route.startsWith(`/coins/${coin}/`))
    expect(mine.map((r) => r.path)).toEqual([`/coins/${coin}/market_chart?vs_currency=usd&days=202&interval=daily`])
    expect(storedDays(dir, coin)).toEqual({ first: LAST_DAY - 202, last: LAST_DAY, n: 203 })
    expect(first.summary.heldCoins).toEqual({ coins: 1, tier: 'public', tierDays: 365, tierLimited: [] })

    // The next day: the tracked coins are covered by the market page; the held one gets one range call.
    const next = await syncAt(dir, NOW + DAY)
    expect(next.summary.status).toBe('succeeded')
    expect(next.summary.requestsByEndpoint).toEqual({ markets: 1, categories: 8, global: 1, range: 1 })
    const range = next.requests.filter((r) => r.route.startsWith(`/coins/${coin}/`))
    expect(range.map((r) => r.route)).toEqual([`/coins/${coin}/market_chart/range`])
    expect(storedDays(dir, coin)).toEqual({ first: LAST_DAY - 202, last: LAST_DAY + 1, n: 204 })

    // A first transaction further back asks once more, from the new first day.
    addTransactions(dir, [{ kind: 'buy', coinId: coin, day: LAST_DAY - 300, qty: '1' }])
    const earlier = await syncAt(dir, NOW + DAY + 3_600_000)
    expect(earlier.summary.requestsByEndpoint).toEqual({ markets: 1, global: 1, history: 1 })
    expect(earlier.requests.filter((r) => r.route.includes('/market_chart'))[0]?.path).toBe(
      `/coins/${coin}/market_chart?vs_currency=usd&days=303&interval=daily`
    )
    expect(storedDays(dir, coin).first).toBe(LAST_DAY - 302)
  })

  it('stops at the tier’s 365 days, says so, does not ask again for the rest, and reaches back with a pro key', async () => {
    const { dir, untracked } = await folderWithUntrackedCoins()
    const coin = untracked[1] as string
    addTransactions(dir, [{ kind: 'buy', coinId: coin, day: LAST_DAY - 600, qty: '5' }])

    const first = await syncAt(dir, NOW)
    expect(first.summary.status).toBe('succeeded')
    // No request reached beyond the tier: the provider refused none.
    expect(first.summary.statusCounts).toEqual({ '200': 43 })
    expect(first.requests.filter((r) => r.route.startsWith(`/coins/${coin}/`)).map((r) => r.path)).toEqual([
      `/coins/${coin}/market_chart?vs_currency=usd&days=365&interval=daily`
    ])
    expect(storedDays(dir, coin).first).toBe(LAST_DAY - 365)
    const limited = {
      coins: 1,
      tier: 'public',
      tierDays: 365,
      tierLimited: [
        { coinId: coin, wantedFrom: isoDateOfDay(LAST_DAY - 602), reachableFrom: isoDateOfDay(LAST_DAY - 365) }
      ]
    }
    expect(first.summary.heldCoins).toEqual(limited)

    // The window reads the same report.
    const reader = openCore({ dataDir: dir })
    try {
      expect(await reader.dispatch('sync:get-held-history', undefined, ctx)).toEqual({ ok: true, data: limited })
    } finally {
      reader.close()
    }

    // The next day the tier reaches one day less far back: only the top-up, no second try at the rest.
    const next = await syncAt(dir, NOW + DAY)
    expect(next.summary.requestsByEndpoint).toEqual({ markets: 1, categories: 8, global: 1, range: 1 })
    expect(next.summary.statusCounts).toEqual({ '200': 11 })
    expect(next.summary.heldCoins.tierLimited).toEqual([
      { coinId: coin, wantedFrom: isoDateOfDay(LAST_DAY - 602), reachableFrom: isoDateOfDay(LAST_DAY + 1 - 365) }
    ])

    // A pro key (tier set in the settings): the whole range from two days before the first transaction.
    const settings = openCore({ dataDir: dir })
    settings.services.settings.set({ providerTier: 'pro' })
    settings.close()
    const secrets = memorySecrets()
    secrets.set('provider-api-key', 'CG-pro-key-0001')
    const pro = await syncAt(dir, NOW + DAY + 3_600_000, TRACKED, { secrets })
    expect(pro.summary.status).toBe('succeeded')
    expect(pro.summary.requestsByEndpoint).toEqual({ markets: 1, global: 1, history: 1 })
    const [request] = pro.requests.filter((r) => r.route.startsWith(`/coins/${coin}/`))
    expect(request?.path).toBe(`/coins/${coin}/market_chart?vs_currency=usd&days=603&interval=daily`)
    expect(request?.headers['x-cg-pro-api-key']).toBe('CG-pro-key-0001')
    expect(storedDays(dir, coin)).toEqual({ first: LAST_DAY - 602, last: LAST_DAY + 1, n: 604 })
    expect(pro.summary.heldCoins).toEqual({ coins: 1, tier: 'pro', tierDays: null, tierLimited: [] })
  })

  it('keeps the history of a coin sold out (held once), and of one whose transactions are gone', async () => {
    const { dir, untracked } = await folderWithUntrackedCoins()
    const coin = untracked[2] as string
    const ids = addTransactions(dir, [
      { kind: 'buy', coinId: coin, day: LAST_DAY - 200, qty: '10' },
      { kind: 'sell', coinId: coin, day: LAST_DAY - 100, qty: '10' }
    ])
    const first = await syncAt(dir, NOW)
    expect(first.summary.heldCoins.coins).toBe(1)
    expect(storedDays(dir, coin)).toEqual({ first: LAST_DAY - 202, last: LAST_DAY, n: 203 })
    const next = await syncAt(dir, NOW + DAY)
    expect(next.summary.requestsByEndpoint.range).toBe(1)
    expect(storedDays(dir, coin).last).toBe(LAST_DAY + 1)

    // Without any transaction in it the coin is no longer topped up, and what is stored stays.
    const core = openCore({ dataDir: dir })
    for (const id of ids) core.services.portfolio.deleteTransaction(id)
    core.close()
    const after = await syncAt(dir, NOW + 2 * DAY)
    expect(after.summary.heldCoins.coins).toBe(0)
    expect(after.requests.filter((r) => r.route.startsWith(`/coins/${coin}/`))).toEqual([])
    expect(storedDays(dir, coin)).toEqual({ first: LAST_DAY - 202, last: LAST_DAY + 1, n: 204 })
  })

  it('backfills held coins in the history phase with its progress, and resumes after a cancelled run', async () => {
    const { dir, untracked } = await folderWithUntrackedCoins()
    const coin = untracked[0] as string
    addTransactions(dir, [{ kind: 'buy', coinId: coin, day: LAST_DAY - 200, qty: '10' }])
    fake.setNow(NOW)
    fake.requests.length = 0
    const core = openCore({ dataDir: dir })
    const seen: string[] = []
    let cancelled = false
    try {
      const summary = await core.services.sync.run({
        ...TRACKED,
        providerUrl: fake.url,
        onProgress: (p) => {
          if (p.phase !== 'history') return
          if (p.currentCoin) seen.push(p.currentCoin)
          if (p.done === 20 && !cancelled) cancelled = core.services.sync.cancel()
        }
      })
      expect(summary.status).toBe('cancelled')
      expect(summary.historyFetched).toBeLessThanOrEqual(20)
    } finally {
      core.close()
    }
    expect(seen).not.toContain(coin)
    // The next run picks up where it stopped, with the same retries: a 503, then a 429.
    fake.setFaults([
      { match: `/coins/${coin}/market_chart?`, kind: 'status', status: 503, count: 1 },
      { match: `/coins/${coin}/market_chart?`, kind: 'status', status: 429, retryAfter: '0', count: 1 }
    ])
    const phases: string[] = []
    const rest = await syncAt(dir, NOW + 60_000, {
      ...TRACKED,
      onProgress: (p) => p.currentCoin === coin && phases.push(p.phase)
    })
    fake.setFaults([])
    expect(rest.summary.status).toBe('succeeded')
    expect(rest.summary.statusCounts).toMatchObject({ '429': 1, '503': 1 })
    expect([...new Set(phases)]).toEqual(['history'])
    const fetched = rest.requests.filter((r) => r.route.endsWith('/market_chart')).map((r) => r.route.split('/')[2])
    // The coins done before the cancel are not asked again; the held coin comes last, after the tracked ones.
    expect(fetched.length).toBeLessThan(41)
    expect(fetched.length).toBeGreaterThanOrEqual(21)
    expect(fetched.at(-1)).toBe(coin)
    expect(storedDays(dir, coin).first).toBe(LAST_DAY - 202)
  })
})
