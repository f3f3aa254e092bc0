import { expect, test } from '@playwright/test'
import { newDataDir, removeDataDir, startBrowserMode } from './support/browser-mode'

test('a backup taken in Settings is restored on the next start, and what it replaced is kept', async ({ page }) => {
  const dataDir = newDataDir()
  let app = await startBrowserMode({ dataDir })
  try {
    await page.goto(app.url)
    await page.getByTestId('nav-settings').click()
    await page.getByTestId('settings-tracked-coins').fill('300')
    await page.getByTestId('settings-save').click()
    await expect(page.getByTestId('settings-saved')).toBeVisible()
    await page.getByTestId('backup-now').click()
    const backups = page.getByTestId('backups')
    // The daily backup may also appear once the app has run 10 s: count the one taken by hand.
    await expect(backups.locator('tbody tr', { hasText: 'taken by hand' })).toHaveCount(1)

    // Changed after the backup: the restore takes it back.
    await page.getByTestId('settings-tracked-coins').fill('400')
    await page.getByTestId('settings-save').click()
    await expect(page.getByTestId('settings-saved')).toBeVisible()
    await backups.getByRole('button', { name: 'Restore…' }).click()
    await page.getByTestId('restore-confirm').click()
    await expect(page.getByTestId('restore-pending')).toContainText('restart it to finish')

    await app.stop()
    app = await startBrowserMode({ dataDir })
    await page.goto(app.url)
    await page.getByTestId('nav-settings').click()
    await expect(page.getByTestId('settings-tracked-coins')).toHaveValue('300')
    await expect(page.getByTestId('restore-pending')).toHaveCount(0)
    const rows = page.getByTestId('backups').locator('tbody tr')
    await expect(rows.filter({ hasText: 'taken by hand' })).toHaveCount(1)
    await expect(rows.filter({ hasText: 'before a restore' })).toHaveCount(1)
    await page.screenshot({ path: 'test-results/settings/backups.png', fullPage: true })
  } finally {
    await app.stop()
    removeDataDir(dataDir)
  }
})
