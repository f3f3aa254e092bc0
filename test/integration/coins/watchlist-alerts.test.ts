import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core/create-core'
import type { Core } from '../../../src/main/core/create-core'
import type { CoinPage, Watchlist } from '../../../src/shared/contract/coins'
import { dayNumberOf } from '../../../src/shared/dates'
import type { MarketDataset } from '../../support/market-dataset'
import { runCliCaptured } from '../../support/run-cli'
import { writeDataset } from '../season/direct-load'

const FIRST = dayNumberOf('2025-01-01') as number
const MS = 86_400_000
const dirs: string[] = []
const cores: Core[] = []
afterEach(() => {
  for (const core of cores.splice(0)) core.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** Bitcoin doubling over 120 days, ether flat at 3000 then the closes given, one a day after day 119. */
function market(etherTail: number[] = []): MarketDataset {
  const days = 120 + etherTail.length
  const series = (price: (d: number) => number | null, supply: number) =>
    Array.from({ length: days }, (_, d) => ({
      t: (FIRST + d) * MS,
      price: price(d),
      marketCap: (price(d) ?? 0) * supply || null
    }))
  return {
    coins: [
      {
        id: 'bitcoin',
        symbol: 'btc',
        name: 'Bitcoin',
        categories: [],
        points: series((d) => 50_000 * 2 ** (d / 120), 19e6)
      },
      {
        id: 'ethereum',
        symbol: 'eth',
        name: 'Ethereum',
        categories: [],
        points: series((d) => (d < 120 ? 3000 : (etherTail[d - 120] ?? null)), 120e6)
      }
    ]
  }
}

function newCore(dir: string): Core {
  const core = createCore({ dataDir: dir, runtime: 'cli', clock: { now: () => (FIRST + 400) * MS } })
  cores.push(core)
  return core
}

async function cli<T>(dir: string, args: string[]): Promise<T> {
  const result = await runCliCaptured([...args, '--json', '--data-dir', dir])
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout) as T
}

describe('watchlist', () => {
  it('lists followed coins with the changes and window return the coin page shows, as of the last day', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-watchlist-'))
    dirs.push(dir)
    const core = newCore(dir)
    writeDataset(core.services.db, market([3100, 3300]))
    core.close()
    expect(await cli(dir, ['watchlist', 'add', 'ethereum'])).toEqual({ added: true })
    expect(await cli(dir, ['watchlist', 'add', 'ethereum'])).toEqual({ added: false })
    await cli(dir, ['watchlist', 'add', 'bitcoin'])
    const list = await cli<Watchlist>(dir, ['watchlist', 'list'])
    expect(list.asOf).toBe('2025-05-02')
    expect(list.window).toBe(90)
    const eth = list.items.find((i) => i.coinId === 'ethereum')!
    // Worked by hand: 3300 after 3100 the day before, 3000 a week and 30 days before.
    expect(eth.price).toBe(3300)
    expect(eth.change24h).toBeCloseTo(3300 / 3100 - 1, 12)
    expect(eth.change7d).toBeCloseTo(0.1, 12)
    expect(eth.change30d).toBeCloseTo(0.1, 12)
    expect(eth.windowRatio).toBeCloseTo(1.1, 12)
    expect(eth.btcWindowRatio).toBeCloseTo(2 ** (90 / 120), 12)
    expect(eth.beatsBitcoin).toBe(false)
    expect(eth.sparkline).toHaveLength(30)
    expect(eth.sparkline.slice(-3)).toEqual([3000, 3100, 3300])
    // The coin page says the same of the same day.
    const page = await cli<CoinPage>(dir, ['coin', 'ethereum', '--from', '2025-05-02'])
    expect(page.days[0]).toMatchObject({
      date: '2025-05-02',
      price: 3300,
      status: 'measured',
      rank: 1,
      outperforms: false
    })
    expect(page.days[0]!.ratio).toBeCloseTo(eth.windowRatio!, 12)
    expect(page.days[0]!.btcRatio).toBeCloseTo(eth.btcWindowRatio!, 12)
    expect(await cli(dir, ['watchlist', 'remove', 'bitcoin'])).toEqual({ removed: true })
    expect((await cli<Watchlist>(dir, ['watchlist', 'list'])).items.map((i) => i.coinId)).toEqual(['ethereum'])
    const unknown = await runCliCaptured(['watchlist', 'add', 'no-such-coin', '--data-dir', dir])
    expect(unknown.code).not.toBe(0)
    expect(unknown.stderr).toMatch(/No coin "no-such-coin" is stored/)
  })
})

describe('price alerts', () => {
  it('are off by default, fire once per crossing after new prices, and keep a history the CLI lists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-price-alerts-'))
    dirs.push(dir)
    const core = newCore(dir)
    const { coins, settings, db } = core.services
    writeDataset(db, market())
    const rule = coins.alerts.add({ coinId: 'ethereum', kind: 'above', threshold: 3200 })
    // The baseline is what the prices say when the rule is added: 3000 is under 3200.
    expect(rule).toMatchObject({ lastSide: 'under', lastDate: '2025-04-30' })
    coins.alerts.add({ coinId: 'ethereum', kind: 'move', threshold: 5, periodDays: 1 })
    writeDataset(db, market([3100, 3300, 3250]))
    expect(coins.alerts.check()).toEqual({ enabled: false, created: [] })
    settings.set({ priceAlertsEnabled: true })
    const first = coins.alerts.check().created
    expect(first.map((a) => [a.asOf, a.title])).toEqual([
      ['2025-05-02', 'Ethereum (ETH) rose above $3,200.00'],
      ['2025-05-02', 'Ethereum (ETH) moved up 5% or more in 1 day(s)']
    ])
    // Evaluating again finds nothing new; the history keeps each alert once.
    expect(coins.alerts.check().created).toEqual([])
    core.close()
    const listed = await cli<{ enabled: boolean; rules: unknown[]; fired: { title: string }[] }>(dir, [
      'alerts',
      'list'
    ])
    expect(listed.enabled).toBe(true)
    expect(listed.rules).toHaveLength(2)
    expect(listed.fired.map((f) => f.title).sort()).toEqual([
      'Ethereum (ETH) moved up 5% or more in 1 day(s)',
      'Ethereum (ETH) rose above $3,200.00'
    ])
  })
})
