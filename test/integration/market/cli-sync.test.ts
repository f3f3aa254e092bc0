import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core/create-core'
import { isoDateOfDay } from '../../../src/shared/dates'
import { buildSyntheticDataset, startFakeCoinGecko } from '../../support/fake-coingecko'
import type { FakeCoinGecko } from '../../support/fake-coingecko'
import { DAY, removeTempDirs, tempDir } from './harness'
import { runCliCaptured } from '../../support/run-cli'

// The command runs on the real clock, so the fake market ends today.
const TODAY = Math.floor(Date.now() / DAY)
let fake: FakeCoinGecko
beforeAll(async () => {
  fake = await startFakeCoinGecko({
    dataset: buildSyntheticDataset({ coins: 70, firstDay: TODAY - 99, lastDay: TODAY + 1, seed: 5 }),
    now: Date.now()
  })
})
afterEach(() => removeTempDirs())
afterAll(async () => {
  await fake.close()
})

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCliCaptured(args, env)
}

describe('seasonwatch sync', () => {
  it('--json prints exactly one summary document; progress goes to stderr', async () => {
    const dir = tempDir()
    const result = await cli([
      'sync',
      '--json',
      '--data-dir',
      dir,
      '--provider-url',
      fake.url,
      '--coins',
      '60',
      '--history-days',
      '90',
      '--max-rpm',
      '0'
    ])
    expect(result.code).toBe(0)
    const summary = JSON.parse(result.stdout) as Record<string, unknown>
    expect(summary).toMatchObject({
      status: 'succeeded',
      error: null,
      providerUrl: fake.url,
      requests: 70,
      statusCounts: { '200': 70 },
      requestsByEndpoint: { markets: 1, categories: 8, global: 1, history: 60 },
      coinsTracked: 60,
      historyFetched: 60
    })
    expect(summary.daysStored).toBeGreaterThanOrEqual(91)
    expect(summary.durationMs).toBeGreaterThan(0)
    expect(result.stderr).toMatch(/sync markets 1\/1/)
    expect(result.stderr).toMatch(/sync history 60\/60/)
  })

  it('takes the provider from SEASONWATCH_PROVIDER_URL and prints a readable summary without --json', async () => {
    const dir = tempDir()
    const result = await cli(['sync', '--data-dir', dir, '--coins', '50', '--history-days', '30', '--max-rpm', '0'], {
      SEASONWATCH_PROVIDER_URL: fake.url
    })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(
      /^sync succeeded in \d+\.\d s\nrequests: {7}60 \(200: 60\)\ncoins tracked: {2}50; histories fetched this run: 50\n/
    )
  })

  it('says which held coins need older prices than the tier serves, and --tier pro with a key fetches them', async () => {
    const limited = await startFakeCoinGecko({
      dataset: buildSyntheticDataset({ coins: 70, firstDay: TODAY - 699, lastDay: TODAY + 1, seed: 5 }),
      now: Date.now(),
      limitedHistoryDays: 365
    })
    try {
      const dir = tempDir()
      const base = ['sync', '--data-dir', dir, '--provider-url', limited.url, '--history-days', '30', '--max-rpm', '0']
      expect((await cli([...base, '--coins', '60'])).code).toBe(0)
      const core = createCore({ dataDir: dir, runtime: 'cli' })
      const coin = (core.services.db.prepare('SELECT id FROM coins WHERE last_rank = 55').get() as { id: string }).id
      core.services.portfolio.addTransaction({
        kind: 'buy',
        at: `${isoDateOfDay(TODAY - 600)}T12:00:00Z`,
        symbol: 'X',
        coinId: coin,
        quantity: '3',
        valueUsd: '30'
      })
      core.close()

      const publicTier = await cli([...base, '--coins', '50'])
      expect(publicTier.code).toBe(0)
      expect(publicTier.stdout).toContain('held coins:     1 (')
      expect(publicTier.stdout).toContain(
        `Prices before ${isoDateOfDay(TODAY - 365)} are beyond the public tier's 365 days for 1 coin you hold or held (${coin}); a CoinGecko Pro key (SEASONWATCH_API_KEY with --tier pro, or Settings in the app) reaches back to 2013.`
      )

      const pro = await cli([...base, '--coins', '50', '--tier', 'pro', '--json'], {
        SEASONWATCH_API_KEY: 'CG-pro-key-0002'
      })
      expect(pro.code).toBe(0)
      const summary = JSON.parse(pro.stdout) as {
        requestsByEndpoint: Record<string, number>
        heldCoins: { tierLimited: unknown[] }
      }
      expect(summary.requestsByEndpoint.history).toBe(1)
      expect(summary.heldCoins).toEqual({ coins: 1, tier: 'pro', tierDays: null, tierLimited: [] })
      expect(limited.requests.at(-1)?.path).toBe(`/coins/${coin}/market_chart?vs_currency=usd&days=602&interval=daily`)
      expect(limited.requests.every((r) => r.status === 200)).toBe(true)
    } finally {
      await limited.close()
    }
  })

  it('refuses bad options with exit 2 or 1 and one line, touching nothing', async () => {
    const dir = tempDir()
    const bad = await cli(['sync', '--json', '--data-dir', dir, '--coins', 'many'])
    expect(bad.code).toBe(2)
    expect(JSON.parse(bad.stdout)).toEqual({
      error: { code: 'VALIDATION', message: '--coins must be a number, not "many"' }
    })
    const zero = await cli(['sync', '--data-dir', dir, '--provider-url', fake.url, '--coins', '0'])
    expect(zero.code).toBe(1)
    expect(zero.stderr).toBe('seasonwatch: The number of coins must be a whole number from 1 to 10000, not 0.\n')
    const url = await cli(['sync', '--data-dir', dir, '--provider-url', 'ftp://x'])
    expect(url.code).toBe(1)
    expect(url.stderr).toBe('seasonwatch: --provider-url must be an https address, not "ftp://x"\n')
    // Plain http reaches only this computer; the key would cross the network readable.
    const plain = await cli(['sync', '--data-dir', dir], { SEASONWATCH_PROVIDER_URL: 'http://mirror.example/api/v3' })
    expect(plain.code).toBe(1)
    expect(plain.stderr).toBe(
      'seasonwatch: SEASONWATCH_PROVIDER_URL must use https (plain http only for this computer: localhost, 127.x.x.x or ::1), not "http://mirror.example/api/v3"\n'
    )
  })

  it('exits 1 with the reason when the provider cannot be reached', async () => {
    const dir = tempDir()
    const result = await cli([
      'sync',
      '--json',
      '--data-dir',
      dir,
      '--provider-url',
      'http://127.0.0.1:9/api/v3',
      '--max-rpm',
      '0'
    ])
    expect(result.code).toBe(1)
    const summary = JSON.parse(result.stdout) as { status: string; error: { code: string } }
    expect(summary).toMatchObject({ status: 'failed', error: { code: 'OFFLINE' } })
    expect(result.stderr).toMatch(/seasonwatch: The market data provider cannot be reached/)
  }, 60_000)
})
