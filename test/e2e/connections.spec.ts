import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { startFakeBinance } from '../support/fake-exchanges/binance'
import type { FakeBinance } from '../support/fake-exchanges/binance'
import { READ_KEY, TRADING_KEY, binanceAccount } from '../support/fake-exchanges/binance-data'
import { newDataDir, removeDataDir, repoRoot, startBrowserMode } from './support/browser-mode'
import type { BrowserMode } from './support/browser-mode'

// The Connections view against browser mode and the loopback Binance fake (SEASONWATCH_BINANCE_URL
// points the app at it): add, refuse and confirm, sync, reconcile, rotate and remove, with the key
// and secret never in the page, in any answer to the window, in the log or in the data folder.
const MINUS = '\u2212'
const secrets = [READ_KEY.apiKey, READ_KEY.secret, TRADING_KEY.apiKey, TRADING_KEY.secret]
// The README's picture of this view is rewritten only when asked (UPDATE_SCREENSHOTS=1), as pages.spec does.
const readmeShots = process.env.UPDATE_SCREENSHOTS ? join(repoRoot, 'docs/screenshots') : 'test-results/connections'
const shots = 'test-results/connections'

let fake: FakeBinance
let dataDir: string
let app: BrowserMode

test.beforeEach(async () => {
  // 30 BTC fills, 40 ETH buys, 5 ETH sales, two USDT deposits credited, one BTC withdrawal, 8
  // rewards (ENA from a Launchpool, USDT interest, a BTTC airdrop) and 2 assets converted to BNB: 88 rows.
  fake = await startFakeBinance(binanceAccount({ btcFills: 30 }))
  dataDir = newDataDir()
  app = await startBrowserMode({ dataDir, env: { SEASONWATCH_BINANCE_URL: fake.url } })
})

test.afterEach(async () => {
  await app?.stop()
  await fake?.close()
  if (dataDir) removeDataDir(dataDir)
})

/** Opened from the keyboard: the Portfolio link, then the Connections view's tab. */
async function openConnections(page: Page) {
  await page.getByTestId('nav-portfolio').focus()
  await page.keyboard.press('Enter')
  await page.getByTestId('portfolio-tab-holdings').focus()
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Tab')
  await expect(page.getByTestId('portfolio-tab-connections')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('connections')).toBeVisible()
}

async function typeKey(page: Page, key: { apiKey: string; secret: string }) {
  await page.getByTestId('add-api-key').fill(key.apiKey)
  await page.getByTestId('add-secret').fill(key.secret)
}

/** Every file in the folder, as text, for a search of the key and secret. */
function folderText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name)).toString('latin1'))
    .join('\n')
}

