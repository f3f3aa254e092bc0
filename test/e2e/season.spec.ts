import { execFile, spawn } from 'node:child_process'
import { hostname } from 'node:os'
import { promisify } from 'node:util'
import { join } from 'node:path'
import { test as base, expect } from '@playwright/test'
import BetterSqlite3 from 'better-sqlite3'
import type { Page } from '@playwright/test'
import type { IndexResult } from '../../src/shared/contract/season'
import { dayNumberOf, isoDateOfDay } from '../../src/shared/dates'
import { regimeLabels } from '../../src/shared/domain'
import { buildSyntheticDataset, startFakeCoinGecko } from '../support/fake-coingecko'
import type { FakeCoinGecko } from '../support/fake-coingecko'
import { newDataDir, removeDataDir, repoRoot, startBrowserMode } from './support/browser-mode'
import type { BrowserMode } from './support/browser-mode'
import { SeasonPage } from './pages/season-page'

const cli = join(repoRoot, 'out/main/cli.js')
const DAY = 86_400_000
const today = Math.floor(Date.now() / DAY)

const run = promisify(execFile)

/**
 * The CLI's JSON answer: the same core the window talks to, read straight from the data folder.
 * Asynchronous, because the fake provider answers from this same process.
 */
async function runCli<T>(dataDir: string, args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, [cli, ...args, '--json', '--data-dir', dataDir], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024
  })
  return JSON.parse(stdout) as T
}

function engineIndex(dataDir: string, args: string[] = []): Promise<IndexResult> {
  return runCli<IndexResult>(dataDir, ['index', ...args])
}

/** DESIGN.md 1.7: the display rounds half up. */
const shown = (value: number) => String(Math.floor(value + 0.5 + 1e-9))

// 120 altcoins (young, dead, patchy and pegged ones among them) over 500 days up to today, synced
// once through the real sync from the fake provider into a data folder every test then opens.
const dataset = buildSyntheticDataset({ coins: 120, firstDay: today - 499, lastDay: today, seed: 7 })
let provider: FakeCoinGecko
let seededDir: string

const test = base.extend<{ season: SeasonPage }>({
  season: async ({ page }, use) => use(new SeasonPage(page))
})

test.beforeAll(async () => {
  provider = await startFakeCoinGecko({ dataset, now: Date.now() })
  seededDir = newDataDir()
  await runCli(seededDir, [
    'sync',
    '--provider-url',
    provider.url,
    '--max-rpm',
    '0',
    '--coins',
    '150',
    '--history-days',
    '500'
  ])
})

test.afterAll(async () => {
  await provider?.close()
  if (seededDir) removeDataDir(seededDir)
})

async function open(page: Page, dataDir: string, providerUrl: string): Promise<BrowserMode> {
  const app = await startBrowserMode({ dataDir, env: { SEASONWATCH_PROVIDER_URL: providerUrl } })
  await page.goto(app.url)
  return app
}

test('the index shown is the engine value for the latest day, and switching the variant updates it', async ({
  page,
  season
}) => {
  const app = await open(page, seededDir, provider.url)
  try {
    const latest = await engineIndex(seededDir)
    await expect(season.value).toHaveText(shown(latest.value))
    await expect(season.asOf).toHaveText(latest.date)
    await expect(season.regime).toHaveText(regimeLabels[latest.regime])
    await expect(season.rows).toHaveCount(latest.coins.length)
    await expect(season.table).toHaveAttribute('data-date', latest.date)
    await expect(season.syncStatus).toContainText(`data as of ${latest.date}`)
    await expect(season.chart).toHaveAttribute('data-points', /^[1-9]\d+$/)
    await season.screenshot(test.info().outputPath('season-latest.png'))

    const small = await engineIndex(seededDir, ['--top', '50', '--window', '30'])
    expect(small.coins.length).toBeLessThan(latest.coins.length)
    await season.chooseTop(50)
    await season.chooseWindow(30)
    await expect(season.value).toHaveText(shown(small.value))
    await expect(season.regime).toHaveText(regimeLabels[small.regime])
    await expect(season.rows).toHaveCount(small.coins.length)
    await expect(page.getByTestId('variant-window')).toHaveAttribute('data-value', '30')
    // The history behind the chart follows the variant too.
    const history = await runCli<unknown[]>(seededDir, ['history', '--top', '50', '--window', '30'])
    await expect(season.chart).toHaveAttribute('data-points', String(history.length))
    await season.screenshot(test.info().outputPath('season-top50-30d.png'))

    await page.emulateMedia({ colorScheme: 'dark' })
    await expect(page.getByTestId('app-shell')).toHaveAttribute('data-theme-applied', 'dark')
    await season.screenshot(test.info().outputPath('season-dark.png'))
  } finally {
    await app.stop()
  }
})

