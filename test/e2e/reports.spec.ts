import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import type { GainsReport } from '../../src/shared/contract/reports'
import { realPrice } from '../integration/portfolio/real-market'
import { removeDataDir } from './support/browser-mode'
import type { BrowserMode } from './support/browser-mode'
import { startWithRealMarket } from './support/real-market-app'

// Seeded real prices start on 2022-01-01, so the 2021 staking income below cannot be priced: the
// one transaction without a USD value. Everything else is valued by its USD leg or the daily price.
const CSV = [
  'date,type,asset,quantity,quote_asset,quote_quantity,fee_asset,fee_quantity,value_usd,note',
  '2021-11-20,income,SOL,2,,,,,,staking before the price history',
  '2023-01-10,buy,SOL,10,USD,150,,,,',
  '2023-02-01,buy,BTC,0.1,USD,2300,USD,5,,',
  '2023-03-15,buy,BTC,0.1,USD,2450,,,,',
  '2024-02-01,buy,DOT,100,USD,700,,,,',
  '2024-03-05,sell,SOL,1.5,USD,195,USD,1.50,,',
  '2024-04-15,income,SOL,0.5,,,,,,staking reward',
  '2024-06-03,sell,BTC,0.15,USD,10350,,,,',
  '2024-08-01,sell,DOT,40,USD,200,,,,'
].join('\n')

/** Dollars as the window writes them: cents, thousands separators, a real minus sign. */
const dollars = (v: number, signed = false) => {
  const text = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 }).format(
    Math.abs(v)
  )
  return v < 0 ? `\u2212${text}` : signed && v > 0 ? `+${text}` : text
}
const cents = (v: number) => Math.round(v * 100) / 100

// Worked by hand (FIFO, docs/cost-basis.md):
// BTC lots 0.1 @ 2,305 (2,300 + 5 fee) and 0.1 @ 2,450; 0.15 sold for 10,350 consumes the first lot
// (proceeds 6,900, basis 2,305, gain 4,595) and half the second (3,450, 1,225, 2,225): long term.
// DOT 40 of 100 @ 7 sold for 200: basis 280, gain −80, short term.
// SOL 1.5 sold for 195 − 1.50 fee = 193.50 consumes 1.5 of the 2021 lot of unknown cost: unknown
// until its value is entered; at 400 for 2 SOL the basis is 300 and the gain −106.50.
const SOL_INCOME_2024 = cents(0.5 * realPrice('SOL', '2024-04-15'))
const ENTERED = 400

let dataDir: string
let app: BrowserMode

test.beforeEach(async ({ page }) => {
  ;({ app, dataDir } = await startWithRealMarket())
  await page.goto(app.url)
  await page.getByTestId('nav-portfolio').click()
})

test.afterEach(async () => {
  await app?.stop()
  if (dataDir) removeDataDir(dataDir)
})

async function importCsv(page: Page) {
  await page.getByTestId('portfolio-tab-import').click()
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'taxes.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) })
  const preview = page.getByTestId('import-preview')
  await expect(preview).toContainText('9 transactions to import')
  await expect(page.getByTestId('import-valuation')).toContainText('7 by the other side of the trade')
  await expect(page.getByTestId('import-valuation')).toContainText('1 by the daily price')
  await expect(page.getByTestId('import-unknown-warning')).toContainText(
    '1 transaction will have no USD value yet: gains and income will leave it out until you enter one'
  )
  // The sample's Value column says each value and where it came from.
  await expect(preview.locator('tbody tr').first()).toContainText('No USD value')
  await expect(preview).toContainText(`${dollars(2300)}from the other side of the trade`)
  await expect(preview).toContainText(`worth ${dollars(5)}, from the file's value`)
  await page.screenshot({ path: 'test-results/reports/import-preview.png', fullPage: true })
  await page.getByTestId('import-confirm').click()
  await expect(page.getByTestId('import-done')).toContainText('Imported 9 transactions')
  await expect(page.getByTestId('import-done-missing')).toHaveText('Enter the 1 missing value')
}

/** The core's own answer, through the same endpoint the page uses. */
async function coreGains(page: Page, year: number): Promise<GainsReport> {
  return page.evaluate(async (y) => {
    const response = await fetch('/api/invoke/portfolio:get-gains', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ year: y })
    })
    const envelope = (await response.json()) as { ok: boolean; data: GainsReport }
    return envelope.data
  }, year)
}

