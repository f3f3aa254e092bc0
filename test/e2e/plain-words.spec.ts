import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { isoDateOfDay } from '../../src/shared/dates'
import { buildSyntheticDataset, startFakeCoinGecko } from '../support/fake-coingecko'
import type { FakeCoinGecko } from '../support/fake-coingecko'
import { newDataDir, removeDataDir, repoRoot, startBrowserMode } from './support/browser-mode'

// Screens that say what is true in plain words: Settings in browser mode, the first-run card after a
// sync that stored nothing, and dates as YYYY-MM-DD in a browser whose language writes them otherwise.
const cli = join(repoRoot, 'out/main/cli.js')
const run = promisify(execFile)
const DAY = 86_400_000
const today = Math.floor(Date.now() / DAY)
const dataset = buildSyntheticDataset({ coins: 60, firstDay: today - 199, lastDay: today, seed: 5 })
let provider: FakeCoinGecko
let dataDir: string

test.beforeAll(async () => {
  test.setTimeout(180_000)
  provider = await startFakeCoinGecko({ dataset, now: Date.now() })
  dataDir = newDataDir()
  await run(
    process.execPath,
    [cli, 'sync', '--provider-url', provider.url, '--max-rpm', '0', '--coins', '60', '--history-days', '200'].concat([
      '--json',
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

async function openApp(page: Page, dir: string, providerUrl: string) {
  const app = await startBrowserMode({ dataDir: dir, env: { SEASONWATCH_PROVIDER_URL: providerUrl } })
  await page.goto(app.url)
  return app
}

test('Settings shows the provider address really in use, not the public default', async ({ page }) => {
  const app = await openApp(page, dataDir, provider.url)
  try {
    await page.getByTestId('nav-settings').click()
    // The address the sync uses (here from SEASONWATCH_PROVIDER_URL).
    await expect(page.getByTestId('page-settings')).toContainText(provider.url)
  } finally {
    await app.stop()
  }
})

test('Settings in browser mode has a field for the provider API key', async ({ page }) => {
  const app = await openApp(page, dataDir, provider.url)
  try {
    await page.getByTestId('nav-settings').click()
    // The README says the key is set in Settings: browser mode has a field for it.
    const key = 'CG-browserModeKey12345'
    const field = page.getByTestId('settings-api-key')
    await expect(field).toBeEditable()
    await field.fill(key)
    await page.getByTestId('settings-api-key-save').click()
    await expect(page.getByTestId('api-key-status')).toHaveText('A key is set.')
    expect(await page.content()).not.toContain(key)
    await page.getByTestId('settings-api-key-remove').click()
    await expect(page.getByTestId('api-key-status')).toHaveText('No key is set.')
  } finally {
    await app.stop()
  }
})

test('a first run that stored nothing offers no "Continue", and says Settings apply to the next sync', async ({
  page
}) => {
  const fresh = newDataDir()
  // Nothing listens on port 9: the first sync stores nothing.
  const app = await openApp(page, fresh, 'http://127.0.0.1:9/api/v3')
  try {
    const note = page.getByTestId('first-run-settings-note')
    await expect(page.getByTestId('first-sync')).toHaveText('Start the first sync')
    await page.getByTestId('first-sync').click()
    const status = page.getByTestId('sync-status')
    // The run tries and finds nobody; it is stopped, with nothing stored.
    await expect(status).toContainText(/offline|cannot be reached|failed|retrying/i, { timeout: 15_000 })
    await status.getByRole('button', { name: 'Stop' }).click()
    await expect(page.getByTestId('first-sync')).toBeEnabled({ timeout: 10_000 })
    await expect(page.getByTestId('first-sync')).not.toHaveText('Continue the sync')
    await expect(page.getByTestId('first-sync')).toHaveText(
      /^(Start the first sync|Try the first sync again|Try again)$/
    )
    // The sync has been tried: Settings are no longer something to change "first".
    await expect(page.getByTestId('season-empty')).not.toContainText('in Settings first')
    await expect(note).toContainText('the next sync uses them')
  } finally {
    await app.stop()
    removeDataDir(fresh)
  }
})

test('the printed address is spent once opened: a fresh browser cannot open it again', async ({ page, browser }) => {
  const app = await openApp(page, dataDir, provider.url)
  try {
    await expect(page.getByTestId('app-shell')).toBeVisible()
    const fresh = await browser.newContext()
    try {
      const other = await fresh.newPage()
      const answer = await other.goto(app.url)
      expect(answer?.status()).toBe(401)
      await expect(other.getByTestId('app-shell')).toHaveCount(0)
      const call = await other.request.post(`${app.origin}/api/invoke/app:get-info`, { data: {} })
      expect(call.status()).toBe(401)
    } finally {
      await fresh.close()
    }
  } finally {
    await app.stop()
  }
})

test.describe('in a browser that writes dates as 12/11/2024', () => {
  test.use({ locale: 'en-US', timezoneId: 'America/New_York' })

  test('every date field shows and takes YYYY-MM-DD, and refuses a day the calendar lacks in words', async ({
    page
  }) => {
    const app = await openApp(page, dataDir, provider.url)
    try {
      // The breakdown's day: the latest day, as text in ISO form.
      const day = page.getByTestId('review-date')
      const chart = page.getByTestId('index-chart')
      await expect(chart).toBeVisible()
      const last = (await chart.getAttribute('aria-label'))?.match(/to (\d{4}-\d{2}-\d{2})/)?.[1] ?? ''
      expect(last).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(await day.getAttribute('type')).toBe('text')
      await expect(day).toHaveValue(last)
      await expect(day).toHaveAttribute('placeholder', 'YYYY-MM-DD')
      const shownValue = await page.getByTestId('index-value').textContent()
      // February 2024 has 29 days: refused in words, and the day shown stays.
      await day.fill('2024-02-30')
      await expect(page.getByTestId('review-date-error')).toHaveText(
        'Day: 2024-02-30 is not a day of the calendar: February 2024 has 29 days.'
      )
      await expect(page.getByTestId('index-value')).toHaveText(shownValue ?? '')
      await expect(chart).toHaveAttribute('data-crosshair', last)
      await page.getByTestId('review-date').scrollIntoViewIfNeeded()
      await page.screenshot({ path: test.info().outputPath('review-date-refused.png') })
      // From the keyboard: Down steps back a day from the latest.
      await day.fill(last)
      await expect(page.getByTestId('review-date-error')).toHaveCount(0)
      await day.press('ArrowDown')
      const before = isoDateOfDay(Math.floor(Date.parse(last) / DAY) - 1)
      await expect(day).toHaveValue(before)
      await expect(chart).toHaveAttribute('data-crosshair', before)

      // A transaction's date: today, in ISO form; a month that does not exist is refused by name.
      await page.getByTestId('nav-portfolio').click()
      await page.getByTestId('portfolio-tab-transactions').click()
      await page.getByTestId('add-transaction').click()
      const date = page.getByTestId('transaction-editor').locator('input[name="date"]')
      expect(await date.getAttribute('type')).toBe('text')
      await expect(date).toHaveValue(isoDateOfDay(today))
      await date.fill('2024-13-01')
      await date.blur()
      await expect(page.getByTestId('transaction-editor').getByRole('alert')).toHaveText(
        'Date: 2024-13-01 has no month 13. Months run from 01 to 12.'
      )
      await page.screenshot({ path: test.info().outputPath('transaction-date-refused.png') })

      // The backtest's range: a bad day runs nothing and says why.
      await page.getByTestId('nav-rebalance').click()
      await page.getByTestId('backtest-from').fill('2024-02-30')
      await page.getByTestId('backtest-run').click()
      await expect(page.getByTestId('backtest-date-error')).toHaveText(
        'From: 2024-02-30 is not a day of the calendar: February 2024 has 29 days.'
      )
      await expect(page.getByTestId('backtest-chart')).toHaveCount(0)

      // No page uses the browser's own date input, which writes dates the computer's way.
      for (const id of ['season', 'portfolio', 'rebalance', 'reports', 'settings']) {
        await page.getByTestId(`nav-${id}`).click()
        await expect(page.getByTestId(`page-${id}`)).toBeVisible()
        await expect(page.locator('input[type="date"]')).toHaveCount(0)
      }
    } finally {
      await app.stop()
    }
  })
})
