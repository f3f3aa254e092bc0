import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core/create-core'
import type { Core } from '../../../src/main/core/create-core'
import { loadCmcDataset, loadPublishedSeries } from '../../support/cmc-dataset'
import { startFakeCoinGecko } from '../../support/fake-coingecko'
import type { FakeCoinGecko } from '../../support/fake-coingecko'

/**
 * The real-data check of the issue: CoinMarketCap's daily top-200 snapshots, served by the local
 * CoinGecko stand-in, stored by the real sync, and the top-50 / 90-day index compared with
 * blockchaincenter.net's published series over all of its 463 days (2020-10-02 … 2022-01-07).
 * The snapshots are not UTC closes and tickers are not ids, so the check is closeness over the
 * whole series, not equality on single days.
 */
const NOW = Date.parse('2022-01-07T12:00:00Z')
// The 90-day window of 2020-10-02 reaches back to 2020-07-04, and the peg detector 31 days before
// that: 2020-06-01 leaves room for both.
const FROM = '2020-06-01'

let dir: string
let core: Core
let fake: FakeCoinGecko
let syncSummary: Awaited<ReturnType<Core['services']['sync']['run']>>

beforeAll(async () => {
  const dataset = loadCmcDataset({ from: FROM, to: '2022-01-07' })
  fake = await startFakeCoinGecko({ dataset, now: NOW })
  dir = mkdtempSync(join(tmpdir(), 'seasonwatch-realdata-'))
  core = createCore({ dataDir: dir, runtime: 'cli', clock: { now: () => NOW } })
  syncSummary = await core.services.sync.run({
    providerUrl: fake.url,
    coins: dataset.coins.length,
    historyDays: 600,
    maxRpm: 0
  })
}, 120_000)

afterAll(async () => {
  core?.close()
  await fake?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('top-50 / 90-day index rebuilt from real market data', () => {
  it('stays close to the published series over all 463 days', () => {
    expect(syncSummary.status).toBe('succeeded')
    const published = loadPublishedSeries()
    expect(published.size).toBe(463)
    const ours = new Map(
      core.services.season.getHistory({ top: 50, window: 90, pegDetection: true }).points.map((p) => [p.date, p])
    )
    const errors: number[] = []
    for (const [date, value] of published) {
      const point = ours.get(date)
      expect(point, `no index value on ${date}`).toBeDefined()
      // Published values are integers: compare what the app displays (rounded half up).
      errors.push(Math.abs(Math.floor(point!.value + 0.5) - value))
    }
    const mae = errors.reduce((a, b) => a + b, 0) / errors.length
    const within5 = errors.filter((e) => e <= 5).length / errors.length
    process.stderr.write(
      `real-data check: ${errors.length} days, mean absolute error ${mae.toFixed(3)}, within 5 points ${(100 * within5).toFixed(1)}%, worst ${Math.max(...errors)}\n`
    )
    expect(mae).toBeLessThan(2.5)
    // Measured at 89.8% with the methodology as written; the bound leaves room for nothing else.
    expect(within5).toBeGreaterThanOrEqual(0.88)
  })

  it('drops young coins from the denominator in late 2020, as the published values imply', () => {
    // Nov 2020 published values are multiples of 1/45: several top-50 coins were under 90 days old.
    const nov = core.services.season.getHistory({ top: 50, window: 90, from: '2020-11-01', to: '2020-11-30' }).points
    expect(nov.length).toBe(30)
    expect(nov.some((p) => p.unmeasured > 0)).toBe(true)
    for (const p of nov) expect(p.measured + p.unmeasured).toBe(50)
  })

  it('excludes the labelled stablecoins and wrappers and catches unlabelled pegs on a real day', () => {
    const index = core.services.season.getIndex({ date: '2021-05-01', top: 50, window: 90 })
    const reasons = new Map(index.excluded.map((e) => [e.id, e.reason]))
    expect(reasons.get('usdt')).toBe('category:stablecoins')
    expect(reasons.get('wbtc')).toBe('category:wrapped-tokens')
    // Neither list names these, yet they tracked the dollar and bitcoin.
    expect(reasons.get('ust')).toBe('pegged:usd')
    expect(reasons.get('btcb')).toBe('pegged:btc')
    expect(index.coins.map((c) => c.id)).not.toContain('bitcoin')
    const row = core.services.season.getHistory({ top: 50, window: 90, from: '2021-05-01', to: '2021-05-01' }).points[0]
    expect(row).toEqual({
      date: index.date,
      value: index.value,
      outperformers: index.outperformers,
      measured: index.measured,
      unmeasured: index.unmeasured,
      regime: index.regime
    })
  })
})
