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

// Plain JavaScript run in the page (the test's own types have no DOM). Text is measured by its line
// boxes (a Range's rectangles), so a wrapped word or a clipped date shows in the numbers.
const check = `(() => {
      const doc = document
      const out = []
      const lines = (el) => new Set(Array.from((() => { const r = doc.createRange(); r.selectNodeContents(el); return r.getClientRects() })())
        .filter((q) => q.width > 0).map((q) => Math.round(q.top))).size
      const textBox = (el) => { const r = doc.createRange(); r.selectNodeContents(el); return r.getBoundingClientRect() }
      // Every ancestor that clips (overflow other than visible) must hold the box whole.
      const clippedBy = (el, box) => {
        for (let a = el.parentElement; a; a = a.parentElement) {
          const style = getComputedStyle(a)
          if (style.overflowX === 'visible' && style.overflowY === 'visible') continue
          const r = a.getBoundingClientRect()
          if (box.left < r.left - 0.5 || box.right > r.right + 0.5) return a.className || a.tagName
        }
        return null
      }
      if (doc.documentElement.scrollWidth > doc.documentElement.clientWidth + 1)
        out.push('page scrolls sideways (' + doc.documentElement.scrollWidth + 'px)')
      const header = doc.querySelector('header')
      if (header) {
        for (const el of Array.from(header.querySelectorAll('*'))) {
          if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible')
            out.push('header text cut: ' + (el.textContent || '').slice(0, 40))
        }
        const status = header.querySelector('[data-testid="sync-status"]')
        const headline = status && Array.from(status.querySelectorAll('*')).filter((e) => /data as of/.test(e.textContent || '')).pop()
        if (!headline) out.push('no sync headline')
        else {
          if (!/data as of \\d{4}-\\d{2}-\\d{2}/.test(headline.textContent || '')) out.push('as-of date missing: ' + headline.textContent)
          const box = textBox(headline)
          const clip = clippedBy(headline, box)
          if (clip) out.push('as-of date cut by ' + clip + ': ' + headline.textContent)
          if (box.right > header.getBoundingClientRect().right || box.right > doc.documentElement.clientWidth)
            out.push('as-of date runs past the window: ' + headline.textContent)
        }
        for (const testId of ['sync-now', 'theme-toggle']) {
          const b = header.querySelector('[data-testid="' + testId + '"]')
          if (!b) out.push('no ' + testId)
          else if (lines(b) !== 1) out.push(testId + ' wraps onto ' + lines(b) + ' lines: ' + b.textContent)
        }
      }
      for (const table of Array.from(doc.querySelectorAll('.card table'))) {
        const card = table.closest('.card')
        const wrap = table.parentElement
        const scrolls = getComputedStyle(wrap).overflowX === 'auto'
        if (!scrolls && table.getBoundingClientRect().right > card.getBoundingClientRect().right - 4)
          out.push('table overflows its card: ' + (table.getAttribute('data-testid') || table.className))
      }
      // The holdings' last column: its heading and cells whole inside the card's padding, not under a scroll edge.
      const holdings = doc.querySelector('[data-testid="holdings-table"]')
      if (holdings) {
        const card = holdings.closest('.card')
        const inner = card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight)
        const heads = Array.from(holdings.querySelectorAll('thead th'))
        const col = heads.findIndex((th) => (th.textContent || '').trim() === 'Unrealized')
        if (col < 0) out.push('no Unrealized column')
        const cells = [heads[col], ...Array.from(holdings.querySelectorAll('tbody tr')).map((tr) => tr.children[col])].filter(Boolean)
        for (const cell of cells) {
          const box = textBox(cell)
          if (box.width === 0) continue
          if (box.right > inner + 0.5) out.push('Unrealized past the card edge: ' + (cell.textContent || '').trim())
          const clip = clippedBy(cell, box)
          if (clip) out.push('Unrealized cut by ' + clip + ': ' + (cell.textContent || '').trim())
        }
      }
      for (const row of Array.from(doc.querySelectorAll('[data-testid="transactions-table"] tbody tr'))) {
        const buttons = Array.from(row.querySelectorAll('button'))
        const tops = buttons.map((b) => b.getBoundingClientRect().top)
        if (buttons.length > 1 && Math.max(...tops) - Math.min(...tops) > 4) out.push('row buttons stacked')
        for (const b of buttons) if (lines(b) !== 1) out.push('row button wraps: ' + b.textContent)
      }
      return out
    })()`

test('the layout holds at 1024×700 and 1280 wide: nothing cut off or wrapped in the header, tables inside their cards', async ({
  page
}) => {
  const problems: string[] = []
  // The smallest supported window, and the common 1280 wide one where the header has the least room
  // before it tightens.
  for (const size of [
    { width: 1024, height: 700 },
    { width: 1280, height: 800 }
  ]) {
    await page.setViewportSize(size)
    for (const id of pages) {
      await open(page, id, 'light')
      if (id === 'portfolio') await expect(page.getByTestId('holdings-table')).toBeVisible()
      const found = await page.evaluate<string[]>(check)
      problems.push(...found.map((f) => `${size.width}px ${id}: ${f}`))
      if (id === 'portfolio') {
        await page.getByTestId('portfolio-tab-transactions').click()
        await expect(page.getByTestId('transactions-table').locator('tbody tr').first()).toBeVisible()
        const more = await page.evaluate<string[]>(check)
        problems.push(...more.map((f) => `${size.width}px portfolio transactions: ${f}`))
      }
      if (id === 'season' && size.width === 1024)
        await page.screenshot({ path: join(screenshots, 'season-1024x700.png') })
    }
  }
  // Every page is looked at before the verdict, so one run lists everything that does not hold.
  expect(problems).toEqual([])
})

test('a radio group is one Tab stop; the arrow keys move the choice', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await open(page, 'rebalance', 'light')
  const mode = page.getByRole('radiogroup', { name: 'Hint mode' })
  await expect(mode.locator('[tabindex="0"]')).toHaveCount(1)
  await mode.getByRole('radio', { name: 'Rebalance' }).focus()
  // Tab leaves the group at once instead of visiting its other options.
  await page.keyboard.press('Tab')
  await expect(mode.getByRole('radio', { name: 'Buy only' })).not.toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(mode.getByRole('radio', { name: 'Rebalance' })).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expect(mode.getByRole('radio', { name: 'Buy only' })).toBeFocused()
  await expect(mode.getByRole('radio', { name: 'Buy only' })).toHaveAttribute('aria-checked', 'true')
  await page.keyboard.press('ArrowRight')
  await expect(mode.getByRole('radio', { name: 'Rebalance' })).toHaveAttribute('aria-checked', 'true')
})

test('the index chart takes focus and the arrow keys step through its days', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await open(page, 'season', 'light')
  const chart = page.getByTestId('index-chart')
  await chart.focus()
  await expect(chart).toBeFocused()
  await page.keyboard.press('End')
  const last = (await chart.getAttribute('aria-label'))?.match(/to (\d{4}-\d{2}-\d{2})/)?.[1] ?? ''
  await expect(page.getByTestId('chart-legend')).toContainText(last)
  await page.keyboard.press('ArrowLeft')
  const before = isoDateOfDay(Math.floor(Date.parse(last) / DAY) - 1)
  await expect(page.getByTestId('chart-legend')).toContainText(before)
  await expect(page.getByTestId('review-date')).toHaveValue(before)
})
