import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../src/main/core/create-core'
import type { SyncSummary } from '../src/main/market/sync-types'
import { buildSyntheticDataset, startFakeCoinGecko } from '../test/support/fake-coingecko'
import type { FakeCoinGecko } from '../test/support/fake-coingecko'
import type { MarketDataset } from '../test/support/market-dataset'

// Requests a sync needs (initial backfill and next-day incremental, 250 and 1000 tracked coins),
// the wall time of a backfill against an unlimited local provider, and how closely a backfill
// under a request budget keeps to the time the budget itself requires. Prints figures only.

const DAY = 86_400_000
const LAST_DAY = 20_000
const NOW = LAST_DAY * DAY + 10 * 3_600_000
const print = (line: string) => process.stdout.write(`${line}\n`)

function core(dataDir: string, now: number) {
  const offset = now - Date.now()
  return createCore({ dataDir, runtime: 'cli', clock: { now: () => Date.now() + offset } })
}

async function sync(
  dataDir: string,
  fake: FakeCoinGecko,
  now: number,
  options: { coins: number; historyDays: number; maxRpm: number }
): Promise<SyncSummary> {
  fake.setNow(now)
  const c = core(dataDir, now)
  try {
    const summary = await c.services.sync.run({ ...options, providerUrl: fake.url })
    if (summary.status !== 'succeeded') throw new Error(`sync ${summary.status}: ${summary.error?.message ?? ''}`)
    return summary
  } finally {
    c.close()
  }
}

const breakdown = (s: SyncSummary) =>
  Object.entries(s.requestsByEndpoint)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')

async function requestsAndBackfill(dataset: MarketDataset, coins: number): Promise<void> {
  const fake = await startFakeCoinGecko({ dataset, now: NOW })
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-bench-sync-'))
  try {
    const started = performance.now()
    const backfill = await sync(dir, fake, NOW, { coins, historyDays: 365, maxRpm: 0 })
    const wall = performance.now() - started
    print(
      `${coins} coins, initial backfill (365 days): ${backfill.requests} requests (${breakdown(backfill)}); ` +
        `${backfill.valuesStored} coin-days in ${(wall / 1000).toFixed(1)} s wall against an unlimited local provider`
    )
    const before = core(dir, NOW)
    const known = new Set(
      (before.services.db.prepare('SELECT coin_id FROM coin_history').all() as { coin_id: string }[]).map(
        (r) => r.coin_id
      )
    )
    before.close()
    const next = await sync(dir, fake, NOW + DAY, { coins, historyDays: 365, maxRpm: 0 })
    const after = core(dir, NOW + DAY)
    const tracked = (after.services.db.prepare('SELECT id FROM coins WHERE tracked = 1').all() as { id: string }[]).map(
      (r) => r.id
    )
    after.close()
    const newcomers = tracked.filter((id) => !known.has(id)).length
    const pages = Math.ceil(coins / 250)
    const categoryPages = next.requestsByEndpoint.categories ?? 0
    const allowed = pages + categoryPages + 1 + newcomers
    print(
      `${coins} coins, next-day sync: ${next.requests} requests (${breakdown(next)}); newly tracked ${newcomers}; ` +
        `target (market pages ${pages} + category pages ${categoryPages} + global 1 + newly tracked ${newcomers}) = ${allowed}: ${next.requests <= allowed ? 'met' : 'MISSED'}`
    )
    const sameDay = await sync(dir, fake, NOW + DAY + 3_600_000, { coins, historyDays: 365, maxRpm: 0 })
    print(`${coins} coins, another sync the same day: ${sameDay.requests} requests (${breakdown(sameDay)})`)
  } finally {
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function budgetAccuracy(dataset: MarketDataset, perMinute: number, coins: number): Promise<void> {
  // The provider enforces the same rate over a short sliding window, so a short run can hit it.
  const fake = await startFakeCoinGecko({ dataset, now: NOW, rateLimitPerMinute: perMinute, rateLimitWindowMs: 5_000 })
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-bench-sync-'))
  try {
    const started = performance.now()
    const summary = await sync(dir, fake, NOW, { coins, historyDays: 30, maxRpm: perMinute })
    const wall = performance.now() - started
    const first = fake.requests[0]?.at ?? 0
    const last = fake.requests.at(-1)?.at ?? 0
    const required = ((summary.requests - 1) * 60_000) / perMinute
    const span = last - first
    print(
      `budget ${perMinute}/min, provider limit ${perMinute}/min: ${summary.requests} requests, 429s ${summary.statusCounts['429'] ?? 0}; ` +
        `first-to-last request ${(span / 1000).toFixed(2)} s vs ${(required / 1000).toFixed(2)} s the budget requires ` +
        `(${((span / required - 1) * 100).toFixed(1)}% longer); whole run ${(wall / 1000).toFixed(2)} s`
    )
  } finally {
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function run(): Promise<void> {
  const t = performance.now()
  const dataset = buildSyntheticDataset({ coins: 1_150, firstDay: LAST_DAY - 399, lastDay: LAST_DAY + 2, seed: 3 })
  print(
    `synthetic market: ${dataset.coins.length} coins, 402 days (built in ${((performance.now() - t) / 1000).toFixed(1)} s)`
  )
  await requestsAndBackfill(dataset, 250)
  await requestsAndBackfill(dataset, 1_000)
  await budgetAccuracy(dataset, 600, 110)
  await budgetAccuracy(dataset, 1_200, 110)
}
