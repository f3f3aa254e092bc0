import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from '@playwright/test'
import type { BacktestResultShape, HintsResult } from '../../src/shared/contract/rebalance'
import { isoDateOfDay } from '../../src/shared/dates'
import { exactQuantity, orderQuantity } from '../../src/shared/format'
import { groupHints } from '../../src/shared/hint-groups'
import { buildSyntheticDataset, startFakeCoinGecko } from '../support/fake-coingecko'
import type { FakeCoinGecko } from '../support/fake-coingecko'
import { newDataDir, removeDataDir, repoRoot, startBrowserMode } from './support/browser-mode'

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

const usd = (v: number) =>
  new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2
  }).format(v)

// A synced market (the real sync from the fake provider) and holdings imported through the real
// `portfolio import` from a generic CSV, as a user would.
const dataset = buildSyntheticDataset({ coins: 60, firstDay: today - 399, lastDay: today, seed: 11 })
let provider: FakeCoinGecko
let dataDir: string

function csv(rows: string[]): string {
  const file = join(dataDir, `import-${rows.length}-${Date.now()}.csv`)
  writeFileSync(
    file,
    ['date,type,asset,quantity,quote_asset,quote_quantity,fee_asset,fee_quantity,value_usd,note', ...rows].join('\n')
  )
  return file
}

test.beforeAll(async () => {
  provider = await startFakeCoinGecko({ dataset, now: Date.now() })
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
    '400'
  ])
  const bought = isoDateOfDay(today - 200)
  const file = csv([
    `${bought},buy,BTC,0.6,USD,12000,USD,10,,`,
    `${bought},buy,ETH,4,USD,3000,,,,`,
    `${bought},buy,USDT,1500,USD,1500,,,,`
  ])
  const imported = await runCli<{ imported: number; errors: unknown[] }>(dataDir, [
    'portfolio',
    'import',
    file,
    '--map',
    'BTC=bitcoin,ETH=ethereum,USDT=tether'
  ])
  expect(imported).toMatchObject({ imported: 3, errors: [] })
})

test.afterAll(async () => {
  await provider?.close()
  if (dataDir) removeDataDir(dataDir)
})

test('the Rebalance screen shows the regime, the drift and the same hints as the CLI, with the not-advice note', async ({
  page
}) => {
  const expected = await runCli<HintsResult>(dataDir, ['hints'])
  const app = await startBrowserMode({ dataDir, env: { SEASONWATCH_PROVIDER_URL: provider.url } })
  try {
    await page.goto(app.url)
    await page.getByTestId('nav-rebalance').click()
    await expect(page.getByTestId('not-advice')).toContainText('Not investment advice')
    const hints = page.getByTestId('hints-list')
    await expect(hints.getByTestId('hints-as-of')).toHaveText(expected.asOf)
    await expect(hints.getByTestId('hints-allocation')).toContainText(`at prices as of ${expected.pricesAsOf}`)
    await expect(hints.getByTestId('hint-item')).toHaveCount(expected.hints.length)
    expect(expected.hints.length).toBeGreaterThan(0)
    for (const [i, hint] of expected.hints.entries()) {
      const item = hints.getByTestId('hint-item').nth(i)
      await expect(item).toHaveAttribute('data-action', hint.action)
      await expect(item).toHaveAttribute('data-coin', hint.coinId)
      // Rounded as an exchange takes it on screen, the exact figure (the CLI's) on hover.
      await expect(item.getByTestId('hint-quantity')).toHaveText(orderQuantity(hint.quantity))
      await expect(item.getByTestId('hint-quantity')).toHaveAttribute(
        'title',
        `Exactly ${exactQuantity(hint.quantity)}`
      )
      await expect(item.getByTestId('hint-value')).toHaveText(usd(hint.value))
      await expect(item).toContainText(`as of ${hint.priceAsOf}`)
    }
    // The reason is said once per sleeve, not under every coin.
    const groups = groupHints(expected.hints)
    await expect(hints.getByTestId('hint-reason')).toHaveCount(groups.length)
    expect(groups.length).toBe(new Set(expected.hints.map((h) => h.sleeve)).size)
    await page.screenshot({ path: test.info().outputPath('rebalance-hints.png'), fullPage: true })

    // Buy-only places new money without a single sell.
    await hints.getByTestId('hints-mode-buy-only').click()
    await hints.getByTestId('hints-contribution').fill('5000')
    const buyOnly = await runCli<HintsResult>(dataDir, ['hints', '--buy-only', '--contribution', '5000'])
    await expect(hints.getByTestId('hint-item')).toHaveCount(buyOnly.hints.length)
    await expect(hints.locator('[data-testid="hint-item"][data-action="sell"]')).toHaveCount(0)

    // Editing the current regime's targets changes the hints, and the CLI agrees.
    const editor = page.getByTestId('targets-editor')
    await hints.getByTestId('hints-mode-rebalance').click()
    await editor.getByTestId(`target-${expected.regime}-bitcoin`).fill('20')
    await editor.getByTestId(`target-${expected.regime}-altcoins`).fill('20')
    await editor.getByTestId(`target-${expected.regime}-stablecoins`).fill('60')
    // Altcoin weights that cannot be read are named and block the save until corrected.
    const row = editor.locator('tr', { has: page.getByTestId(`target-save-${expected.regime}`) })
    const weights = row.getByLabel(/altcoin weights/)
    await weights.fill('ethereum:two')
    await weights.blur()
    await expect(editor.getByRole('alert')).toContainText('ethereum:two')
    await expect(editor.getByTestId(`target-save-${expected.regime}`)).toBeDisabled()
    await weights.fill('')
    await weights.blur()
    await expect(editor.getByTestId(`target-save-${expected.regime}`)).toBeEnabled()
    await editor.getByTestId(`target-save-${expected.regime}`).click()
    await expect.poll(async () => (await runCli<HintsResult>(dataDir, ['hints'])).targets.stablecoins).toBe(60)
    const after = await runCli<HintsResult>(dataDir, ['hints'])
    await expect(hints.getByTestId('hint-item')).toHaveCount(after.hints.length)
    await expect(hints.getByTestId('hint-item').first().getByTestId('hint-quantity')).toHaveAttribute(
      'data-exact',
      after.hints[0]?.quantity ?? ''
    )

    // Wide bands (60 points, no relative band) put every sleeve inside: no trade is due, here or in the CLI.
    const rules = page.getByTestId('rebalance-settings')
    await rules.locator('summary').click()
    await rules.getByTestId('setting-band-absolute').fill('60')
    await rules.getByTestId('setting-band-relative').fill('0')
    await rules.getByTestId('rebalance-settings-save').click()
    await expect(hints.getByTestId('hints-none')).toBeVisible()
    expect((await runCli<HintsResult>(dataDir, ['hints'])).due).toBe(false)
    await rules.getByTestId('setting-band-absolute').fill('5')
    await rules.getByTestId('setting-band-relative').fill('25')
    await rules.getByTestId('rebalance-settings-save').click()
    await expect(hints.getByTestId('hint-item')).toHaveCount(after.hints.length)
  } finally {
    await app.stop()
  }
})

