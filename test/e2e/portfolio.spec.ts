import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { importFormatLabels } from '../../src/shared/domain'
import { removeDataDir, repoRoot } from './support/browser-mode'
import type { BrowserMode } from './support/browser-mode'
import { startWithRealMarket } from './support/real-market-app'

const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/portfolio', name))

// Real daily prices (CoinMarketCap snapshots up to 2024-12-11) stored the way a sync stores them.
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

async function chooseFile(page: Page, name: string, buffer: Buffer) {
  await page.getByTestId('portfolio-tab-import').click()
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer })
  await expect(page.getByTestId('import-preview')).toBeVisible()
}

test('imports a CSV through the wizard: preview, resolve a symbol, confirm, see holdings valued as of the last stored day', async ({
  page
}) => {
  await expect(page.getByTestId('portfolio-empty')).toBeVisible()
  await chooseFile(page, 'generic.csv', fixture('generic.csv'))
  const preview = page.getByTestId('import-preview')
  await expect(preview).toContainText('8 transactions to import')
  await expect(preview).toContainText(importFormatLabels.generic)
  // ETH names two stored coins: the import waits for the user's choice.
  await expect(page.getByTestId('import-confirm')).toBeDisabled()
  await page.getByTestId('map-ETH').selectOption('ethereum')
  await page.screenshot({ path: 'test-results/portfolio/import-preview.png', fullPage: true })
  await page.getByTestId('import-confirm').click()
  await expect(page.getByTestId('import-done')).toContainText('Imported 8 transactions')

  await page.getByTestId('portfolio-tab-holdings').click()
  const table = page.getByTestId('holdings-table')
  await expect(table).toBeVisible()
  // 0.1 BTC bought, 0.0001 paid as a network fee on the move to cold storage.
  await expect(table.locator('tr[data-symbol="BTC"]')).toContainText('0.0999')
  await expect(table.locator('tr[data-symbol="ETH"]')).toContainText('1.008')
  await expect(table.locator('tr[data-symbol="BTC"]')).toContainText('2024-12-11')
  await expect(page.getByTestId('portfolio-value')).toContainText('as of 2024-12-11')
  await expect(page.getByTestId('allocation')).toContainText('Bitcoin (incl. wrapped)')
  await page.screenshot({ path: 'test-results/portfolio/holdings.png', fullPage: true })
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-theme-applied', 'dark')
  await page.screenshot({ path: 'test-results/portfolio/holdings-dark.png', fullPage: true })

  // The same file again: everything is already there.
  await chooseFile(page, 'generic.csv', fixture('generic.csv'))
  await expect(page.getByTestId('import-preview')).toContainText('8 already imported')
  await expect(page.getByTestId('import-confirm')).toBeDisabled()
})

test('refuses a malformed file with the line and reason of each bad row, and stores nothing', async ({ page }) => {
  const bad = Buffer.from(
    [
      'date,type,asset,quantity,quote_asset,quote_quantity',
      '2024-01-02,buy,BTC,0.5,USD,21000',
      '2024-01-03,buy,BTC,half,USD,100',
      '2024-02-30,buy,ETH,1,USD,2300'
    ].join('\r\n')
  )
  await chooseFile(page, 'broken.csv', bad)
  const errors = page.getByTestId('import-errors')
  await expect(errors).toContainText('Line 3: quantity "half" is not a number')
  await expect(errors).toContainText('Line 4: date "2024-02-30" is not a real date and time')
  await expect(page.getByTestId('import-confirm')).toBeDisabled()
  await page.screenshot({ path: 'test-results/portfolio/import-errors.png', fullPage: true })
  await page.getByTestId('portfolio-tab-transactions').click()
  await expect(page.getByTestId('transactions-table').locator('tbody tr')).toHaveCount(0)
})

test('enters a holding by hand and warns before a sale that would go below zero', async ({ page }) => {
  await page.getByTestId('portfolio-tab-transactions').click()
  await page.getByTestId('add-transaction').click()
  const editor = page.getByTestId('transaction-editor')
  await editor.locator('input[name="date"]').fill('2024-06-01')
  await editor.locator('input[name="symbol"]').fill('SOL')
  // A comma for the decimal point is refused by the field's label, with the form it takes.
  await editor.locator('input[name="quantity"]').fill('1,5')
  await editor.getByRole('button', { name: 'Add' }).click()
  await expect(page.getByTestId('editor-error')).toContainText('Quantity: "1,5" must be a plain decimal number')
  await expect(page.getByTestId('editor-error')).not.toContainText('draft.quantity')
  await editor.locator('input[name="quantity"]').fill('12.5')
  await editor.getByRole('button', { name: 'Add' }).click()
  await expect(page.getByTestId('transactions-table')).toContainText('12.5')

  await page.getByTestId('add-transaction').click()
  await editor.locator('select[name="kind"]').selectOption('sell')
  await editor.locator('input[name="date"]').fill('2024-07-01')
  await editor.locator('input[name="symbol"]').fill('SOL')
  await editor.locator('input[name="quantity"]').fill('20')
  await editor.locator('input[name="quoteSymbol"]').fill('USD')
  await editor.locator('input[name="quoteQuantity"]').fill('2800')
  await editor.getByRole('button', { name: 'Add' }).click()
  await expect(page.getByTestId('editor-error')).toContainText('SOL balance falls to -7.5 on 2024-07-01')
  await expect(page.getByTestId('editor-error').getByRole('button', { name: 'Save anyway' })).toBeVisible()
  await editor.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByTestId('transactions-table').locator('tbody tr')).toHaveCount(1)

  await page.getByTestId('portfolio-tab-holdings').click()
  await expect(page.getByTestId('holdings-table').locator('tr[data-symbol="SOL"]')).toContainText('12.5')
  await page.screenshot({ path: 'test-results/portfolio/manual-holding.png', fullPage: true })
})
