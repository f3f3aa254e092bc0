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
  await page.evaluate(() => {
    const w = window as unknown as { seen: string[] }
    w.seen = []
    const note = () => {
      const el = document.querySelector('[data-testid="sync-status"]')
      if (el) w.seen.push(`${el.getAttribute('data-state')}: ${el.textContent ?? ''}`)
    }
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true
    })
  })
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
      .poll(() => page.evaluate(() => (window as unknown as { seen: string[] }).seen.join('\n')), { timeout: 20_000 })
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