test('alerts are off until turned on; a drift leaving its band shows in the history and as a notification', async ({
  page
}) => {
  // Record notifications instead of showing them: headless Chromium has no notification centre.
  await page.addInitScript(() => {
    const shown: { title: string; body?: string }[] = []
    ;(globalThis as unknown as { shownNotifications: typeof shown }).shownNotifications = shown
    class RecordingNotification {
      static permission = 'granted'
      static requestPermission = () => Promise.resolve('granted')
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body })
      }
    }
    ;(globalThis as unknown as { Notification: unknown }).Notification = RecordingNotification
  })
  const app = await startBrowserMode({ dataDir, env: { SEASONWATCH_PROVIDER_URL: provider.url } })
  try {
    await page.goto(app.url)
    await page.getByTestId('nav-rebalance').click()
    // Targets equal to today's split put every sleeve inside its band.
    const start = await runCli<HintsResult>(dataDir, ['hints'])
    const [b, a] = start.allocation.sleeves.map((s) => Math.round(s.percent * 100) / 100) as [number, number]
    const split = { bitcoin: b, altcoins: a, stablecoins: Math.round((100 - b - a) * 100) / 100 }
    const editor = page.getByTestId('targets-editor')
    for (const [sleeve, value] of Object.entries(split))
      await editor.getByTestId(`target-${start.regime}-${sleeve}`).fill(String(value))
    await editor.getByTestId(`target-save-${start.regime}`).click()
    await expect.poll(async () => (await runCli<HintsResult>(dataDir, ['hints'])).due).toBe(false)

    const alerts = page.getByTestId('alerts-list')
    await expect(alerts.getByTestId('alerts-empty')).toHaveText('Alerts are off.')
    await alerts.getByTestId('alerts-enabled').check()
    await alerts.getByTestId('alerts-check').click()
    await expect(alerts.getByTestId('alerts-empty')).toContainText('No alerts yet')
    // "Check now" says what it found, even when that is nothing.
    await expect(alerts.getByTestId('alerts-check-result')).toContainText('nothing new.')
    // Levels that are not numbers are named as typed, in words, and nothing is saved.
    await alerts.getByTestId('alerts-levels').fill('50, 75, abc')
    await alerts.getByTestId('alerts-levels').blur()
    await expect(alerts.getByTestId('alerts-levels-error')).toHaveText(
      'Alert levels: "abc" is not a number. Enter numbers separated by commas, such as 50, 75.'
    )
    await alerts.getByTestId('alerts-levels').fill('')
    await alerts.getByTestId('alerts-levels').blur()
    await expect(alerts.getByTestId('alerts-levels-error')).toHaveCount(0)

    // Another process (the CLI) records a large buy of a sleeve that is inside its band now: three
    // times the portfolio's value puts it above 75% of it, outside any band of a target up to 65%.
    const before = await runCli<HintsResult>(dataDir, ['hints'])
    const inside = [...before.allocation.sleeves]
      .sort((x, y) => x.target - y.target)
      .find((s) => !s.outside && s.target <= 65)
    expect(inside).toBeDefined()
    const holdings = await runCli<{ coinId: string; price: number }[]>(dataDir, ['portfolio', 'holdings'])
    const asset = { bitcoin: ['BTC', 'bitcoin'], altcoins: ['ETH', 'ethereum'], stablecoins: ['USDT', 'tether'] }[
      inside!.sleeve
    ] as [string, string]
    const price = holdings.find((h) => h.coinId === asset[1])?.price as number
    const quantity = ((3 * before.allocation.total) / price).toFixed(6)
    const file = csv([
      `${isoDateOfDay(today - 1)},buy,${asset[0]},${quantity},USD,${(3 * before.allocation.total).toFixed(2)},,,,`
    ])
    await runCli(dataDir, ['portfolio', 'import', file, '--map', `${asset[0]}=${asset[1]}`])
    // Every sleeve was inside; each one the buy pushed out is reported once, the bought one among them.
    const words = { bitcoin: 'Bitcoin', altcoins: 'Altcoins', stablecoins: 'Stablecoins' } as const
    const out = (await runCli<HintsResult>(dataDir, ['hints'])).allocation.sleeves
      .filter((s) => s.outside)
      .map((s) => `${words[s.sleeve]} left its band`)
    expect(out).toContain(`${words[inside!.sleeve]} left its band`)
    await alerts.getByTestId('alerts-check').click()
    const items = alerts.getByTestId('alert-item')
    await expect(items).toHaveCount(out.length)
    await expect(alerts.getByTestId('alerts-check-result')).toContainText(
      `${out.length} new alert${out.length === 1 ? '' : 's'}.`
    )
    for (const title of out)
      await expect(alerts.locator('[data-testid="alert-item"][data-kind="drift"]', { hasText: title })).toContainText(
        `as of ${before.asOf}`
      )
    await expect
      .poll(() =>
        page.evaluate(() =>
          (globalThis as unknown as { shownNotifications: { title: string }[] }).shownNotifications
            .map((n) => n.title)
            .sort()
        )
      )
      .toEqual([...out].sort())
    // A second check finds nothing new: the same drift is reported once.
    await alerts.getByTestId('alerts-check').click()
    await expect(items).toHaveCount(out.length)
    await page.screenshot({ path: test.info().outputPath('rebalance-alerts.png'), fullPage: true })
  } finally {
    await app.stop()
  }
})