test('reviewing a past day shows that day’s value and breakdown, sortable and searchable', async ({ page, season }) => {
  const app = await open(page, seededDir, provider.url)
  try {
    const latest = await engineIndex(seededDir)
    await expect(season.value).toHaveText(shown(latest.value))
    const day = dayNumberOf(latest.date)!
    const past = isoDateOfDay(day - 120)
    const then = await engineIndex(seededDir, ['--date', past])

    await season.review(past)
    await expect(season.asOf).toHaveText(past)
    await expect(season.value).toHaveText(shown(then.value))
    await expect(season.regime).toHaveText(regimeLabels[then.regime])
    await expect(season.table).toHaveAttribute('data-date', past)
    await expect(season.rows).toHaveCount(then.coins.length)
    await expect(page.getByTestId('review-latest')).toBeVisible()

    // The rows are the engine's ranking for that day, in rank order.
    expect(await season.rowCoins()).toEqual(then.coins.map((c) => c.id))
    // Sorted by window return, best first; unmeasured coins go last.
    await season.sortBy('return')
    const measured = then.coins.filter((c) => c.ratio !== null).sort((a, b) => b.ratio! - a.ratio! || a.rank - b.rank)
    const unmeasured = then.coins.filter((c) => c.ratio === null)
    const byReturn = await season.rowCoins()
    expect(byReturn.slice(0, measured.length)).toEqual(measured.map((c) => c.id))
    expect(new Set(byReturn.slice(measured.length))).toEqual(new Set(unmeasured.map((c) => c.id)))
    // Each row says whether it beat Bitcoin, as the engine decided.
    const first = measured[0]!
    await expect(season.rows.first()).toHaveAttribute('data-outperforms', String(first.outperforms))

    // Searching narrows the table (and the exclusions) to matching coins.
    const target = then.coins[3]!
    await season.sortBy('rank')
    await season.search.fill(target.name)
    const matching = then.coins.filter((c) => c.name.toLowerCase().includes(target.name.toLowerCase()))
    await expect(season.rows).toHaveCount(matching.length)
    expect(await season.rowCoins()).toEqual(matching.map((c) => c.id))
    await season.search.fill('')

    // Excluded coins are listed with their reasons in words.
    await page.getByTestId('excluded-coins').locator('summary').click()
    await expect(season.excludedRows).toHaveCount(then.excluded.length)
    const tether = then.excluded.find((e) => e.id === 'tether')
    expect(tether?.reason).toBe('category:stablecoins')
    await expect(season.excludedRows.filter({ hasText: 'USDT' })).toContainText('stablecoin')
    await season.screenshot(test.info().outputPath('season-review-past.png'))

    // Picking a day on the chart reviews it.
    const box = (await season.chart.boundingBox())!
    await season.chart.click({ position: { x: box.width * 0.5, y: box.height * 0.5 } })
    await expect(season.reviewDate).not.toHaveValue(past)
    const picked = await season.reviewDate.inputValue()
    expect(picked < latest.date).toBe(true)
    await expect(season.asOf).toHaveText(picked)
    await expect(season.value).toHaveText(shown((await engineIndex(seededDir, ['--date', picked])).value))

    await page.getByTestId('review-latest').click()
    await expect(season.asOf).toHaveText(latest.date)
    await expect(season.value).toHaveText(shown(latest.value))
  } finally {
    await app.stop()
  }
})

