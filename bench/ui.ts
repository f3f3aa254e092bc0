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
const chromiumPath =
  process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p))

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const ms = (x: number) => `${x.toFixed(1)} ms`
const line = (label: string, xs: number[]) =>
  process.stdout.write(
    `${label.padEnd(52)} median ${ms(median(xs)).padStart(10)}   min ${ms(Math.min(...xs)).padStart(10)}   max ${ms(Math.max(...xs)).padStart(10)}   (n=${xs.length})\n`
  )

// Timing is taken inside the page, so Playwright's own round trips are not counted: a click
// listener notes when the user acted, an observer notes the frame in which the index value is
// first in the document after that (or after navigation start).
// Kept as page-side source text: it runs in the browser, not under Node (and not through tsx's
// transform, which would add helpers the page does not have).
const probe = `
  window.__actedAt = 0;
  window.__shownAt = null;
  const check = () => {
    if (window.__shownAt === null && document.querySelector('[data-testid="index-value"]')) {
      window.__shownAt = -1;
      requestAnimationFrame(() => { window.__shownAt = performance.now(); });
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  document.addEventListener('click', () => {
    window.__actedAt = performance.now();
    window.__shownAt = document.querySelector('[data-testid="index-value"]') ? -1 : null;
  }, true);
`

async function shownAfterAction(page: Page): Promise<number> {
  await page.waitForFunction('(window.__shownAt ?? -1) > 0')
  return page.evaluate<number>('window.__shownAt - window.__actedAt')
}

/** Navigation start to the frame the index value is first shown in. */
async function loadToValue(page: Page, url: string | null): Promise<number> {
  if (url === null) await page.reload()
  else await page.goto(url)
  return shownAfterAction(page)
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
    await execFileAsync(
      process.execPath,
      [
        cli,
        'sync',
        '--json',
        '--data-dir',
        dataDir,
        '--provider-url',
        provider.url,
        '--max-rpm',
        '0',
        '--coins',
        '150',
        '--history-days',
        String(YEARS * 365)
      ],
      {
        cwd: repoRoot,
        maxBuffer: 64 * 1024 * 1024
      }
    )
    process.stdout.write(
      `setup: synced ${dataset.coins.length} coins x ${YEARS * 365} days in ${ms(performance.now() - started)}\n`
    )
    started = performance.now()
    // Computes and stores every variant's history once, as the app does on its first read. Only
    // the last month is printed: a large JSON answer on a pipe is not what is measured here.
    const from = new Date((today - 30) * DAY).toISOString().slice(0, 10)
    await execFileAsync(process.execPath, [cli, 'history', '--json', '--from', from, '--data-dir', dataDir], {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024
    })
    process.stdout.write(
      `setup: index history of every variant computed and stored in ${ms(performance.now() - started)}\n\n`
    )

    const app = await startBrowserMode({ dataDir, env: { SEASONWATCH_PROVIDER_URL: provider.url } })
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']
    })
    try {
      // The probe's page-side checks are strings, which the app's CSP (no eval) would refuse.
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, bypassCSP: true })
      await page.addInitScript({ content: probe })
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
        await page.getByTestId('nav-season').click()
        switches.push(await shownAfterAction(page))
      }
      line('in-app navigation -> index value (warm cache)', switches)

      // Chart redraw: all ten years in view, alternating between two variants whose histories are
      // both in the query cache, so each switch is one setData of ~3,600 points plus the repaint.
      await page.getByTestId('chart-range').locator('button[data-value="all"]').click()
      for (const w of [30, 90]) {
        await page.getByTestId('variant-window').locator(`button[data-value="${w}"]`).click()
        await page
          .getByTestId('variant-window')
          .and(page.locator(`[data-value="${w}"]`))
          .waitFor()
      }
      await page.evaluate(() => performance.clearMeasures('index-chart-redraw'))
      const clicks: number[] = []
      for (let i = 0; i < 10; i += 1) {
        const w = i % 2 === 0 ? 30 : 90
        const before = await page.evaluate(() => performance.getEntriesByName('index-chart-redraw').length)
        await page.getByTestId('variant-window').locator(`button[data-value="${w}"]`).click()
        await page.waitForFunction((n) => performance.getEntriesByName('index-chart-redraw').length > n, before)
        clicks.push(
          await page.evaluate<number>(`(() => {
            const all = performance.getEntriesByName('index-chart-redraw');
            const last = all[all.length - 1];
            return last.startTime + last.duration - window.__actedAt;
          })()`)
        )
      }
      const redraws = await page.evaluate(() =>
        performance.getEntriesByName('index-chart-redraw').map((e) => ({
          duration: e.duration,
          points: (e as unknown as { detail: { points: number } }).detail.points
        }))
      )
      const points = redraws.map((r) => r.points)
      line(
        `chart redraw, setData + paint (${Math.min(...points)}-${Math.max(...points)} points)`,
        redraws.map((r) => r.duration)
      )
      line('variant click -> chart redrawn (incl. React)', clicks)
      process.stdout.write(
        '\ntargets: index value shown < 1000 ms; chart redraw with 10 years of daily points < 100 ms\n'
      )
    } finally {
      await browser.close()
      await app.stop()
    }
  } finally {
    await provider.close()
    removeDataDir(dataDir)
  }
}
