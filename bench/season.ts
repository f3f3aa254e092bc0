import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createCore } from '../src/main/core/create-core'
import { computeHistory, prepareMarket } from '../src/main/season/compute-index'
import type { MarketMatrix } from '../src/main/season/market-matrix'
import { inputRanges } from '../src/main/season/variants'
import { indexTops, indexWindows } from '../src/shared/domain'
import { seededRandom } from '../test/support/fake-coingecko/synthetic-dataset'

/**
 * The index engine's speed and memory (issue 4): full history of one variant and of all six for
 * 300 coins x 1500 days and 1000 coins x 3650 days, one new day incrementally (engine alone, and
 * through the service with SQLite), and peak memory. Prints figures; it does not pass or fail.
 */

/** Random-walk prices, caps that reorder over time, late listings, 5% missing days, a few stables. */
function syntheticMatrix(coins: number, days: number, firstDay = 16_000): MarketMatrix {
  const r = seededRandom(coins * 7919 + days)
  const ids = [
    'bitcoin',
    'ethereum',
    ...Array.from({ length: coins - 2 }, (_, i) => `coin-${String(i).padStart(5, '0')}`)
  ].sort()
  const price = new Float64Array(coins * days).fill(NaN)
  const cap = new Float64Array(coins * days).fill(NaN)
  const categories: string[][] = []
  ids.forEach((id, i) => {
    const stable = id !== 'bitcoin' && id !== 'ethereum' && i % 40 === 0
    categories.push(stable && i % 80 === 0 ? ['stablecoins'] : ['layer-1'])
    const listed = r() < 0.3 ? Math.floor(r() * days) : 0
    const supply = 1e6 + r() * 1e10
    const vol = stable ? 0.002 : 0.03 + r() * 0.08
    let p = stable ? 1 : 0.01 + r() * 100
    for (let t = 0; t < days; t += 1) {
      p = stable ? 1 + (r() - 0.5) * vol : p * Math.exp((r() - 0.5) * vol)
      if (t < listed || r() < 0.05) continue
      price[i * days + t] = p
      cap[i * days + t] = p * supply
    }
  })
  return { firstDay, dayCount: days, ids, price, cap, categories }
}

function time<T>(label: string, runs: number, fn: () => T): T {
  const samples: number[] = []
  const cpu: number[] = []
  let result: T | undefined
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now()
    const startCpu = process.cpuUsage()
    result = fn()
    samples.push(performance.now() - start)
    const used = process.cpuUsage(startCpu)
    cpu.push((used.user + used.system) / 1000)
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
  // CPU time beside wall time: on a shared machine the wall clock also counts other processes.
  process.stdout.write(
    `  ${label.padEnd(62)} wall median ${median(samples).toFixed(1).padStart(7)} ms, min ${Math.min(...samples)
      .toFixed(1)
      .padStart(7)} ms; ` + `cpu median ${median(cpu).toFixed(1).padStart(7)} ms  (${runs} runs)\n`
  )
  return result as T
}

const allVariants = { tops: [...indexTops], windows: [...indexWindows] }

function engineSuite(coins: number, days: number): void {
  process.stdout.write(`\n${coins} coins x ${days} days\n`)
  const matrix = syntheticMatrix(coins, days)
  // Typed arrays one full computation holds: raw price and cap, day-major as-of cap, ranking.
  // (Prices are looked up as-of where read, and peg answers are per coin-day, not a matrix.)
  const cells = coins * days
  const workingSet = cells * 8 * 3 + days * 100 * 4
  process.stdout.write(`  typed arrays held by one full computation: ${(workingSet / 1048576).toFixed(0)} MB\n`)
  const runs = coins * days > 1e6 ? 5 : 9
  time('prepare (as-of series, fixed exclusions)', runs, () => prepareMarket(matrix))
  time('one variant (top 100, 90 days, peg detection), incl. prepare', runs, () =>
    computeHistory(prepareMarket(matrix), { tops: [100], windows: [90], pegDetection: true })
  )
  time('all six variants (peg detection), incl. prepare', runs, () =>
    computeHistory(prepareMarket(matrix), { ...allVariants, pegDetection: true })
  )
  time('all six variants, peg detection on and off (what is stored)', runs, () => {
    const prepared = prepareMarket(matrix)
    computeHistory(prepared, { ...allVariants, pegDetection: true })
    computeHistory(prepared, { ...allVariants, pegDetection: false })
  })
  // One new day: the service loads only the days the rules reach back to (see inputRanges).
  const last = matrix.firstDay + days - 1
  const ranges = inputRanges(last, last)
  const first = ranges[0]![0]
  const slice = subMatrix(matrix, first, last, ranges)
  const columns = ranges.map(([a, b]) => [a - first, b - first] as const)
  time(`one new day, all six x peg on/off (${ranges.length} loaded day ranges)`, 21, () => {
    const prepared = prepareMarket(slice, columns)
    computeHistory(prepared, { ...allVariants, pegDetection: true, fromDay: last })
    computeHistory(prepared, { ...allVariants, pegDetection: false, fromDay: last })
  })
}

