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
    const tier = await cli(['sync', '--data-dir', dir, '--provider-url', fake.url], { SEASONWATCH_API_TIER: 'gold' })
    expect(tier.code).toBe(1)
    expect(tier.stderr).toBe('seasonwatch: SEASONWATCH_API_TIER must be public, demo or pro, not "gold"\n')
  })

  it('uses SEASONWATCH_API_KEY: as a demo key when no plan is named, as a pro key with SEASONWATCH_API_TIER=pro', async () => {
    const demoOnly = await startFakeCoinGecko({
      dataset: buildSyntheticDataset({ coins: 60, firstDay: TODAY - 59, lastDay: TODAY + 1, seed: 5 }),
      now: Date.now(),
      requireHeader: { name: 'x-cg-demo-api-key', value: 'CG-demo-key-0001' }
    })
    const proOnly = await startFakeCoinGecko({
      dataset: buildSyntheticDataset({ coins: 60, firstDay: TODAY - 59, lastDay: TODAY + 1, seed: 5 }),
      now: Date.now(),
      requireHeader: { name: 'x-cg-pro-api-key', value: 'CG-pro-key-0002' }
    })
    try {
      const args = (url: string) => ['sync', '--data-dir', tempDir(), '--provider-url', url, '--coins', '50']
      const demo = await cli([...args(demoOnly.url), '--history-days', '30', '--max-rpm', '0'], {
        SEASONWATCH_API_KEY: 'CG-demo-key-0001'
      })
      expect(demo.stderr).not.toMatch(/refused/)
      expect(demo.code).toBe(0)
      expect(demoOnly.requests.every((r) => r.headers['x-cg-demo-api-key'] === 'CG-demo-key-0001')).toBe(true)

      const pro = await cli([...args(proOnly.url), '--history-days', '30', '--max-rpm', '0'], {
        SEASONWATCH_API_KEY: 'CG-pro-key-0002',
        SEASONWATCH_API_TIER: 'pro'
      })
      expect(pro.code).toBe(0)
      expect(proOnly.requests.every((r) => r.status === 200)).toBe(true)

      // A pro key taken for a demo key: the refusal says what to try, in the command line's words.
      proOnly.requests.length = 0
      const wrong = await cli([...args(proOnly.url), '--max-rpm', '0'], { SEASONWATCH_API_KEY: 'CG-pro-key-0002' })
      expect(wrong.code).toBe(1)
      expect(wrong.stderr).toContain(
        'seasonwatch: The provider refused /coins/markets (HTTP 401) with the demo API key. If it is a pro key, run with --tier pro (or set SEASONWATCH_API_TIER=pro); otherwise check the key.'
      )
      expect(wrong.stderr).not.toContain('Settings')
      expect(proOnly.requests).toHaveLength(1)
      // No key at all: where the command line takes one.
      const none = await cli([...args(proOnly.url), '--max-rpm', '0'])
      expect(none.stderr).toContain(
        'without an API key: set SEASONWATCH_API_KEY to your CoinGecko key and name its plan with --tier demo or --tier pro.'
      )
    } finally {
      await demoOnly.close()
      await proOnly.close()
    }
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