test('the chart, the card and the breakdown follow one selected day, clicked or typed', async ({ page, season }) => {
  const app = await open(page, seededDir, provider.url)
  try {
    const latest = await engineIndex(seededDir)
    await expect(season.value).toHaveText(shown(latest.value))
    await expect(season.chart).toHaveAttribute('data-crosshair', latest.date)
    // The chart re-reads the day under its crosshair when its width or range changes: the crosshair
    // stays on the selected day (it used to land on a day a week or so earlier).
    // A click on the chart picks its day; the pointer then stays over the chart.
    const box = (await season.chart.boundingBox())!
    await season.chart.click({ position: { x: box.width * 0.5, y: box.height * 0.5 } })
    await expect(season.reviewDate).not.toHaveValue(latest.date)
    const clicked = await season.reviewDate.inputValue()
    await expect(season.chart).toHaveAttribute('data-crosshair', clicked)

    // A day typed in the breakdown moves the card, the crosshair and the legend together.
    const typed = isoDateOfDay(dayNumberOf(latest.date)! - 20)
    expect(typed).not.toBe(clicked)
    const typedIndex = await engineIndex(seededDir, ['--date', typed])
    await season.review(typed)
    await expect(season.value).toHaveText(shown(typedIndex.value))
    await expect(season.chart).toHaveAttribute('data-crosshair', typed)
    await expect(page.getByTestId('chart-legend')).toContainText(`${typed}Index ${shown(typedIndex.value)}`)

    // The chart keeps its crosshair's x when the time scale changes and reads the day under it again
    // at its next update: a narrower range, then a second line, leave the crosshair on the selected
    // day (it used to move to whatever day then stood at that x, as a late reload of the data did).
    await page.getByTestId('chart-range').getByRole('radio', { name: '3M' }).click()
    await page.getByTestId('chart-overlay').selectOption('dominance')
    await expect(page.getByTestId('dominance-note')).toBeVisible()
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))')
    await expect(season.chart).toHaveAttribute('data-crosshair', typed)
    await expect(page.getByTestId('chart-legend')).toContainText(typed)
    await expect(season.value).toHaveText(shown(typedIndex.value))

    // A day outside the chart clears the crosshair instead of leaving it on the last one.
    const first = (await season.reviewDate.getAttribute('min'))!
    const before = isoDateOfDay(dayNumberOf(first)! - 30)
    await season.review(before)
    await expect(season.chart).toHaveAttribute('data-crosshair', '')
    await expect(page.getByTestId('chart-legend')).not.toContainText(typed)
  } finally {
    await app.stop()
  }
})

test('the 365-day window on the default history says what history it needs and offers the setting', async ({
  page,
  season
}) => {
  const dataDir = newDataDir()
  await runCli(dataDir, [
    'sync',
    '--provider-url',
    provider.url,
    '--max-rpm',
    '0',
    '--coins',
    '60',
    '--history-days',
    '365'
  ])
  const app = await open(page, dataDir, provider.url)
  try {
    await expect(season.value).toBeVisible()
    await season.chooseWindow(365)
    const need = page.getByTestId('window-need')
    await expect(need).toContainText('The 365-day window needs more than 365 days of history')
    await expect(need).toContainText('"Days of history" setting is 365')
    await expect(need).toContainText('A CoinGecko Pro key serves history back to 2013')
    // No lone dot: the chart waits until there is something to chart.
    await expect(season.chart).toHaveCount(0)
    await page.getByTestId('window-need-settings').click()
    await expect(page.getByTestId('settings-history-days')).toBeVisible()
  } finally {
    await app.stop()
    removeDataDir(dataDir)
  }
})

