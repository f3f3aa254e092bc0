import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { startFakeCoinbase } from '../support/fake-exchanges/coinbase'
import type { FakeCoinbase } from '../support/fake-exchanges/coinbase'
import { READ_KEY, coinbaseAccount } from '../support/fake-exchanges/coinbase-data'
import { newDataDir, removeDataDir, startBrowserMode } from './support/browser-mode'
import type { BrowserMode } from './support/browser-mode'

// Coinbase in the Connections view, against browser mode and the loopback Coinbase fake
// (SEASONWATCH_COINBASE_URL): a CDP key's PEM secret pasted whole into the secret field, checked
// with an ES256-signed request, synced, and never in the page, the log or the data folder.
let fake: FakeCoinbase
let dataDir: string
let app: BrowserMode

test.beforeEach(async () => {
  // 20 BTC-USD, 20 ETH-USD and 4 ETH-BTC fills; 9 transfers and rewards: 53 rows.
  fake = await startFakeCoinbase(coinbaseAccount({ btcFills: 20 }))
  dataDir = newDataDir()
  app = await startBrowserMode({ dataDir, env: { SEASONWATCH_COINBASE_URL: fake.url } })
})

test.afterEach(async () => {
  await app?.stop()
  await fake?.close()
  if (dataDir) removeDataDir(dataDir)
})

function folderText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name)).toString('latin1'))
    .join('\n')
}

test('connects Coinbase with a CDP key whose PEM secret is pasted whole, and syncs it', async ({ page }) => {
  await page.goto(app.url)
  await page.getByTestId('nav-portfolio').click()
  await page.getByTestId('portfolio-tab-connections').click()
  await page.getByTestId('add-exchange-coinbase').click()
  await expect(page.getByTestId('add-connection')).toContainText('Coinbase')
  await page.getByTestId('add-api-key').fill(READ_KEY.apiKey)
  await page.getByTestId('add-secret').fill(READ_KEY.secret)
  await page.getByTestId('add-save').click()
  await expect(page.getByTestId('connections-done')).toContainText('Coinbase is connected')
  const card = page.getByTestId('connection-coinbase')
  await expect(card.getByTestId('connection-rights')).toHaveText('Can read')
  await expect(card.getByTestId('connection-key')).toHaveText(`••••${READ_KEY.apiKey.slice(-4)}`)

  await card.getByTestId('connection-sync').click()
  await expect(card.getByTestId('connection-sync-result')).toHaveText(
    'Coinbase synced: 53 new transactions, 0 already stored.',
    { timeout: 60_000 }
  )
  expect(fake.requests.every((r) => r.status === 200)).toBe(true)

  const secretBody = READ_KEY.secret.split('\n')[1]!
  const html = await page.content()
  for (const secret of [READ_KEY.apiKey, secretBody]) {
    expect(html).not.toContain(secret)
    expect(app.logs()).not.toContain(secret)
  }
  await app.stop()
  const onDisk = folderText(dataDir)
  expect(onDisk.length).toBeGreaterThan(0)
  for (const secret of [READ_KEY.apiKey, secretBody]) expect(onDisk).not.toContain(secret)
})
