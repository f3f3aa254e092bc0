import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import type { CoinPage, Watchlist } from '../../src/shared/contract/coins'
import type { IndexResult } from '../../src/shared/contract/season'
import { buildSyntheticDataset, startFakeCoinGecko } from '../support/fake-coingecko'
import type { FakeCoinGecko } from '../support/fake-coingecko'
import { newDataDir, removeDataDir, repoRoot, startBrowserMode } from './support/browser-mode'
import type { BrowserMode } from './support/browser-mode'

const cli = join(repoRoot, 'out/main/cli.js')
const DAY = 86_400_000
const today = Math.floor(Date.now() / DAY)
const run = promisify(execFile)

async function runCli<T>(dataDir: string, args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, [cli, ...args, '--json', '--data-dir', dataDir], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024
  })
  return JSON.parse(stdout) as T
}

// 60 altcoins over 200 days up to today; the provider's clock starts at noon yesterday, so the
// first sync stores history up to yesterday and a later one brings today's prices.
const dataset = buildSyntheticDataset({ coins: 60, firstDay: today - 199, lastDay: today, seed: 5 })
let provider: FakeCoinGecko
let dataDir: string

test.beforeAll(async () => {
  provider = await startFakeCoinGecko({ dataset, now: (today - 1) * DAY + DAY / 2 })
  dataDir = newDataDir()
  await runCli(dataDir, [
    'sync',
    '--provider-url',
    provider.url,
    '--max-rpm',
    '0',
    '--coins',
    '80',
    '--history-days',
    '200'
  ])
})

test.afterAll(async () => {
  await provider?.close()
  if (dataDir) removeDataDir(dataDir)
})

async function open(page: Page): Promise<BrowserMode> {
  const app = await startBrowserMode({ dataDir, env: { SEASONWATCH_PROVIDER_URL: provider.url } })
  await page.goto(app.url)
  return app
}

test.describe.configure({ mode: 'serial' })

test('from a breakdown row to the coin page and back, then onto the watchlist with the CLI’s numbers', async ({
  page
}) => {
  const app = await open(page)
  try {
    const index = await runCli<IndexResult>(dataDir, ['index'])
    const coin = index.coins[2]!
    await page.getByTestId(`coin-link-${coin.id}`).click()
    await expect(page.getByTestId('coin-page')).toHaveAttribute('data-coin', coin.id)
    expect(page.url()).toContain(`#/coins/${coin.id}`)
    const cliPage = await runCli<CoinPage>(dataDir, ['coin', coin.id])
    const last = cliPage.days.at(-1)!
    await expect(page.getByTestId('coin-as-of')).toContainText(`As of ${cliPage.asOf}`)
    // The page's sentence for the latest day: the rank the index gave the coin that day.
    expect(last.date).toBe(index.date)
    expect(last.rank).toBe(coin.rank)
    await expect(page.getByTestId('coin-membership')).toContainText(`rank ${coin.rank} of the top ${index.top}`)
    await expect(page.getByTestId('coin-chart')).toBeVisible()
    await page.screenshot({ path: test.info().outputPath('coin-page.png'), fullPage: true })

    await page.getByTestId('coin-back').click()
    await expect(page.getByTestId('page-season')).toBeVisible()
    await expect(page.getByTestId(`coin-link-${coin.id}`)).toBeVisible()

    await page.getByTestId(`coin-link-${coin.id}`).click()
    await page.getByTestId('watch-toggle').click()
    await expect(page.getByTestId('watch-toggle')).toHaveAttribute('aria-pressed', 'true')
    await page.getByTestId('nav-coins').click()
    const row = page.getByTestId(`watch-row-${coin.id}`)
    await expect(row).toBeVisible()
    const list = await runCli<Watchlist>(dataDir, ['watchlist', 'list'])
    expect(list.items.map((i) => i.coinId)).toEqual([coin.id])
    const item = list.items[0]!
    // Signed with a real minus (U+2212), one decimal, as every screen writes a change.
    const pct = (v: number | null) => {
      if (v === null) return '—'
      const digits = Math.abs(v * 100).toFixed(1)
      return /[1-9]/.test(digits) ? `${v < 0 ? '\u2212' : '+'}${digits}%` : `${digits}%`
    }
    await expect(row).toContainText(pct(item.change24h))
    await expect(row).toContainText(pct(item.change30d))
    await expect(row).toContainText(item.beatsBitcoin ? 'Yes' : 'No')

    // Search by ticker reaches a coin page too.
    await page.getByTestId('coin-search').fill('ETH')
    await page.getByTestId('coin-result-ethereum').click()
    await expect(page.getByTestId('coin-page')).toHaveAttribute('data-coin', 'ethereum')
  } finally {
    await app.stop()
  }
})

test('a price alert fires after a sync from the provider, once, and the CLI lists it', async ({ page }) => {
  const app = await open(page)
  try {
    const eth = dataset.coins.find((c) => c.id === 'ethereum')!
    const close = (day: number) => eth.points.find((p) => p.t === day * DAY)!.price!
    const before = close(today - 1)
    const after = close(today)
    const up = after > before
    const threshold = Number(((before + after) / 2).toFixed(2))

    // The app syncs what the first sync did (80 coins, 200 days), without a request budget to wait on.
    const set = await page.request.post(`${app.origin}/api/invoke/settings:set`, {
      data: { trackedCoins: 80, historyDays: 200, maxRequestsPerMinute: 0 }
    })
    expect(((await set.json()) as { ok: boolean }).ok).toBe(true)
    await page.goto(`${app.url.split('#')[0]}#/coins/ethereum`)
    await expect(page.getByTestId('coin-page')).toHaveAttribute('data-coin', 'ethereum')
    await page.getByTestId('price-alerts-enabled').check()
    await page.getByTestId('alert-kind').selectOption(up ? 'above' : 'below')
    await page.getByTestId('alert-threshold').fill(String(threshold))
    await page.getByTestId('alert-add').click()
    await expect(page.getByTestId('price-alert-rules')).toContainText(`$${threshold}`)

    provider.setNow(Date.now())
    await page.getByTestId('sync-now').click()
    const history = page.getByTestId('price-alert-history')
    await expect(history).toContainText(up ? 'Ethereum (ETH) rose above' : 'Ethereum (ETH) fell below', {
      timeout: 60_000
    })
    await expect(history.locator('li')).toHaveCount(1)
    const listed = await runCli<{ enabled: boolean; fired: { title: string; asOf: string }[] }>(dataDir, [
      'alerts',
      'list'
    ])
    expect(listed.enabled).toBe(true)
    expect(listed.fired).toHaveLength(1)
    expect(listed.fired[0]!.asOf).toBe(new Date(today * DAY).toISOString().slice(0, 10))
    await page.screenshot({ path: test.info().outputPath('price-alert.png'), fullPage: true })
  } finally {
    await app.stop()
  }
})
