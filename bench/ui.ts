// UI figures for the Season dashboard, measured in headless Chromium against browser mode with ten
// years of daily history synced from the fake provider: time from navigation to the index value
// on screen with a warm cache, and time for the chart to redraw ten years of daily points.
// Targets (DESIGN/issue 5): under 1 s and under 100 ms. Printed, not asserted.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { chromium } from 'playwright-core'
import type { Page } from 'playwright-core'
import { newDataDir, removeDataDir, repoRoot, startBrowserMode } from '../test/e2e/support/browser-mode'
import { buildSyntheticDataset, startFakeCoinGecko } from '../test/support/fake-coingecko'

const DAY = 86_400_000
const YEARS = 10
const execFileAsync = promisify(execFile)
const chromiumPath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p))

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const ms = (x: number) => `${x.toFixed(1)} ms`
const line = (label: string, xs: number[]) =>
  process.stdout.write(`${label.padEnd(52)} median ${ms(median(xs)).padStart(10)}   min ${ms(Math.min(...xs)).padStart(10)}   max ${ms(Math.max(...xs)).padStart(10)}   (n=${xs.length})\n`)

/** Time until the index value is on screen, from the page's own navigation start. */
async function loadToValue(page: Page, url: string | null): Promise<number> {
  if (url === null) await page.reload()
  else await page.goto(url)
  await page.getByTestId('index-value').waitFor()
  return page.evaluate(() => performance.now())
}

export async function run(): Promise<void> {
  const cli = join(repoRoot, 'out/main/cli.js')
  if (!existsSync(cli) || !existsSync(join(repoRoot, 'out/renderer/index.html'))) {
    process.stdout.write('skipped: the app is not built (run "npm run build" first)\n')
    return
  }
  if (!chromiumPath) {
    process.stdout.write('skipped: no Chromium found (set CHROMIUM_PATH)\n')
    return
  }
  const today = Math.floor(Date.now() / DAY)
  const dataset = buildSyntheticDataset({ coins: 120, firstDay: today - (YEARS * 365 - 1), lastDay: today, seed: 11 })
  const provider = await startFakeCoinGecko({ dataset, now: Date.now() })
  const dataDir = newDataDir()
  try {
    let started = performance.now()
    await execFileAsync(process.execPath, [cli, 'sync', '--json', '--data-dir', dataDir, '--provider-url', provider.url, '--max-rpm', '0', '--coins', '150', '--history-days', String(YEARS * 365)], {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024
    })
    process.stdout.write(`setup: synced ${dataset.coins.length} coins x ${YEARS * 365} days in ${ms(performance.now() - started)}\n`)
    started = performance.now()
    // Computes and stores every variant's history once, as the app does on its first read.
    const { stdout } = await execFileAsync(process.execPath, [cli, 'history', '--json', '--data-dir', dataDir], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 })
    const days = (JSON.parse(stdout) as unknown[]).length
    process.stdout.write(`setup: index history computed (${days} days with a value, top 100 / 90 days) in ${ms(performance.now() - started)}\n\n`)

    const app = await startBrowserMode({ dataDir, env: { SEASONWATCH_PROVIDER_URL: provider.url } })
    const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] })
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 } })
      const cold = await loadToValue(page, app.url)
      process.stdout.write(`first load after start (cold browser cache):${ms(cold).padStart(17)}\n`)

      // Warm: the server has the history computed and the browser has the page's files cached.
      const reloads: number[] = []
      for (let i = 0; i < 7; i += 1) reloads.push(await loadToValue(page, null))
      line('page load -> index value (warm cache)', reloads)

      // In the app: the Settings page, then back to Season; the query cache is warm.
      const switches: number[] = []
      for (let i = 0; i < 7; i += 1) {
        await page.getByTestId('nav-settings').click()
        await page.getByTestId('page-settings').waitFor()
        await page.waitForTimeout(300)
        const t0 = await page.evaluate(() => performance.now())
        await page.getByTestId('nav-season').click()
        await page.getByTestId('index-value').waitFor()
        switches.push((await page.evaluate(() => performance.now())) - t0)
      }
      line('in-app navigation -> index value (warm cache)', switches)

      // Chart redraw: all ten years in view, alternating between two variants whose histories are
      // both in the query cache, so each switch is one setData of ~3,600 points plus the repaint.
      await page.getByTestId('chart-range').locator('button[data-value="all"]').click()
      for (const w of [30, 90]) {
        await page.getByTestId('variant-window').locator(`button[data-value="${w}"]`).click()
        await page.getByTestId('variant-window').and(page.locator(`[data-value="${w}"]`)).waitFor()
      }
      await page.evaluate(() => performance.clearMeasures('index-chart-redraw'))
      const clicks: number[] = []
      for (let i = 0; i < 10; i += 1) {
        const w = i % 2 === 0 ? 30 : 90
        const before = await page.evaluate(() => performance.getEntriesByName('index-chart-redraw').length)
        const t0 = await page.evaluate(() => performance.now())
        await page.getByTestId('variant-window').locator(`button[data-value="${w}"]`).click()
        await page.waitForFunction((n) => performance.getEntriesByName('index-chart-redraw').length > n, before)
        clicks.push((await page.evaluate(() => performance.now())) - t0)
      }
      const redraws = await page.evaluate(() =>
        performance.getEntriesByName('index-chart-redraw').map((e) => ({ duration: e.duration, points: ((e as unknown as { detail: { points: number } }).detail).points }))
      )
      const points = redraws.map((r) => r.points)
      line(`chart redraw, setData + paint (${Math.min(...points)}-${Math.max(...points)} points)`, redraws.map((r) => r.duration))
      line('variant click -> chart redrawn (incl. React)', clicks)
      process.stdout.write('\ntargets: index value shown < 1000 ms; chart redraw with 10 years of daily points < 100 ms\n')
    } finally {
      await browser.close()
      await app.stop()
    }
  } finally {
    await provider.close()
    removeDataDir(dataDir)
  }
}