test('a first run explains itself, syncs with visible progress and then shows the index', async ({ page, season }) => {
  // A provider of its own, so the requests this first sync makes can be checked.
  const slow = await startFakeCoinGecko({ dataset, now: Date.now() })
  const dataDir = newDataDir()
  const app = await open(page, dataDir, slow.url)
  try {
    await expect(season.empty).toBeVisible()
    await expect(season.empty).toContainText('minutes')
    await expect(season.syncStatus).toContainText('Never synced')
    await season.screenshot(test.info().outputPath('season-first-run.png'))
    // Smaller than the defaults so the test takes seconds: 50 coins at 300 requests a minute.
    const set = await page.request.post(`${app.origin}/api/invoke/settings:set`, {
      data: { trackedCoins: 50, historyDays: 200, maxRequestsPerMinute: 300 }
    })
    expect(((await set.json()) as { ok: boolean }).ok).toBe(true)

    await page.getByTestId('first-sync').click()
    await expect(season.syncProgress).toBeVisible()
    await expect(page.getByTestId('sync-phase')).toContainText(/of \d+/)
    await expect(page.getByTestId('first-run-progress')).toBeVisible()
    await season.screenshot(test.info().outputPath('season-sync-progress.png'))

    // The index shows before the backfill ends, marked as provisional while the sync runs.
    await expect(season.value).toBeVisible({ timeout: 60_000 })
    await expect(season.syncProgress).toHaveCount(0, { timeout: 60_000 })
    await expect(season.syncStatus).toContainText('Last sync')
    await expect(page.getByTestId('data-note')).toHaveCount(0)
    const latest = await engineIndex(dataDir)
    await expect(season.value).toHaveText(shown(latest.value))
    await expect(season.rows).toHaveCount(latest.coins.length)
    expect(slow.requests.some((r) => r.path.startsWith('/coins/markets'))).toBe(true)
    await season.screenshot(test.info().outputPath('season-after-first-sync.png'))
  } finally {
    await app.stop()
    await slow.close()
    removeDataDir(dataDir)
  }
})

test('a first run at 30 calls a minute shows a provisional index within 10 s, then the 90-day one before the backfill ends', async ({
  page,
  season
}) => {
  // The free tier's budget: the provider answers 30 calls a minute and the app asks no faster.
  const limited = await startFakeCoinGecko({ dataset, now: Date.now(), rateLimitPerMinute: 30 })
  const dataDir = newDataDir()
  const app = await open(page, dataDir, limited.url)
  try {
    const set = await page.request.post(`${app.origin}/api/invoke/settings:set`, {
      data: { trackedCoins: 50, historyDays: 365, maxRequestsPerMinute: 30, defaultWindow: 30 }
    })
    expect(((await set.json()) as { ok: boolean }).ok).toBe(true)
    await page.reload()
    await expect(season.empty).toBeVisible()

    const started = Date.now()
    await page.getByTestId('first-sync').click()
    const provisional = page.getByTestId('index-provisional')
    await expect(provisional).toBeVisible({ timeout: 10_000 })
    expect(Date.now() - started).toBeLessThan(10_000)
    await expect(provisional).toContainText('Provisional')
    await expect(provisional).toContainText('peg detector')
    await expect(season.asOf).toHaveText(isoDateOfDay(today))
    await expect(season.value).toBeVisible()
    await season.chooseWindow(365)
    await expect(provisional).toBeVisible()
    await season.screenshot(test.info().outputPath('season-provisional.png'))

    // The 90-day index from the top coins' histories, while the backfill still runs.
    await season.chooseWindow(90)
    const ninetyDay = async () => {
      const answer = await page.request.post(`${app.origin}/api/invoke/season:get-index`, { data: { window: 90 } })
      return (await answer.json()) as { ok: boolean; data?: IndexResult }
    }
    await expect.poll(async () => (await ninetyDay()).ok, { timeout: 60_000, intervals: [1_000] }).toBe(true)
    const ninety = (await ninetyDay()).data as IndexResult
    expect(ninety.provisional).toBeUndefined()
    expect(ninety.partial?.coinsWithHistory).toBeLessThan(50)
    await expect(season.value).toHaveText(shown(ninety.value), { timeout: 10_000 })
    await expect(provisional).toHaveCount(0)
    await expect(season.syncProgress).toBeVisible()
    const historyCalls = limited.requests.filter((r) => r.path.includes('/market_chart')).length
    expect(historyCalls).toBeLessThan(50)
  } finally {
    await app.stop()
    await limited.close()
    removeDataDir(dataDir)
  }
})