async function axeProblems(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

test('connects Binance with a read-only key, refuses a trading key until confirmed, syncs, reconciles, rotates and removes', async ({
  page
}) => {
  test.setTimeout(150_000)
  await page.setViewportSize({ width: 1440, height: 900 })
  const answers: Promise<string>[] = []
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/invoke/')) answers.push(response.text().catch(() => ''))
  })
  await page.goto(app.url)
  await openConnections(page)

  // Nothing connected: what a read-only key is, where to make one, and where keys are kept here.
  const empty = page.getByTestId('connections-empty')
  await expect(empty).toContainText('cannot place orders or move coins')
  await expect(empty.getByTestId('key-page-binance')).toHaveAttribute(
    'href',
    'https://www.binance.com/en/my/settings/api-management'
  )
  await expect(empty.getByTestId('key-page-kraken')).toBeVisible()
  // This machine has no keyring service: browser mode keeps keys in memory and says so.
  const storage = page.getByTestId('key-storage')
  const backend = await storage.getAttribute('data-backend')
  expect(['memory', 'keyring']).toContain(backend)
  await expect(storage).toContainText(backend === 'memory' ? /kept in memory only/ : /keyring/)
  await expect(page.getByTestId('add-exchange').getByRole('radio', { name: 'Binance' })).toHaveAttribute(
    'aria-checked',
    'true'
  )

  // Refusals in words before anything is sent.
  await page.getByTestId('add-api-key').fill('short')
  await page.getByTestId('add-save').click()
  await expect(page.getByTestId('add-api-key-error')).toHaveText(
    'API key: paste the whole key; it has at least 8 characters.'
  )
  await expect(page.getByTestId('add-secret-error')).toContainText('Secret:')

  // A secret typed and then left behind is gone when the view is opened again.
  await typeKey(page, READ_KEY)
  await page.getByTestId('portfolio-tab-holdings').click()
  await page.getByTestId('portfolio-tab-connections').click()
  await expect(page.getByTestId('add-secret')).toHaveValue('')
  await expect(page.getByTestId('add-api-key')).toHaveValue('')

  // A read-only key: checked with the exchange, listed masked with its rights, the form emptied.
  await typeKey(page, READ_KEY)
  await page.getByTestId('add-save').click()
  await expect(page.getByTestId('connections-done')).toContainText('Binance is connected')
  const card = page.getByTestId('connection-binance')
  await expect(card.getByTestId('connection-key')).toHaveText(`••••${READ_KEY.apiKey.slice(-4)}`)
  await expect(card.getByTestId('connection-rights')).toHaveText('Can read')
  await expect(card.getByTestId('connection-override')).toHaveCount(0)
  await expect(card.getByTestId('connection-last-sync')).toHaveText('Never synced')
  await expect(page.getByTestId('add-secret')).toHaveValue('')
  await expect(page.getByTestId('add-api-key')).toHaveValue('')
  await expect(page.getByTestId('connections-empty')).toHaveCount(0)

  // A key that can trade and withdraw: refused with the reason and the key page, kept only once confirmed.
  await card.getByTestId('connection-rotate').click()
  await expect(page.getByTestId('add-connection')).toContainText('Replace the Binance key')
  await expect(page.getByTestId('add-api-key')).toBeFocused()
  await typeKey(page, TRADING_KEY)
  await page.getByTestId('add-save').click()
  const refused = page.getByTestId('add-refused')
  await expect(refused).toContainText('This key was not stored: can read, trade, withdraw')
  await expect(refused.getByTestId('key-page-binance')).toHaveAttribute(
    'href',
    'https://www.binance.com/en/my/settings/api-management'
  )
  await expect(page.getByTestId('add-keep-anyway')).toBeDisabled()
  await expect(card.getByTestId('connection-key')).toHaveText(`••••${READ_KEY.apiKey.slice(-4)}`)
  await page.getByTestId('add-confirm-trading').check()
  await page.getByTestId('add-keep-anyway').click()
  await expect(page.getByTestId('connections-done')).toContainText('The Binance key is replaced')
  await expect(card.getByTestId('connection-key')).toHaveText(`••••${TRADING_KEY.apiKey.slice(-4)}`)
  await expect(card.getByTestId('connection-rights')).toHaveText('Can read, trade, withdraw')
  await expect(card.getByTestId('connection-override')).toContainText(
    /Not a read-only key\. You chose to keep it on \d{4}-\d\d-\d\d \d\d:\d\d UTC/
  )

  // Sync now: progress while it runs, then what it brought.
  await card.getByTestId('connection-sync').click()
  await expect(card.getByTestId('connection-sync-result')).toHaveText(
    'Binance synced: 88 new transactions, 0 already stored.',
    { timeout: 60_000 }
  )
  await expect(card.getByTestId('connection-last-sync')).toContainText(/^OK at \d{4}-\d\d-\d\d \d\d:\d\d UTC$/)
  await expect(card.getByTestId('connection-usage')).toContainText(/requests in all/)
  await expect(card.getByTestId('connection-status')).toHaveText('Synced')

  // The trades and transfers are in the Portfolio's transactions, from Binance.
  await page.getByTestId('portfolio-tab-transactions').click()
  const table = page.getByTestId('transactions-table')
  await expect(table.locator('tbody tr')).toHaveCount(88)
  await expect(table.locator('tbody tr').filter({ hasText: 'binance' })).toHaveCount(88)
  await expect(table).toContainText('Transfer out')
  await expect(table).toContainText('ETH')

  // Reconcile: each asset's difference with its likely cause; record one, and it is gone.
  await page.getByTestId('portfolio-tab-connections').click()
  await page.getByTestId('connection-binance').getByTestId('connection-reconcile').click()
  const reconcile = page.getByTestId('reconcile')
  await expect(reconcile.getByTestId('reconcile-as-of')).toContainText(/balances as of \d{4}-\d\d-\d\d \d\d:\d\d UTC/)
  // BNB came only from converting small balances, which the sync reads: it matches.
  await expect(reconcile.locator('tr[data-symbol="BNB"]')).toHaveAttribute('data-cause', 'match')
  const sol = reconcile.locator('tr[data-symbol="SOL"]')
  await expect(sol).toHaveAttribute('data-cause', 'not-in-ledger')
  await expect(sol.getByTestId('reconcile-difference')).toHaveText('+0.75')
  await expect(sol).toContainText('no transaction brings it in')
  const eth = reconcile.locator('tr[data-symbol="ETH"]')
  await expect(eth.getByTestId('reconcile-difference')).toHaveText(`${MINUS}0.098`)
  await expect(eth).toHaveAttribute('data-cause', 'missing-outflows')
  expect(page.url()).toMatch(/#\/portfolio\/connections\/reconcile\/binance$/)
  await page.screenshot({ path: `${readmeShots}/connections-reconcile.png`, fullPage: true })

  // Both themes, with a connection, a warning and a reconcile table on screen.
  const found = await axeProblems(page, 'connections (light)')
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-theme-applied', 'dark')
  found.push(...(await axeProblems(page, 'connections (dark)')))
  await page.screenshot({ path: `${shots}/connections-dark.png`, fullPage: true })
  await page.emulateMedia({ colorScheme: 'light' })
  expect(found).toEqual([])

  await sol.getByRole('button', { name: 'Record the difference in SOL as a balance adjustment' }).click()
  await expect(reconcile.getByTestId('reconcile-recorded')).toContainText('Recorded +0.75 SOL as a balance adjustment')
  await expect(sol).toHaveAttribute('data-cause', 'match')
  await expect(sol.getByTestId('reconcile-difference')).toHaveText('0')
  await expect(sol.getByRole('button')).toHaveCount(0)

  // At the smallest supported window the view holds: no sideways page, tables scroll inside their cards.
  await page.setViewportSize({ width: 1024, height: 700 })
  const overflow = await page.evaluate<string[]>(`(() => {
    const out = []
    const doc = document.documentElement
    if (doc.scrollWidth > doc.clientWidth + 1) out.push('page scrolls sideways (' + doc.scrollWidth + 'px)')
    for (const card of Array.from(document.querySelectorAll('.connections .card'))) {
      if (card.getBoundingClientRect().right > doc.clientWidth) out.push('card past the window: ' + card.textContent.slice(0, 40))
    }
    return out
  })()`)
  expect(overflow).toEqual([])
  await page.screenshot({ path: `${shots}/connections-1024x700.png` })
  await page.setViewportSize({ width: 1440, height: 900 })

  // Rotate back to the read-only key: the warning goes with the trading key.
  await page.getByTestId('reconcile-close').click()
  await expect(page.getByTestId('reconcile')).toHaveCount(0)
  await card.getByTestId('connection-rotate').click()
  await typeKey(page, READ_KEY)
  await page.getByTestId('add-save').click()
  await expect(page.getByTestId('connections-done')).toContainText('The Binance key is replaced')
  await expect(card.getByTestId('connection-key')).toHaveText(`••••${READ_KEY.apiKey.slice(-4)}`)
  await expect(card.getByTestId('connection-override')).toHaveCount(0)
  await expect(card.getByTestId('connection-last-sync')).toContainText('OK at')

  // Remove, after a confirmation that says the transactions stay.
  await card.getByTestId('connection-remove').click()
  await expect(card.getByTestId('connection-remove-confirm')).toContainText(
    'The transactions it brought stay in the ledger.'
  )
  await card.getByTestId('connection-remove-yes').click()
  await expect(page.getByTestId('connections-done')).toContainText('its transactions stay in the ledger')
  await expect(page.getByTestId('connection-binance')).toHaveCount(0)
  await expect(page.getByTestId('connections-empty')).toBeVisible()
  await page.getByTestId('portfolio-tab-transactions').click()
  // The 88 synced rows and the recorded balance adjustment.
  await expect(page.getByTestId('transactions-table').locator('tbody tr')).toHaveCount(89)

  // The key and secret were typed into the window and went to the exchange, and nowhere else.
  const html = await page.content()
  const bodies = (await Promise.all(answers)).join('\n')
  expect(bodies).toContain('"keyMasked"')
  for (const secret of secrets) {
    expect(html).not.toContain(secret)
    expect(bodies).not.toContain(secret)
    expect(app.logs()).not.toContain(secret)
  }
  expect(fake.requests.filter((r) => r.apiKey === READ_KEY.apiKey).length).toBeGreaterThan(0)
  await app.stop()
  const onDisk = folderText(dataDir)
  expect(onDisk.length).toBeGreaterThan(0)
  for (const secret of secrets) expect(onDisk).not.toContain(secret)
})
