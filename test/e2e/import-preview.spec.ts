import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { importFormatLabels } from '../../src/shared/domain'
import { removeDataDir, repoRoot } from './support/browser-mode'
import type { BrowserMode } from './support/browser-mode'
import { startWithRealMarket } from './support/real-market-app'

// The import preview's Value column for exports that carry no USD value of their own (a Kraken
// ledger, a Binance transaction history): every row says its value and where it comes from, or in
// words that it has none; never an empty cell.
const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/portfolio', name))

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

for (const [file, format] of [
  ['kraken.csv', 'kraken'],
  ['binance.csv', 'binance']
] as const) {
  test(`the import preview of a ${format} export shows a value or "No USD value" in every row`, async ({ page }) => {
    await page.getByTestId('portfolio-tab-import').click()
    await page.getByTestId('import-file').setInputFiles({ name: file, mimeType: 'text/csv', buffer: fixture(file) })
    const preview = page.getByTestId('import-preview')
    await expect(preview).toBeVisible()
    await expect(preview).toContainText(importFormatLabels[format])
    // A symbol naming more than one stored coin is chosen first, as a person would.
    for (const select of await page.locator('[data-testid^="map-"]').all()) {
      const first = await select.locator('option:not([value=""])').first().getAttribute('value')
      if (first) await select.selectOption(first)
    }
    const rows = preview.locator('table.data tbody tr')
    await expect(rows.first()).toBeVisible()
    const cells = await rows.locator('td:last-child').allInnerTexts()
    expect(cells.length).toBeGreaterThan(2)
    for (const [i, text] of cells.entries()) {
      const words = text.replace(/\s+/g, ' ').trim()
      // "$1,234.56 from <source>", "No USD value", or "no value needed" (a row that moves nothing of value).
      expect(words, `row ${i + 1}`).toMatch(/^(\$[\d,]+(\.\d+)? from \S.*|No USD value|no value needed)$/)
    }
    // Real-shaped rows on days with stored prices: most of them are valued, not merely said unknown.
    expect(cells.filter((t) => t.startsWith('$')).length).toBeGreaterThan(cells.length / 2)
  })
}