test('with the provider down, the offline banner says what is cached and everything still reads', async ({
  page,
  season
}) => {
  // Nothing listens on port 9: every provider call is refused.
  const app = await open(page, seededDir, 'http://127.0.0.1:9/api/v3')
  try {
    const latest = await engineIndex(seededDir)
    await expect(season.value).toHaveText(shown(latest.value))
    await expect(season.offlineBanner).toHaveCount(0)

    await page.getByTestId('sync-now').click()
    await expect(season.offlineBanner).toBeVisible({ timeout: 30_000 })
    await expect(season.offlineBanner).toContainText(`as of ${latest.date}`)
    await expect(season.syncStatus).toHaveAttribute('data-state', 'offline')
    await expect(season.value).toHaveText(shown(latest.value))
    await expect(season.rows).toHaveCount(latest.coins.length)
    await season.screenshot(test.info().outputPath('season-offline.png'))

    // A past day still reads from the cache.
    const past = isoDateOfDay(dayNumberOf(latest.date)! - 30)
    await season.review(past)
    await expect(season.value).toHaveText(shown((await engineIndex(seededDir, ['--date', past])).value))
    await page.getByTestId('chart-overlay').selectOption('dominance')
    await expect(page.getByTestId('dominance-note')).toContainText(`as of ${latest.date}`)
    // Hovering the chart reads that day's index and the second line.
    const box = (await season.chart.boundingBox())!
    await season.chart.hover({ position: { x: box.width * 0.6, y: box.height * 0.5 } })
    await expect(page.getByTestId('chart-legend')).toContainText('BTC dominance (tracked coins)')
    await season.screenshot(test.info().outputPath('season-offline-review-dominance.png'))
  } finally {
    await app.stop()
  }
})

