import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/create-core'
import { startFakeCoinGecko } from '../../support/fake-coingecko'
import type { FakeCoinGecko } from '../../support/fake-coingecko'
import type { MarketDataset } from '../../support/market-dataset'
import { DAY, LAST_DAY, NOW, openCore, removeTempDirs, syntheticMarket, tempDir } from './harness'

const RUN = { coins: 40, historyDays: 365, maxRpm: 0 }
let dataset: MarketDataset
let fake: FakeCoinGecko
beforeAll(async () => {
  dataset = syntheticMarket(80, 420)
  fake = await startFakeCoinGecko({ dataset, now: NOW })
})
afterEach(() => removeTempDirs())
afterAll(async () => {
  await fake.close()
  removeTempDirs()
})

/** Runs one sync with the app's clock and the provider's at `now`, on the given data folder. */
async function syncAt(dataDir: string, now: number, run = RUN) {
  fake.setNow(now)
  fake.requests.length = 0
  const core = openCore({ dataDir, now })
  try {
    const summary = await core.services.sync.run({ ...run, providerUrl: fake.url })
    return { summary, paths: fake.requests.map((r) => r.path.split('?')[0] as string), core }
  } finally {
    core.close()
  }
}

function trackedWithHistory(core: Core): Set<string> {
  const rows = core.services.db
    .prepare('SELECT c.id FROM coins c JOIN coin_history h ON h.coin_id = c.id WHERE c.tracked = 1')
    .all() as { id: string }[]
  return new Set(rows.map((r) => r.id))
}

describe('incremental syncs', () => {
  it('the next day makes only the market page, the category pages, the global call and one history call per newly tracked coin', async () => {
    const dir = tempDir()
    const first = await syncAt(dir, NOW)
    expect(first.summary.status).toBe('succeeded')
    expect(first.paths.filter((p) => p.endsWith('/market_chart'))).toHaveLength(40)

    const before = openCore({ dataDir: dir })
    const hadHistory = new Set(
      (before.services.db.prepare('SELECT coin_id FROM coin_history').all() as { coin_id: string }[]).map(
        (r) => r.coin_id
      )
    )
    before.close()
    // A week later the ranking has moved: coins new to the top 40 need their history, nothing else does.
    const sameDayAgain = await syncAt(dir, NOW + 2 * 3_600_000)
    expect(sameDayAgain.paths).toEqual(['/coins/markets', '/global'])

    const next = await syncAt(dir, NOW + DAY)
    expect(next.summary.status).toBe('succeeded')
    const core = openCore({ dataDir: dir })
    try {
      const tracked = trackedWithHistory(core)
      const newcomers = [...tracked].filter((id) => !hadHistory.has(id)).sort()
      const historyCalls = next.paths.filter((p) => p.includes('/market_chart'))
      expect(historyCalls.map((p) => p.split('/')[2]).sort()).toEqual(newcomers)
      expect(historyCalls.every((p) => p.endsWith('/market_chart'))).toBe(true)
      expect(next.paths.filter((p) => p === '/coins/markets')).toHaveLength(1 + 8)
      expect(next.paths.filter((p) => p === '/global')).toHaveLength(1)
      expect(next.summary.requests).toBe(10 + newcomers.length)
      // Today's values came from the market page for every tracked coin still trading (a dead coin
      // is listed with its last known values, which belong to an earlier day).
      const today = core.services.db
        .prepare(
          'SELECT v.coin_id FROM daily_values v JOIN coins c ON c.id = v.coin_id WHERE c.tracked = 1 AND v.day = ? ORDER BY v.coin_id'
        )
        .all(LAST_DAY + 1) as { coin_id: string }[]
      const trading = dataset.coins
        .filter((c) => tracked.has(c.id) && c.points.some((p) => p.t === (LAST_DAY + 1) * DAY))
        .map((c) => c.id)
        .sort()
      expect(today.map((r) => r.coin_id)).toEqual(trading)
      expect(trading.length).toBeGreaterThan(35)
    } finally {
      core.close()
    }
  })

  it('after days without a sync, fills each tracked coin’s hole with one range call and keeps the history of coins that left', async () => {
    const dir = tempDir()
    await syncAt(dir, NOW - 3 * DAY)
    const gap = await syncAt(dir, NOW)
    expect(gap.summary.status).toBe('succeeded')
    const ranges = gap.paths.filter((p) => p.endsWith('/market_chart/range'))
    const core = openCore({ dataDir: dir })
    try {
      const db = core.services.db
      const carried = (
        db
          .prepare(
            'SELECT coin_id FROM coin_history h JOIN coins c ON c.id = h.coin_id WHERE c.tracked = 1 AND h.requested_from_day = ?'
          )
          .all(LAST_DAY - 3 - 365) as unknown[]
      ).length
      expect(ranges).toHaveLength(carried)
      expect(carried).toBeGreaterThan(30)
      // No day between the two syncs is missing for bitcoin, and no day is stored twice.
      const btcDays = (
        db
          .prepare("SELECT day FROM daily_values WHERE coin_id = 'bitcoin' AND day >= ? ORDER BY day")
          .all(LAST_DAY - 4) as { day: number }[]
      ).map((r) => r.day)
      expect(btcDays).toEqual([LAST_DAY - 4, LAST_DAY - 3, LAST_DAY - 2, LAST_DAY - 1, LAST_DAY])
      // The range answer carries alt-0003's extra 15:00 observations: those are the day's values.
      if (db.prepare("SELECT 1 FROM coins WHERE id = 'alt-0003' AND tracked = 1").get()) {
        const late = db
          .prepare(
            "SELECT COUNT(*) AS n FROM daily_values WHERE coin_id = 'alt-0003' AND day BETWEEN ? AND ? AND price_ts % ? = ?"
          )
          .get(LAST_DAY - 3, LAST_DAY - 1, DAY, 15 * 3_600_000) as { n: number }
        const expected = [LAST_DAY - 3, LAST_DAY - 2, LAST_DAY - 1].filter((d) => d % 5 === 0).length
        expect(late.n).toBe(expected)
      }
      const untracked = db
        .prepare(
          'SELECT c.id, COUNT(v.day) AS days FROM coins c JOIN daily_values v ON v.coin_id = c.id WHERE c.tracked = 0 GROUP BY c.id'
        )
        .all() as { id: string; days: number }[]
      for (const coin of untracked) expect(coin.days).toBeGreaterThan(1)
    } finally {
      core.close()
    }
  })

  it('asking for more history days refetches every tracked coin in full', async () => {
    const dir = tempDir()
    await syncAt(dir, NOW, { ...RUN, historyDays: 100 })
    const more = await syncAt(dir, NOW, { ...RUN, historyDays: 400 })
    expect(more.paths.filter((p) => p.endsWith('/market_chart'))).toHaveLength(40)
    const core = openCore({ dataDir: dir })
    try {
      const first = core.services.db
        .prepare("SELECT MIN(day) AS d FROM daily_values WHERE coin_id = 'bitcoin'")
        .get() as { d: number }
      // The dataset starts 420 days back; 400 were asked for.
      expect(first.d).toBe(LAST_DAY - 400)
    } finally {
      core.close()
    }
  })
})
