import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // The window's pure helpers (tested under test/unit/renderer) import the contract as @shared.
  resolve: { alias: { '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)) } },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // No test may reach a real provider: anything that falls back to the configured provider
    // lands on a closed loopback port. Tests that need a provider start the local fake one.
    env: {
      SEASONWATCH_PROVIDER_URL: 'http://127.0.0.1:9/api/v3',
      // Nor GitHub: an update check turned on in a test asks a closed loopback port unless told otherwise.
      SEASONWATCH_RELEASES_URL: 'http://127.0.0.1:9/releases/latest',
      // Nor the OS keyring: keys typed in tests stay in memory, so they never replace those of a
      // Seasonwatch installed on the same computer.
      SEASONWATCH_KEYRING: 'off'
    }
  }
})
