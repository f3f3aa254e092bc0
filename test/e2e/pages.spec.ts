import { execFile } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { isoDateOfDay } from '../../src/shared/dates'
import { buildSyntheticDataset, startFakeCoinGecko } from '../support/fake-coingecko'
import type { FakeCoinGecko } from '../support/fake-coingecko'
import { newDataDir, removeDataDir, repoRoot, startBrowserMode } from './support/browser-mode'
import type { BrowserMode } from './support/browser-mode'

// Every page with real-shaped data (a synced market and an imported portfolio): an accessibility
// check in both themes, the README's screenshots, and the smallest supported window, 1024×700.
const cli = join(repoRoot, 'out/main/cli.js')
const run = promisify(execFile)
const DAY = 86_400_000
const today = Math.floor(Date.now() / DAY)
// Connections lives inside the Portfolio page, as one of its views.
const pages = ['season', 'portfolio', 'connections', 'rebalance', 'reports', 'settings'] as const
// The README's pictures are rewritten only when asked (UPDATE_SCREENSHOTS=1 npm run test:e2e), so
// an ordinary test run leaves the checkout as it was; otherwise they go with the run's results.
const screenshots = process.env.UPDATE_SCREENSHOTS
  ? join(repoRoot, 'docs/screenshots')
  : join(repoRoot, 'test-results/screenshots')

const dataset = buildSyntheticDataset({ coins: 60, firstDay: today - 399, lastDay: today, seed: 7 })
let provider: FakeCoinGecko
let dataDir: string
let app: BrowserMode

async function cliRun(args: string[]): Promise<void> {
  await run(process.execPath, [cli, ...args, '--json', '--data-dir', dataDir], { cwd: repoRoot, timeout: 120_000 })
}

test.beforeAll(async () => {
  test.setTimeout(180_000)
  provider = await startFakeCoinGecko({ dataset, now: Date.now() })
  dataDir = newDataDir()
  await cliRun(['sync', '--provider-url', provider.url, '--max-rpm', '0', '--coins', '80', '--history-days', '400'])
  const file = join(dataDir, 'holdings.csv')
  const bought = isoDateOfDay(today - 200)
  writeFileSync(
    file,
    [
      'date,type,asset,quantity,quote_asset,quote_quantity,fee_asset,fee_quantity,value_usd,note',
      `${bought},buy,BTC,0.6,USD,12000,USD,10,,`,
      `${bought},buy,ETH,4,USD,3000,,,,`,
      `${bought},buy,USDT,1500,USD,1500,,,,`
    ].join('\n')
  )
  await cliRun(['portfolio', 'import', file, '--map', 'BTC=bitcoin,ETH=ethereum,USDT=tether'])
})

// The address's token works once: each test starts its own server and opens it once, then navigates.
test.beforeEach(async ({ page }) => {
  app = await startBrowserMode({ dataDir, env: { SEASONWATCH_PROVIDER_URL: provider.url } })
  await page.goto(app.url)
})

test.afterEach(async () => {
  await app?.stop()
})

test.afterAll(async () => {
  await provider?.close()
  if (dataDir) removeDataDir(dataDir)
})

async function open(page: Page, id: (typeof pages)[number], theme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: theme })
  if (id === 'connections') {
    await page.getByTestId('nav-portfolio').click()
    await page.getByTestId('portfolio-tab-connections').click()
    await expect(page.getByTestId('connections')).toBeVisible()
  } else {
    await page.getByTestId(`nav-${id}`).click()
    await expect(page.getByTestId(`page-${id}`)).toBeVisible()
  }
  await page.locator('html').evaluate((html, t) => html.setAttribute('data-theme', t), theme)
  // Let the page's reads settle (charts are loaded apart) before it is checked or photographed.
  await page.waitForTimeout(700)
}

test('every page in both themes has no serious or critical accessibility violation', async ({ page }) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1440, height: 900 })
  const found: string[] = []
  for (const theme of ['light', 'dark'] as const) {
    for (const id of pages) {
      await open(page, id, theme)
      const result = await new AxeBuilder({ page }).analyze()
      for (const v of result.violations)
        if (v.impact === 'serious' || v.impact === 'critical')
          found.push(`${id} (${theme}): ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
      if (theme === 'light' || id === 'season') {
        mkdirSync(screenshots, { recursive: true })
        await page.screenshot({ path: join(screenshots, `${id}-${theme}.png`) })
      }
    }
  }
  expect(found).toEqual([])
})

test('the layout holds at 1024×700: nothing cut off or wrapped in the header, tables inside their cards', async ({
  page
}) => {
  await page.setViewportSize({ width: 1024, height: 700 })
  for (const id of pages) {
    await open(page, id, 'light')
    // Plain JavaScript run in the page (the test's own types have no DOM).
    const problems = await page.evaluate<string[]>(`(() => {
      const doc = document
      const out = []
      if (doc.documentElement.scrollWidth > doc.documentElement.clientWidth + 1)
        out.push('page scrolls sideways (' + doc.documentElement.scrollWidth + 'px)')
      const header = doc.querySelector('header')
      if (header) {
        for (const el of Array.from(header.querySelectorAll('*'))) {
          if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible')
            out.push('header text cut: ' + (el.textContent || '').slice(0, 40))
        }
        for (const b of Array.from(header.querySelectorAll('button'))) {
          const line = parseFloat(getComputedStyle(b).lineHeight) || 20
          if (b.getBoundingClientRect().height > line * 1.8 + 16) out.push('button wraps: ' + b.textContent)
        }
      }
      for (const table of Array.from(doc.querySelectorAll('.card table'))) {
        const card = table.closest('.card')
        const wrap = table.parentElement
        const scrolls = getComputedStyle(wrap).overflowX === 'auto'
        if (!scrolls && table.getBoundingClientRect().right > card.getBoundingClientRect().right - 4)
          out.push('table overflows its card: ' + (table.getAttribute('data-testid') || table.className))
      }
      for (const row of Array.from(doc.querySelectorAll('[data-testid="transactions-table"] tbody tr'))) {
        const buttons = Array.from(row.querySelectorAll('button')).map((b) => b.getBoundingClientRect().top)
        if (buttons.length > 1 && Math.max(...buttons) - Math.min(...buttons) > 4) out.push('row buttons stacked')
      }
      return out
    })()`)
    expect(problems, id).toEqual([])
    if (id === 'season') await page.screenshot({ path: join(screenshots, 'season-1024x700.png') })
  }
})

test('radio groups are one Tab stop moved by the arrow keys; the chart steps through days from the keyboard', async ({
  page
}) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await open(page, 'rebalance', 'light')
  const mode = page.getByRole('radiogroup', { name: 'Hint mode' })
  await expect(mode.locator('[tabindex="0"]')).toHaveCount(1)
  await mode.getByRole('radio', { name: 'Rebalance' }).focus()
  await page.keyboard.press('ArrowRight')
  await expect(mode.getByRole('radio', { name: 'Buy only' })).toBeFocused()
  await expect(mode.getByRole('radio', { name: 'Buy only' })).toHaveAttribute('aria-checked', 'true')
  await page.keyboard.press('ArrowRight')
  await expect(mode.getByRole('radio', { name: 'Rebalance' })).toHaveAttribute('aria-checked', 'true')

  await open(page, 'season', 'light')
  const chart = page.getByTestId('index-chart')
  await chart.focus()
  await expect(chart).toBeFocused()
  await page.keyboard.press('End')
  const last = await page.getByTestId('chart-legend').textContent()
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByTestId('chart-legend')).not.toHaveText(last ?? '')
})