test('a transaction without a USD value is said, flagged and fixed; gains and income follow', async ({ page }) => {
  await importCsv(page)

  // Holdings say what their totals leave out, and why, in words.
  await page.getByTestId('portfolio-tab-holdings').click()
  const gaps = page.getByTestId('value-gaps')
  await expect(gaps).toContainText('1 transaction without a USD value: gains and income leave it out')
  await expect(gaps).toContainText('1 is older than the price history the free CoinGecko plan serves')
  await expect(gaps).toContainText('A CoinGecko Pro key reaches back to 2013')
  await expect(page.getByTestId('total-realized')).toContainText(dollars(4595 + 2225 - 80, true))
  await expect(page.getByTestId('total-realized')).toContainText('leaves out 1 disposal whose gain is unknown')
  await expect(page.getByTestId('total-income')).toContainText(dollars(SOL_INCOME_2024))
  await expect(page.getByTestId('total-income')).toContainText('leaves out 1 income of unknown value')
  const sol = page.getByTestId('holdings-table').locator('tr[data-symbol="SOL"]')
  await expect(sol).toContainText('11') // 2 + 10 − 1.5 + 0.5
  await expect(sol.getByTestId('holding-cost')).toHaveText('unknown for 0.5 of 11')
  await expect(sol.getByTestId('holding-realized')).toContainText('(1 left out)')
  await expect(sol).toContainText('as of 2024-12-11, the daily price')
  await page.screenshot({ path: 'test-results/reports/holdings-gaps.png', fullPage: true })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: 'test-results/reports/holdings-gaps-dark.png', fullPage: true })
  await page.emulateMedia({ colorScheme: 'light' })

  // "Show them" opens the transactions that need a value; the one flagged takes a value.
  await page.getByTestId('show-missing').click()
  await expect(page.getByTestId('only-missing')).toBeChecked()
  const rows = page.getByTestId('transactions-table').locator('tbody tr')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('No USD value')
  await expect(rows.first()).toContainText('2021-11-20')
  await rows.first().getByRole('button', { name: 'Enter the USD value' }).click()
  const input = page.getByLabel('Value in USD')
  await input.fill('4OO')
  await page.getByTestId('set-value-save').click()
  await expect(page.getByTestId('set-value-error')).toHaveText(
    'Value in USD: "4OO" is not a number. Enter digits such as 1200.25, without letters.'
  )
  await input.fill('1,5')
  await page.getByTestId('set-value-save').click()
  await expect(page.getByTestId('set-value-error')).toContainText('Use a point for cents')
  await page.screenshot({ path: 'test-results/reports/enter-value.png', fullPage: true })
  await input.fill(String(ENTERED))
  await page.getByTestId('set-value-save').click()
  await expect(page.getByTestId('value-saved')).toContainText('now has your value')
  await expect(page.getByTestId('no-missing')).toBeVisible()
  // The box follows the address (#/portfolio/…?missing), which changes a moment after the click.
  await page.getByTestId('only-missing').click()
  await expect(page.getByTestId('only-missing')).not.toBeChecked()
  const income = page.getByTestId('transactions-table').locator('tbody tr', { hasText: '2021-11-20' })
  await expect(income.getByTestId('transaction-value')).toHaveText(`${dollars(ENTERED)}from your value`)

  // Holdings: the gap is gone, the SOL sale has a gain, the income counts.
  await page.getByTestId('portfolio-tab-holdings').click()
  await expect(page.getByTestId('value-gaps')).toHaveCount(0)
  await expect(page.getByTestId('total-realized')).toHaveText(`Realized${dollars(4595 + 2225 - 80 - 106.5, true)}`)
  await expect(page.getByTestId('total-income')).toHaveText(`Income${dollars(ENTERED + SOL_INCOME_2024)}`)
  await expect(sol.getByTestId('holding-cost')).toHaveText(dollars(100 + 150 + SOL_INCOME_2024))
})

