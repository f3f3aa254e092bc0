import { test as base } from '@playwright/test'
import type { BrowserMode } from './browser-mode'
import { removeDataDir, startBrowserMode } from './browser-mode'

/** A test with its own browser-mode server on a fresh data folder, and the page opened on it. */
export const test = base.extend<{ app: BrowserMode }>({
  app: async ({ page }, use) => {
    const app = await startBrowserMode()
    try {
      await page.goto(app.url)
      await use(app)
    } finally {
      await app.stop()
      removeDataDir(app.dataDir)
    }
  }
})

export { expect } from '@playwright/test'