test('the backtest runs offline over the cached history and matches the CLI', async ({ page }) => {
  // No provider at all: the backtest reads only the local history.
  const app = await startBrowserMode({ dataDir })
  try {
    const expected = await runCli<BacktestResultShape>(dataDir, ['backtest'])
    await page.goto(app.url)
    await page.getByTestId('nav-rebalance').click()
    // Before a run there is no empty chart frame, only what the backtest compares.
    await expect(page.getByTestId('backtest-run')).toBeVisible()
    await expect(page.getByTestId('backtest-chart')).toHaveCount(0)
    // A start after the end is refused in a capitalised sentence, and no frame appears under it.
    await page.getByTestId('backtest-from').fill('2024-11-01')
    await page.getByTestId('backtest-to').fill('2024-06-01')
    await page.getByTestId('backtest-run').click()
    await expect(page.getByRole('alert')).toContainText(
      'The start date (2024-11-01) is after the end date (2024-06-01): choose a start before the end.'
    )
    await expect(page.getByTestId('backtest-chart')).toHaveCount(0)
    await page.getByTestId('backtest-from').fill('')
    await page.getByTestId('backtest-to').fill('')
    await page.getByTestId('backtest-run').click()
    await expect(page.getByTestId('backtest-chart')).toHaveAttribute('data-points', String(expected.days))
    // A legend names each line; each has its own colour and dash, in both themes.
    const legend = page.getByTestId('backtest-legend')
    await expect(legend.locator('li')).toHaveText(expected.strategies.map((s) => s.label))
    for (const theme of ['light', 'dark'] as const) {
      await page.locator('html').evaluate((html, t) => html.setAttribute('data-theme', t), theme)
      const looks = await legend.locator('.legend-line').evaluateAll((lines) => {
        const view = globalThis as unknown as { getComputedStyle: (e: unknown) => Record<string, string> }
        return lines.map((l) => `${view.getComputedStyle(l).borderTopColor} ${view.getComputedStyle(l).borderTopStyle}`)
      })
      expect(new Set(looks).size).toBe(expected.strategies.length)
      expect(new Set(looks.map((l) => l.split(' ').pop())).size).toBe(expected.strategies.length)
    }
    const table = page.getByTestId('backtest-table')
    await expect(table.locator('tbody tr')).toHaveCount(3)
    for (const s of expected.strategies) {
      const row = table.locator(`tr[data-strategy="${s.strategy}"]`)
      await expect(row).toContainText(usd(s.finalValue))
      await expect(row).toContainText(String(s.trades))
    }
    await expect(table).toContainText(`${expected.from} to ${expected.to}`)
    await expect(page.getByTestId('backtest-notes')).toContainText('Survivorship')
    await page.screenshot({ path: test.info().outputPath('rebalance-backtest.png'), fullPage: true })
  } finally {
    await app.stop()
  }
})
