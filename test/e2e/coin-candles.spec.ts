import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from '@playwright/test'
import { isoDateOfDay } from '../../src/shared/dates'
import { buildSyntheticDataset, startFakeCoinGecko } from '../support/fake-coingecko'
import type { FakeCoinGecko } from '../support/fake-coingecko'
import { newDataDir, removeDataDir, repoRoot, startBrowserMode } from './support/browser-mode'

const cli = join(repoRoot, 'out/main/cli.js')
const DAY = 86_400_000
const today = Math.floor(Date.now() / DAY)
const run = promisify(execFile)

// 20 altcoins over 120 days up to today, synced by the command line; the provider's clock is now.
const dataset = buildSyntheticDataset({ coins: 20, firstDay: today - 119, lastDay: today, seed: 11 })
let provider: FakeCoinGecko
let dataDir: string

test.beforeAll(async () => {
  provider = await startFakeCoinGecko({ dataset, now: Date.now() })
  dataDir = newDataDir()
  await run(
    process.execPath,
    [cli, 'sync', '--provider-url', provider.url, '--max-rpm', '0', '--coins', '30', '--history-days', '120'].concat([
      '--data-dir',
      dataDir
    ]),
    { cwd: repoRoot, timeout: 120_000 }
  )
})

test.afterAll(async () => {
  await provider?.close()
  if (dataDir) removeDataDir(dataDir)
})

test('the coin page draws daily candles for a recent range and says when only closes are known', async ({ page }) => {
  const app = await startBrowserMode({ dataDir, env: { SEASONWATCH_PROVIDER_URL: provider.url } })
  try {
    const ohlc = () => provider.requests.filter((r) => r.path.includes('/ohlc'))
    // The sync asked for no candles.
    expect(ohlc()).toEqual([])
    await page.goto(`${app.url.split('#')[0]}#/coins/ethereum`)
    await expect(page.getByTestId('coin-page')).toHaveAttribute('data-coin', 'ethereum')
    await page.getByRole('button', { name: '1 month' }).click()
    await page.getByTestId('chart-candles').click()
    const panel = page.getByTestId('coin-candles')
    await expect(panel).toBeVisible()
    await expect(page.getByTestId('candle-chart')).toBeVisible()
    // The last 30 days: every whole day before today is a candle built from six 4-hour ones.
    await expect(panel).toHaveAttribute('data-candles', '29')
    const notes = page.getByTestId('candle-notes')
    await expect(notes).toContainText('built from its six 4-hour candles')
    await expect(notes).not.toContainText('Only daily closes are known')
    expect(ohlc().map((r) => r.path)).toEqual(['/coins/ethereum/ohlc?vs_currency=usd&days=30'])
    await page.screenshot({ path: test.info().outputPath('coin-candles.png'), fullPage: true })

    // A year: the older days have closes only, said plainly; the cached candles answer, no new call.
    await page.getByRole('button', { name: '1 year' }).click()
    await expect(notes).toContainText(
      `Only daily closes are known for this range before ${isoDateOfDay(today - 29)}; shown as a line.`
    )
    await expect(panel).toHaveAttribute('data-candles', '29')
    expect(ohlc()).toHaveLength(1)
    await page.screenshot({ path: test.info().outputPath('coin-candles-year.png'), fullPage: true })
  } finally {
    await app.stop()
  }
})