test('the provider API key is write-only: the page learns only whether one is set', async ({ page }) => {
  // Browser mode takes the key from the environment only; the desktop app stores it encrypted.
  const key = 'CG-e2eSecretKey1234567'
  const app = await startBrowserMode({
    dataDir: seededDir,
    env: { SEASONWATCH_PROVIDER_URL: provider.url, SEASONWATCH_API_KEY: key }
  })
  try {
    await page.goto(app.url)
    await page.getByTestId('nav-settings').click()
    await expect(page.getByTestId('api-key-status')).toHaveText('A key is set.')
    await expect(page.getByTestId('api-key-backend')).toContainText('SEASONWATCH_API_KEY')
    await expect(page.getByTestId('settings-api-key')).toHaveCount(0)
    // The key appears nowhere in the page or in what the core answers.
    expect(await page.content()).not.toContain(key)
    const answer = await page.request.post(`${app.origin}/api/invoke/secrets:get-status`, { data: {} })
    expect(await answer.text()).not.toContain(key)
    // Writing is refused in words, and nothing changes.
    const write = await page.request.post(`${app.origin}/api/invoke/secrets:set-api-key`, {
      data: { apiKey: 'CG-anotherKey987654' }
    })
    expect(await write.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await page.getByTestId('api-key-panel').scrollIntoViewIfNeeded()
    await page.screenshot({ path: test.info().outputPath('settings-api-key.png'), fullPage: true })
  } finally {
    await app.stop()
  }
})

test('a failed sync is said in plain words with a retry that works once the provider is back', async ({
  page,
  season
}) => {
  const flaky = await startFakeCoinGecko({
    dataset,
    now: Date.now(),
    faults: [{ match: '/coins/markets', kind: 'status', status: 401 }]
  })
  const app = await open(page, seededDir, flaky.url)
  try {
    const latest = await engineIndex(seededDir)
    await expect(season.value).toHaveText(shown(latest.value))
    await page.getByTestId('sync-now').click()
    await expect(season.syncStatus).toHaveAttribute('data-state', 'failed', { timeout: 30_000 })
    await expect(page.getByTestId('sync-headline')).toContainText(`Sync failed · data as of ${latest.date}`)
    await expect(page.getByTestId('sync-error-banner')).toContainText('The provider refused /coins/markets (HTTP 401)')
    await expect(page.getByTestId('sync-error-banner')).toContainText('check the API key')
    // A refused key is not being offline: no banner, and the cached index stays.
    await expect(season.offlineBanner).toHaveCount(0)
    await expect(season.value).toHaveText(shown(latest.value))
    await season.screenshot(test.info().outputPath('season-sync-error.png'))

    flaky.setFaults([])
    await page.getByTestId('sync-now').click()
    await expect(season.syncStatus).toHaveAttribute('data-state', 'idle', { timeout: 60_000 })
    await expect(season.syncStatus).toContainText('Last sync just now')
    await expect(page.getByTestId('sync-error-banner')).toHaveCount(0)
  } finally {
    await app.stop()
    await flaky.close()
  }
})

test('Sync now says why nothing started while another process syncs, and starts once it has finished', async ({
  page,
  season
}) => {
  const app = await open(page, seededDir, provider.url)
  // Another Seasonwatch process on this computer holds the sync lock (a live pid: a child of this test).
  const other = spawn('sleep', ['60'])
  const db = new BetterSqlite3(join(seededDir, 'seasonwatch.db'))
  try {
    const since = Date.now() - 5 * 60_000
    db.prepare(
      "INSERT INTO sync_lock (id, owner, pid, host, acquired_at, heartbeat_at) VALUES (1, 'another-process', ?, ?, ?, ?)"
    ).run(other.pid, hostname(), since, Date.now())
    await expect(season.value).toBeVisible()
    await page.getByTestId('sync-now').click()
    const notice = page.getByTestId('sync-not-started')
    await expect(notice).toContainText(
      `The sync did not start. Another Seasonwatch process (pid ${other.pid}) has been syncing this data folder since ${new Date(since).toISOString().slice(0, 16).replace('T', ' ')} UTC; try again when it has finished.`
    )
    await season.screenshot(test.info().outputPath('season-sync-not-started.png'))

    other.kill('SIGKILL')
    await new Promise((resolve) => other.once('exit', resolve))
    await notice.getByRole('button', { name: 'Try again' }).click()
    await expect(notice).toHaveCount(0)
    await expect(season.syncStatus).toContainText('Last sync just now', { timeout: 60_000 })
  } finally {
    other.kill('SIGKILL')
    db.prepare("DELETE FROM sync_lock WHERE owner = 'another-process'").run()
    db.close()
    await app.stop()
  }
})

test('the provider address is https (plain http only on this computer), said before anything is saved', async ({
  page
}) => {
  const app = await open(page, seededDir, provider.url)
  try {
    await page.getByTestId('nav-settings').click()
    await expect(page.getByTestId('settings-provider-url-help')).toContainText(
      "The API key goes only to the provider's host"
    )
    await page.getByTestId('settings-provider-url').fill('http://mirror.example/api/v3')
    await page.getByTestId('settings-save').click()
    await expect(page.getByTestId('settings-provider-url-error')).toHaveText(
      'Provider address: it must use https (plain http only for this computer: localhost, 127.x.x.x or ::1).'
    )
    await expect(page.getByTestId('settings-saved')).toHaveCount(0)
    // The core refuses it too, whoever asks.
    const direct = await page.request.post(`${app.origin}/api/invoke/settings:set`, {
      data: { providerUrl: 'http://mirror.example/api/v3' }
    })
    expect(await direct.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    await page.getByTestId('settings-provider-url').fill('')
    await page.getByTestId('settings-save').click()
    await expect(page.getByTestId('settings-saved')).toBeVisible()
  } finally {
    await app.stop()
  }
})