test('per-asset view, the Reports page by year and term, and the Form 8949 download', async ({ page }) => {
  await importCsv(page)

  // A holding opens its lots and its disposals with the lots each consumed; the keyboard works too.
  await page.getByTestId('portfolio-tab-holdings').click()
  await page.getByTestId('open-asset-BTC').focus()
  await page.keyboard.press('Enter')
  const detail = page.getByTestId('asset-detail')
  await expect(detail).toContainText('FIFO (first in, first out)')
  await expect(detail).toContainText('UTC')
  await expect(page.getByTestId('asset-quantity')).toHaveText('0.05 BTC')
  await expect(page.getByTestId('asset-lots').locator('tbody tr')).toHaveCount(1)
  await expect(page.getByTestId('asset-lot').first()).toContainText('2023-03-15')
  await expect(page.getByTestId('asset-lot').first()).toContainText(dollars(24500))
  const disposal = page.getByTestId('asset-disposal').first()
  await expect(disposal).toContainText('2024-06-03')
  await expect(disposal).toContainText(dollars(10350))
  await expect(disposal).toContainText(dollars(3530))
  await expect(disposal).toContainText(dollars(6820, true))
  const consumed = page.getByTestId('consumed-lot')
  await expect(consumed).toHaveCount(2)
  await expect(consumed.nth(0)).toContainText('from the lot acquired 2023-02-01')
  await expect(consumed.nth(0)).toContainText(dollars(2305))
  await expect(consumed.nth(0)).toContainText('Long term')
  await expect(consumed.nth(1)).toContainText('from the lot acquired 2023-03-15')
  await expect(page.getByTestId('asset-realized')).toHaveText(dollars(6820, true))
  await page.screenshot({ path: 'test-results/reports/asset-btc.png', fullPage: true })
  await page.getByTestId('asset-back').click()
  await expect(page.getByTestId('holdings-table')).toBeVisible()

  // Reports: the newest year by default, totals by term as the core computes them.
  await page.getByTestId('nav-reports').click()
  await expect(page.getByTestId('report-year')).toHaveValue('2024')
  await expect(page.getByTestId('report-basis')).toContainText(
    'Tax year 2024, FIFO (first in, first out), dates in UTC'
  )
  const totals = (term: string) => page.getByTestId(`gains-total-${term}`)
  await expect(totals('short').getByTestId('gain')).toHaveText(dollars(-80))
  await expect(totals('long').getByTestId('proceeds')).toHaveText(dollars(10350))
  await expect(totals('long').getByTestId('cost')).toHaveText(dollars(3530))
  await expect(totals('long').getByTestId('gain')).toHaveText(dollars(6820, true))
  await expect(totals('all').getByTestId('gain')).toHaveText(dollars(6740, true))
  await expect(page.getByTestId('gains-unknown')).toContainText('1 row has an unknown amount')
  await expect(page.locator('[data-testid="gain-row"][data-unknown="true"]')).toHaveCount(1)
  await expect(page.locator('[data-testid="gain-row"][data-unknown="true"]')).toContainText('unknown')
  const core = await coreGains(page, 2024)
  for (const term of ['short', 'long', 'all'] as const) {
    await expect(totals(term).getByTestId('proceeds')).toHaveText(dollars(Number(core.totals[term].proceeds)))
    await expect(totals(term).getByTestId('gain')).toHaveText(dollars(Number(core.totals[term].gain), true))
  }
  await expect(page.getByTestId('income-total-all')).toContainText(dollars(SOL_INCOME_2024))
  await expect(page.getByTestId('report-disclaimer')).toContainText('not tax advice')
  // Browser mode prints through the browser's own dialog; only the desktop app saves PDFs itself.
  await expect(page.getByTestId('print-report')).toBeVisible()
  await expect(page.getByTestId('save-pdf')).toHaveCount(0)
  await page.screenshot({ path: 'test-results/reports/reports-2024.png', fullPage: true })
  await page.emulateMedia({ media: 'print' })
  await page.screenshot({ path: 'test-results/reports/reports-2024-print.png', fullPage: true })
  await expect(page.getByTestId('download-gains-8949')).toBeHidden()
  await page.emulateMedia({ media: 'screen' })

  // 2021 has only the income of unknown value.
  await page.getByTestId('report-year').selectOption('2021')
  await expect(page.getByTestId('income-unknown')).toContainText('1 income has an unknown amount')
  await expect(page.getByTestId('income-total-all')).toContainText(dollars(0))
  await page.getByTestId('report-year').selectOption('2024')

  // The Form 8949 file: Part I (short term) then Part II (long term), unknown rows left out.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-gains-8949').click()])
  expect(download.suggestedFilename()).toBe('seasonwatch-form-8949-2024-fifo.csv')
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString())
  const lines = text.trim().split('\r\n')
  expect(lines[0]).toBe(
    'Part,(a) Description of property,(b) Date acquired,(c) Date sold or disposed of,(d) Proceeds,(e) Cost or other basis,(f) Code(s),(g) Amount of adjustment,(h) Gain or (loss)'
  )
  expect(lines.slice(1)).toEqual([
    'I,40 DOT,02/01/2024,08/01/2024,200.00,280.00,,,-80.00',
    'II,0.1 BTC,02/01/2023,06/03/2024,6900.00,2305.00,,,4595.00',
    'II,0.05 BTC,03/15/2023,06/03/2024,3450.00,1225.00,,,2225.00'
  ])

  // The tax time zone decides the dates: refused in words when unknown, then used by the report.
  await page.getByTestId('nav-settings').click()
  const zone = page.getByTestId('settings-tax-time-zone')
  await expect(zone).toHaveValue('UTC')
  await zone.fill('Mars/Olympus')
  await page.getByTestId('settings-save').click()
  await expect(page.getByTestId('settings-tax-time-zone-error')).toHaveText(
    'Tax time zone: "Mars/Olympus" is not a time zone this computer knows. Use a name such as UTC, Europe/Berlin or America/New_York.'
  )
  await zone.fill('America/New_York')
  await page.getByTestId('settings-save').click()
  await expect(page.getByTestId('settings-saved')).toBeVisible()
  await page.getByTestId('nav-reports').click()
  await expect(page.getByTestId('report-basis')).toContainText('dates in America/New_York')
  // Midnight UTC on 2021-11-20 is the evening of the 19th in New York.
  await expect(page.locator('[data-testid="gain-row"][data-unknown="true"]')).toContainText('2021-11-19')
})
