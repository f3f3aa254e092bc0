import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'

// End-to-end tests drive the real renderer in Debian's Chromium against browser mode. Browsers are
// never downloaded: CHROMIUM_PATH or /usr/bin/chromium is used.
const executablePath =
  process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p))

// Browser mode started by the tests keeps typed keys in memory, never in the OS keyring, so a run
// cannot replace the keys of a Seasonwatch installed on the same computer.
process.env.SEASONWATCH_KEYRING = 'off'

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  // One retry: a test that passes only on its second try is still reported by name as flaky (none is
  // known now); a first failure shows in the output.
  retries: 1,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 860 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic'
      ]
    }
  }
})
