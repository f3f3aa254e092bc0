import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { chromium, expect, test } from '@playwright/test'
import type { Browser, Page } from '@playwright/test'
import type { IndexResult } from '../../src/shared/contract/season'
import { buildSyntheticDataset, startFakeCoinGecko } from '../support/fake-coingecko'
import type { FakeCoinGecko } from '../support/fake-coingecko'
import { configuredFuses, fuseMismatches } from './support/fuses'
import { findPackagedApp, loadedFiles, repoRoot, startPackagedApp } from './support/packaged-app'
import type { PackagedApp, RunningApp } from './support/packaged-app'

// The smoke test of the packaged desktop app: what electron-builder built, started as a user
// starts it, on a new data folder, syncing from the fake provider on loopback. Run after packaging
// (`npm run test:electron`; the release workflow runs it on Linux under xvfb-run, macOS and Windows).

const run = promisify(execFile)
const DAY = 86_400_000
const today = Math.floor(Date.now() / DAY)
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version

/** DESIGN.md 1.7: the display rounds half up. */
const shown = (value: number) => String(Math.floor(value + 0.5 + 1e-9))

// Enough coins and days for the default variant (top 100 of what is there, 90-day window).
const dataset = buildSyntheticDataset({ coins: 24, firstDay: today - 149, lastDay: today, seed: 16 })

let app: PackagedApp
let provider: FakeCoinGecko | undefined
let running: RunningApp | undefined
let browser: Browser | undefined
let dataDir: string | undefined

test.beforeAll(async () => {
  app = findPackagedApp()
})

test.afterAll(async () => {
  await browser?.close().catch(() => undefined)
  if (running && running.process.exitCode === null) running.process.kill()
  await provider?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

test('the packaged binary has its fuses flipped as electron-builder.yml says', async () => {
  const wanted = await configuredFuses()
  expect(Object.keys(wanted).length, 'electron-builder.yml configures fuses').toBeGreaterThan(0)
  expect(await fuseMismatches(app.fusesPath, wanted)).toEqual([])
})

test('the packaged app starts on a new data folder, syncs, shows the index the CLI computes, and quits cleanly', async () => {
  provider = await startFakeCoinGecko({ dataset, now: Date.now() })
  dataDir = mkdtempSync(join(tmpdir(), 'seasonwatch-packaged-'))
  running = await startPackagedApp(app, { SEASONWATCH_DATA_DIR: dataDir, SEASONWATCH_PROVIDER_URL: provider.url })
  const started = running
  browser = await chromium.connectOverCDP(started.wsEndpoint)
  const page = await appWindow(browser)

  await test.step('the Season page shows the index once the first sync is done', async () => {
    await expect(page.getByTestId('nav-season')).toBeVisible()
    // Through the window's own bridge, as the Settings page would: a small first sync, then start
    // it (the schedule may already have; either way one runs).
    const set = await invoke(page, 'settings:set', { trackedCoins: 50, historyDays: 200, maxRequestsPerMinute: 300 })
    expect(set).toMatchObject({ ok: true })
    expect(await invoke(page, 'sync:start')).toMatchObject({ ok: true })
    await expect(page.getByTestId('index-value')).toBeVisible({ timeout: 240_000 })
    await expect(page.getByTestId('sync-progress')).toHaveCount(0, { timeout: 240_000 })
    await expect(page.getByTestId('sync-status')).toContainText('Last sync')
    await expect(page.getByTestId('season-partial')).toHaveCount(0)
    await expect(page.getByTestId('index-value')).toHaveText(/^\d{1,3}$/)
  })

  await test.step('the window has no Node: no require, process, module or Buffer, only the two-function bridge', async () => {
    const globals = await page.evaluate(() => {
      const g = globalThis as Record<string, unknown>
      return {
        require: typeof g.require,
        process: typeof g.process,
        module: typeof g.module,
        Buffer: typeof g.Buffer,
        global: typeof g.global,
        bridge: Object.keys((g.seasonwatch as object | undefined) ?? {}).sort()
      }
    })
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
      global: 'undefined',
      bridge: ['invoke', 'on']
    })
  })

  await test.step('the app created its database in the new folder with its own better-sqlite3', async () => {
    const info = await invoke(page, 'app:get-info')
    expect(info).toMatchObject({ ok: true, data: { runtime: 'electron', version, dataDir } })
    expect((info as { data: { schemaVersion: number } }).data.schemaVersion).toBeGreaterThan(0)
    expect(existsSync(join(dataDir as string, 'seasonwatch.db'))).toBe(true)
    // The SQLite module the main process loaded is the packaged one, unpacked beside app.asar
    // and rebuilt for this Electron, not the checkout's (built for Node).
    const pid = started.process.pid as number
    const sqlite = (await loadedFiles(pid)).filter((path) => /better_sqlite3\.node$/.test(path))
    expect(sqlite.length, `better_sqlite3.node loaded by the app:\n${started.logs()}`).toBe(1)
    const inApp = relative(app.root, sqlite[0] as string)
    expect(inApp.startsWith('..'), `${sqlite[0]} is inside ${app.root}`).toBe(false)
    expect(inApp).toMatch(/app\.asar\.unpacked[\\/]node_modules[\\/]better-sqlite3[\\/]/)
  })

  const indexShown = (await page.getByTestId('index-value').textContent()) ?? ''
  const asOfShown = (await page.getByTestId('sync-status').textContent()) ?? ''

  await test.step('closing the window quits the app, exit code 0, the database closed', async () => {
    await page.evaluate(() => (globalThis as unknown as { close(): void }).close())
    const code = await started.exited(20_000)
    expect(code, `the app quit within 20 s of its window closing:\n${started.logs()}`).toBe(0)
    // SQLite folds its write-ahead log into the database and removes it when the last connection closes.
    const wal = join(dataDir as string, 'seasonwatch.db-wal')
    expect(!existsSync(wal) || statSync(wal).size === 0, 'no write-ahead log left behind').toBe(true)
  })

  await test.step('the index shown is `seasonwatch index --json` on the same data folder', async () => {
    const { stdout } = await run(
      process.execPath,
      [join(repoRoot, 'out/main/cli.js'), 'index', '--json', '--data-dir', dataDir as string],
      { cwd: repoRoot, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }
    )
    const engine = JSON.parse(stdout) as IndexResult
    expect(engine.value).not.toBeNull()
    expect(indexShown).toBe(shown(engine.value as number))
    expect(asOfShown).toContain(`data as of ${engine.date}`)
  })
})

/** A call through the window's bridge (window.seasonwatch.invoke), answered with its envelope. */
function invoke(page: Page, channel: string, input?: unknown): Promise<unknown> {
  return page.evaluate(
    ([c, i]) =>
      (
        globalThis as unknown as { seasonwatch: { invoke(c: string, i: unknown): Promise<unknown> } }
      ).seasonwatch.invoke(c as string, i),
    [channel, input] as const
  )
}

/** The app's window among the DevTools targets (the first page that is not about:blank). */
async function appWindow(connected: Browser): Promise<Page> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    const page = connected
      .contexts()
      .flatMap((context) => context.pages())
      .find((p) => p.url() !== 'about:blank' && !p.url().startsWith('devtools:'))
    if (page) {
      await page.waitForLoadState('domcontentloaded')
      return page
    }
    await new Promise((wait) => setTimeout(wait, 250))
  }
  throw new Error('The app opened no window within 60 s.')
}
