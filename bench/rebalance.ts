import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Database } from 'better-sqlite3'
import { createCore } from '../src/main/core/create-core'
import { openDatabase } from '../src/main/db/connection'
import { runBacktest, strategies } from '../src/main/portfolio/rebalance/backtest'
import { createMarketReads } from '../src/main/market/market-reads'
import { loadMarketSeries } from '../src/main/portfolio/rebalance/backtest-data'
import { computeHints } from '../src/main/portfolio/rebalance/hints'
import type { HoldingInput } from '../src/main/portfolio/rebalance/hints'
import { effectiveRegimes } from '../src/main/portfolio/rebalance/hysteresis'
import { standardThresholds } from '../src/shared/domain'
import { defaultTargets } from '../src/main/portfolio/rebalance/targets'
import type { BacktestResultShape } from '../src/shared/contract/rebalance'
import { loadCmcDataset } from '../test/support/cmc-dataset'
import { ALL_COINS } from '../test/fixtures/real-market/coverage'
import { writeDataset } from '../test/integration/season/direct-load'
import { seededRandom } from '../test/support/fake-coingecko/synthetic-dataset'

/**
 * Rebalancing figures: the hint arithmetic for a 50-asset portfolio, the altcoin basket read from
 * SQLite and the three strategies for 300 x 1500 and 1000 x 3650 stored days, and the backtest on
 * real CMC history through the real core: every coin the repository's fixture holds, 2020-06-01 ..
 * 2022-01-07 (test/fixtures/real-market). Prints figures; it does not pass or fail.
 */

function median(label: string, runs: number, fn: () => unknown): void {
  const samples: number[] = []
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now()
    fn()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  process.stdout.write(
    `${label}: median ${(samples[Math.floor(samples.length / 2)] as number).toFixed(2)} ms over ${runs} runs\n`
  )
}

function seedMarket(db: Database, coins: number, days: number, firstDay: number): void {
  const r = seededRandom(coins + days)
  const coin = db.prepare(
    'INSERT INTO coins (id, symbol, name, tracked, first_seen_at, last_seen_at) VALUES (?, ?, ?, 1, 0, 0)'
  )
  const value = db.prepare(
    'INSERT INTO daily_values (coin_id, day, price, price_ts, market_cap, market_cap_ts) VALUES (?, ?, ?, 0, ?, 0)'
  )
  db.transaction(() => {
    for (let c = 0; c < coins; c += 1) {
      const id = c === 0 ? 'bitcoin' : `coin-${c}`
      coin.run(id, id.slice(0, 8), id)
      let p = 1 + r() * 100
      const supply = 1e6 + r() * 1e10
      for (let d = 0; d < days; d += 1) {
        p *= Math.exp((r() - 0.5) * 0.08)
        if (r() < 0.03) continue
        value.run(id, firstDay + d, p, p * supply)
      }
    }
  })()
}

function syntheticSizes(): void {
  for (const [coins, days] of [
    [300, 1500],
    [1000, 3650]
  ] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-bench-rebalance-'))
    const db = openDatabase(join(dir, 'bench.db'))
    try {
      const firstDay = 16_000
      const seeding = performance.now()
      seedMarket(db, coins, days, firstDay)
      process.stdout.write(
        `\n${coins} coins x ${days} days (seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s)\n`
      )
      const market = createMarketReads(db)
      let series = loadMarketSeries(market, firstDay + 1, firstDay + days - 1, 100)
      median(
        '  altcoin basket + Bitcoin from SQLite (top 100)',
        3,
        () => (series = loadMarketSeries(market, firstDay + 1, firstDay + days - 1, 100))
      )
      const n = series.bitcoin.length
      const index = Array.from({ length: n }, (_, i) => ({ day: firstDay + 1 + i, value: 50 + 45 * Math.sin(i / 60) }))
      const regimes = effectiveRegimes(index, standardThresholds, 3).map((d) => d.effective)
      const input = {
        days: Int32Array.from(index, (p) => p.day),
        bitcoin: series.bitcoin,
        altcoins: series.altcoins,
        regimes
      }
      for (const strategy of strategies) {
        median(`  ${strategy} strategy over ${n} days`, 5, () =>
          runBacktest(input, {
            strategy,
            fixedTargets: defaultTargets.neutral,
            regimeTargets: defaultTargets,
            feeRate: 0.005,
            periodDays: 30,
            bands: { absolute: 5, relative: 25 },
            minTrade: 20,
            initialValue: 10_000
          })
        )
      }
      process.stdout.write(
        `  heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB\n`
      )
    } finally {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

function hintArithmetic(): void {
  const r = seededRandom(50)
  const holdings: HoldingInput[] = Array.from({ length: 50 }, (_, i) => ({
    coinId: i === 0 ? 'bitcoin' : i < 4 ? `stable-${i}` : `alt-${i}`,
    symbol: `c${i}`,
    sleeve: i === 0 ? 'bitcoin' : i < 4 ? 'stablecoins' : 'altcoins',
    inRankedSet: i % 3 !== 0,
    quantity: 1 + r() * 100,
    price: i < 4 && i > 0 ? 1 : 1 + r() * 1000,
    priceAsOf: '2024-12-10'
  }))
  const request = {
    holdings,
    targets: defaultTargets.neutral,
    bands: { absolute: 5, relative: 25 },
    feeRate: 0.005,
    minTrade: 20,
    contribution: 0,
    context: { regime: 'neutral' as const, indexValue: 50, indexAsOf: '2024-12-10' },
    quotes: {},
    fallbackAltcoin: null
  }
  process.stdout.write('\nhint arithmetic, 50 holdings\n')
  median('  rebalance mode', 200, () => computeHints({ ...request, mode: 'rebalance' }))
  median('  buy-only mode', 200, () => computeHints({ ...request, mode: 'buy-only', contribution: 5_000 }))
}

async function realHistory(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-bench-rebalance-real-'))
  const core = createCore({ dataDir: dir, runtime: 'cli' })
  try {
    const started = performance.now()
    // The fixture has every coin only in this range (see its SOURCE.md).
    const { from, to } = ALL_COINS
    writeDataset(core.services.db, loadCmcDataset({ from, to }))
    core.services.season.refresh()
    process.stdout.write(
      `\nreal CMC history ${from} .. ${to}, every coin (test/fixtures/real-market; stored and indexed in ${((performance.now() - started) / 1000).toFixed(1)} s), fee 0.5%, Neutral 50/30/20, every 30 days\n`
    )
    const t0 = performance.now()
    const result = await core.dispatch('rebalance:run-backtest', { feeRatePercent: 0.5 }, { runtime: 'cli' })
    if (!result.ok) throw new Error(result.error.message)
    const data = result.data as BacktestResultShape
    process.stdout.write(
      `  backtest through the dispatcher: ${(performance.now() - t0).toFixed(0)} ms, ${data.from} .. ${data.to} (${data.days} days)\n`
    )
    for (const s of data.strategies) {
      const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`)
      process.stdout.write(
        `  ${s.strategy.padEnd(9)} final ${s.finalValue.toFixed(0).padStart(8)}  CAGR ${pct(s.cagr).padStart(7)}  max DD ${pct(s.maxDrawdown).padStart(6)}  vol ${pct(s.volatility).padStart(6)}  trades ${s.trades}\n`
      )
    }
  } finally {
    core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function run(): Promise<void> {
  hintArithmetic()
  syntheticSizes()
  await realHistory()
}
