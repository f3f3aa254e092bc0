import { expect, test } from '@playwright/test'
import { startFakeKraken } from '../support/fake-exchanges/kraken'
import type { FakeKraken } from '../support/fake-exchanges/kraken'
import { KRAKEN_READ_KEY, krakenAccount, krakenTxCount } from '../support/fake-exchanges/kraken-data'
import { newDataDir, removeDataDir, startBrowserMode } from './support/browser-mode'
import type { BrowserMode } from './support/browser-mode'

// Kraken in the Connections view, against browser mode and the loopback Kraken fake
// (SEASONWATCH_KRAKEN_URL). Kraken's API cannot tell what a key may do: the window says so rather
// than calling the key a trading key, asks the person to confirm they checked it, and then marks
// the connection "Rights not verified".
let fake: FakeKraken
let dataDir: string
let app: BrowserMode

test.beforeEach(async () => {
  fake = await startFakeKraken(krakenAccount({ btcTrades: 20 }))
  dataDir = newDataDir()
  app = await startBrowserMode({ dataDir, env: { SEASONWATCH_KRAKEN_URL: fake.url } })
})

test.afterEach(async () => {
  await app?.stop()
  await fake?.close()
  if (dataDir) removeDataDir(dataDir)
})

test('keeps a Kraken key only once the person confirms it can only read, and syncs its ledger', async ({ page }) => {
  await page.goto(app.url)
  await page.getByTestId('nav-portfolio').click()
  await page.getByTestId('portfolio-tab-connections').click()
  await page.getByTestId('add-exchange-kraken').click()
  await page.getByTestId('add-api-key').fill(KRAKEN_READ_KEY.apiKey)
  await page.getByTestId('add-secret').fill(KRAKEN_READ_KEY.secret)
  await page.getByTestId('add-save').click()

  const refusal = page.getByTestId('add-refused')
  await expect(refusal).toContainText('Kraken cannot tell what a key may do')
  await expect(refusal).toContainText('Query Ledger Entries')
  await expect(refusal).not.toContainText(/can trade or withdraw/)
  await expect(refusal.getByRole('link', { name: /Kraken/ })).toHaveAttribute('href', /^https:\/\/www\.kraken\.com\//)
  await expect(page.getByTestId('connection-kraken')).toHaveCount(0)
  await expect(page.getByTestId('add-keep-anyway')).toBeDisabled()
  await expect(refusal).toContainText('I have checked on Kraken’s key page that this key can only read')
  await page.getByTestId('add-confirm-trading').check()
  await page.getByTestId('add-keep-anyway').click()

  const card = page.getByTestId('connection-kraken')
  await expect(card.getByTestId('connection-override')).toContainText('Rights not verified')
  await expect(card.getByTestId('connection-override')).not.toContainText('Not a read-only key')
  await expect(card.getByTestId('connection-key')).toHaveText(`••••${KRAKEN_READ_KEY.apiKey.slice(-4)}`)

  await card.getByTestId('connection-sync').click()
  await expect(card.getByTestId('connection-sync-result')).toHaveText(
    `Kraken synced: ${krakenTxCount(20)} new transactions, 0 already stored.`,
    { timeout: 60_000 }
  )
  // Only reading calls reached Kraken: no order, no withdrawal, not even a validate-only one.
  expect(fake.requests.map((r) => r.path).filter((p) => !/\/0\/private\/(Balance|Ledgers)$/.test(p))).toEqual([])
  const html = await page.content()
  expect(html).not.toContain(KRAKEN_READ_KEY.apiKey)
  expect(html).not.toContain(KRAKEN_READ_KEY.secret)
})
