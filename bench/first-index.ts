import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../src/main/core/create-core'
import { buildSyntheticDataset, startFakeCoinGecko } from '../test/support/fake-coingecko'

// Time to the first index on a fresh install against a provider that allows 30 calls a minute
// (the free tier), with the app's own budget set to the same 30, the core started as the app
// starts it: when the provisional 30- and 365-day values first exist (from the markets call's
// price changes), when the 90-day and the history-based 30-day values first exist (histories are
// fetched in rank order, bitcoin first), and when the full backfill ends. FIRST_INDEX_COINS sets the tracked coins (default 60, about 2.5 minutes; the
// app's default of 250 takes about 9). Prints figures only.

const DAY = 86_400_000
const LAST_DAY = 20_000
const NOW = LAST_DAY * DAY + 10 * 3_600_000
const print = (line: string) => process.stdout.write(`${line}\n`)
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

export async function run(): Promise<void> {
  const coins = Number(process.env.FIRST_INDEX_COINS ?? 60)
  const dataset = buildSyntheticDataset({ coins: coins + 10, firstDay: LAST_DAY - 399, lastDay: LAST_DAY, seed: 5 })
  const fake = await startFakeCoinGecko({ dataset, now: NOW, rateLimitPerMinute: 30 })
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-bench-first-index-'))
  const offset = NOW - Date.now()
  const core = createCore({ dataDir: dir, runtime: 'cli', clock: { now: () => Date.now() + offset } })
  try {
    core.services.settings.set({ trackedCoins: coins, historyDays: 365, maxRequestsPerMinute: 30 })
    core.start({ syncSchedule: false })
    const started = performance.now()
    const first: Record<number, { ms: number; requests: number; coins: string } | undefined> = {}
    const provisional: Record<number, { ms: number; requests: number } | undefined> = {}
    core.services.sync.start({ providerUrl: fake.url })
    while (core.services.sync.getState().running) {
      for (const window of [90, 30, 365] as const) {
        if (first[window]) continue
        const index = core.services.season.findIndex({ window })
        if (index?.provisional) {
          provisional[window] ??= { ms: performance.now() - started, requests: fake.requests.length }
        } else if (index) {
          const partial = index.partial
          first[window] = {
            ms: performance.now() - started,
            requests: fake.requests.length,
            coins: partial ? `${partial.coinsWithHistory} of ${partial.coinsTracked}` : 'all'
          }
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    const total = performance.now() - started
    const state = core.services.sync.getState()
    print(`fresh install, ${coins} coins tracked, 365 days, provider and budget at 30 calls a minute`)
    for (const window of [30, 365] as const) {
      const at = provisional[window]
      print(
        at
          ? `  provisional ${window}-day index: ${seconds(at.ms)} (${at.requests} requests)`
          : `  provisional ${window}-day index: none during the sync`
      )
    }
    for (const window of [90, 30, 365] as const) {
      const at = first[window]
      print(
        at
          ? `  first ${window}-day index: ${seconds(at.ms)} (${at.requests} requests, history of ${at.coins} coins)`
          : `  first ${window}-day index: none during the sync`
      )
    }
    print(`  full backfill: ${seconds(total)} (${fake.requests.length} requests, last run ${state.lastOutcome})`)
  } finally {
    core.close()
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
