import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { buildSyntheticDataset, startFakeCoinGecko } from '../support/fake-coingecko'
import { freePort } from '../support/free-port'
import { newDataDir, removeDataDir, startBrowserMode } from './support/browser-mode'

const DAY = 86_400_000
const today = Math.floor(Date.now() / DAY)
const dataset = buildSyntheticDataset({ coins: 60, firstDay: today - 199, lastDay: today, seed: 11 })

async function setSettings(page: Page, origin: string, settings: Record<string, number>): Promise<void> {
  const answer = await page.request.post(`${origin}/api/invoke/settings:set`, { data: settings })
  expect(((await answer.json()) as { ok: boolean }).ok).toBe(true)
}

/** Records every state and text the header shows from now on, in `window.seen`. */
async function recordStates(page: Page): Promise<void> {
  // A string, evaluated in the page: this file is compiled without the DOM's types.
  await page.evaluate(`(() => {
    window.seen = []
    const note = () => {
      const el = document.querySelector('[data-testid="sync-status"]')
      if (el) window.seen.push(el.getAttribute('data-state') + ': ' + (el.textContent ?? ''))
    }
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
  })()`)
}

// Each state of the one sync state machine, as the header, the banner and the first-run card say
// it, against the fake provider: refused, back, paced by the budget, retrying, stopped.
test('the header, banner and first-run card follow the provider: offline at once, back, waiting, retrying, stopped', async ({
  page
}) => {
  const port = await freePort()
  const dataDir = newDataDir()
  const app = await startBrowserMode({ dataDir, env: { SEASONWATCH_PROVIDER_URL: `http://127.0.0.1:${port}/api/v3` } })
  const status = page.getByTestId('sync-status')
  let fake: Awaited<ReturnType<typeof startFakeCoinGecko>> | null = null
  try {
    await page.goto(app.url)
    await expect(status).toHaveAttribute('data-state', 'never')
    await setSettings(page, app.origin, { trackedCoins: 50, historyDays: 100, maxRequestsPerMinute: 240 })

    // Nothing listens: the refused connection is "offline" within a couple of seconds, while the
    // run still retries, never "the provider had a problem".
    const clicked = Date.now()
    await page.getByTestId('first-sync').click()
    await expect(status).toHaveAttribute('data-state', 'offline', { timeout: 3_000 })
    expect(Date.now() - clicked).toBeLessThan(3_000)
    await expect(page.getByTestId('offline-banner')).toContainText('cannot be reached')
    await expect(page.locator('body')).not.toContainText('had a problem')
    await expect(page.getByTestId('first-run-state')).toHaveAttribute('data-state', 'offline')
    // Stopped while nothing answers: it stays offline, and is not called a failed sync.
    await status.getByRole('button', { name: 'Stop' }).click()
    await expect(status).toHaveAttribute('data-state', 'offline')
    await expect(status).not.toContainText('Sync failed')

    // The provider comes back at the same address: the header leaves "Offline" at its first answer.
    fake = await startFakeCoinGecko({ dataset, now: Date.now(), port })
    // The new run is not "offline" for the earlier one's failure: it is syncing until its first
    // attempt says otherwise (a slow first answer under load used to leave it "Offline").
    await page.getByTestId('sync-now').click()
    await expect(status).not.toHaveAttribute('data-state', 'offline')
    await expect(page.getByTestId('offline-banner')).toHaveCount(0)
    // At 240 requests a minute the run waits a quarter second between calls, and says so.
    await expect(status).toHaveAttribute('data-state', 'waiting')
    await expect(page.getByTestId('sync-wait')).toContainText('request budget')
    await expect(page.getByTestId('sync-phase')).toContainText('Downloading price history', { timeout: 20_000 })

    // Stop by the user, after the earlier offline failure: "stopped", with what is stored.
    await status.getByRole('button', { name: 'Stop' }).click()
    await expect(status).toHaveAttribute('data-state', 'stopped')
    await expect(status).toContainText('Sync stopped')
    await expect(status).not.toContainText(/failed|offline/i)
    await expect(page.getByTestId('sync-stopped-banner')).toContainText(/history for \d+ of 50 coins/)
    await expect(page.getByTestId('sync-stopped-banner')).toContainText('You stopped the sync')
    await expect(page.getByTestId('sync-now')).toHaveText('Continue the sync')

    // The provider fails three times: retrying, with the reason.
    await recordStates(page)
    fake.setFaults([{ match: '/coins/markets?vs_currency=usd&order', kind: 'status', status: 503, count: 3 }])
    await page.getByTestId('sync-now').click()
    // Each retry's pause lasts a second or two: what the header said is recorded as it changes.
    await expect
      .poll(() => page.evaluate<string>("window.seen.join('\\n')"), { timeout: 20_000 })
      .toMatch(/^retrying: .*The provider had a problem: the provider failed \(HTTP 503\); retrying in \d+ s/m)
    await expect(status).toHaveAttribute('data-state', /syncing|waiting/, { timeout: 10_000 })
    await expect(status).toHaveAttribute('data-state', 'idle', { timeout: 60_000 })
    await expect(status).toContainText('Last sync just now')
  } finally {
    await app.stop()
    await fake?.close()
    removeDataDir(dataDir)
  }
})

test('a first sync cut short keeps its card, and the index built from part of the coins says so until the rest is in', async ({
  page
}) => {
  const fake = await startFakeCoinGecko({ dataset, now: Date.now() })
  const dataDir = newDataDir()
  let app = await startBrowserMode({ dataDir, env: { SEASONWATCH_PROVIDER_URL: fake.url } })
  try {
    await page.goto(app.url)
    await setSettings(page, app.origin, { trackedCoins: 50, historyDays: 120, maxRequestsPerMinute: 300 })
    await page.getByTestId('first-sync').click()
    await expect(page.getByTestId('sync-phase')).toContainText(/price history \((2\d|3\d) of/, { timeout: 30_000 })
    // The app is killed mid-backfill (no clean Stop): the next start finds part of the coins.
    process.kill(app.pid, 'SIGKILL')
    await app.stop()
    app = await startBrowserMode({ dataDir, env: { SEASONWATCH_PROVIDER_URL: fake.url } })
    await page.goto(app.url)
    const note = page.getByTestId('data-note')
    await expect(page.getByTestId('index-value')).toBeVisible()
    await expect(note).toContainText(/Built from \d+ of 50 coins/)
    // The first-run card stays, with its way to carry on; the header says partial.
    await expect(page.getByTestId('season-empty')).toContainText('The first sync has not finished')
    await expect(page.getByTestId('first-sync')).toHaveText('Continue the sync')
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'partial')

    // Dismissed for today, it stays away after a reload; the card does not.
    await page.getByTestId('data-note-dismiss').click()
    await expect(note).toHaveCount(0)
    await page.reload()
    await expect(page.getByTestId('index-value')).toBeVisible()
    await expect(note).toHaveCount(0)
    await expect(page.getByTestId('season-empty')).toBeVisible()

    // Once every coin's history is in, the card and the note are gone.
    await page.getByTestId('first-sync').click()
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 60_000 })
    await expect(page.getByTestId('season-empty')).toHaveCount(0)
    await expect(note).toHaveCount(0)
  } finally {
    await app.stop()
    await fake.close()
    removeDataDir(dataDir)
  }
})
