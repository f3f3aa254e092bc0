import { defineConfig } from '@playwright/test'

// The smoke test of the packaged desktop app (`npm run test:electron`): it starts what
// electron-builder left in dist/, so it runs after packaging (the release workflow does), never in
// `npm test`, which must pass where Electron cannot be downloaded.
export default defineConfig({
  testDir: 'test/electron',
  outputDir: 'test-results/electron',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 360_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' }
})