/** The matrix the service builds for an incremental run: only the needed day ranges filled. */
function subMatrix(m: MarketMatrix, first: number, last: number, ranges: [number, number][]): MarketMatrix {
  const days = last - first + 1
  const price = new Float64Array(m.ids.length * days).fill(NaN)
  const cap = new Float64Array(m.ids.length * days).fill(NaN)
  for (let i = 0; i < m.ids.length; i += 1) {
    for (const [a, b] of ranges) {
      for (let d = a; d <= b; d += 1) {
        price[i * days + d - first] = m.price[i * m.dayCount + d - m.firstDay] as number
        cap[i * days + d - first] = m.cap[i * m.dayCount + d - m.firstDay] as number
      }
    }
  }
  return { ...m, firstDay: first, dayCount: days, price, cap }
}

/** Through the service: a database with the synthetic market, one more day synced, refresh(). */
function serviceSuite(coins: number, days: number): void {
  process.stdout.write(`\nservice with SQLite, ${coins} coins x ${days} days\n`)
  const matrix = syntheticMatrix(coins, days + 1)
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-bench-'))
  const core = createCore({ dataDir: dir, runtime: 'cli' })
  try {
    const db = core.services.db
    const insertCoin = db.prepare(
      'INSERT INTO coins (id, symbol, name, tracked, first_seen_at, last_seen_at) VALUES (?, ?, ?, 1, 0, 0)'
    )
    const insertValue = db.prepare(
      'INSERT INTO daily_values (coin_id, day, price, price_ts, market_cap, market_cap_ts) VALUES (?, ?, ?, ?, ?, ?)'
    )
    const insertCategory = db.prepare('INSERT INTO coin_categories (coin_id, category) VALUES (?, ?)')
    const logChange = db.prepare('INSERT INTO market_changes (from_day, at) VALUES (?, 0)')
    const writeDays = (from: number, to: number) =>
      db.transaction(() => {
        matrix.ids.forEach((id, i) => {
          for (let t = from; t <= to; t += 1) {
            const p = matrix.price[i * matrix.dayCount + t] as number
            const c = matrix.cap[i * matrix.dayCount + t] as number
            if (p === p || c === c)
              insertValue.run(id, matrix.firstDay + t, p === p ? p : null, 0, c === c ? c : null, 0)
          }
        })
        logChange.run(matrix.firstDay + from)
      })()
    db.transaction(() =>
      matrix.ids.forEach((id, i) => {
        insertCoin.run(id, id, id)
        for (const category of matrix.categories[i] ?? []) insertCategory.run(id, category)
      })
    )()
    writeDays(0, days - 1)
    time('full history, all six x peg on/off, load + compute + store', 1, () => core.services.season.refresh())
    writeDays(days, days)
    time('one new day synced: refresh() load + compute + store', 1, () => core.services.season.refresh())
    time('nothing changed: refresh()', 21, () => core.services.season.refresh())
    time('index breakdown for the latest day (season:get-index)', 9, () => core.services.season.getIndex({}))
  } finally {
    core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function run(): Promise<void> {
  engineSuite(300, 1500)
  engineSuite(1000, 3650)
  serviceSuite(300, 1500)
  const usage = process.resourceUsage()
  const mem = process.memoryUsage()
  process.stdout.write(
    `\npeak resident memory of the whole run: ${(usage.maxRSS / 1024).toFixed(0)} MB ` +
      `(now: heap ${(mem.heapUsed / 1048576).toFixed(0)} MB, typed arrays ${(mem.arrayBuffers / 1048576).toFixed(0)} MB)\n`
  )
}
