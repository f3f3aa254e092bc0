import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import { createCore } from '../../../src/main/core/create-core'
import type { Core, CoreOptions } from '../../../src/main/core/create-core'
import { buildSyntheticDataset } from '../../support/fake-coingecko'
import type { MarketDataset } from '../../support/market-dataset'

export const DAY = 86_400_000
/** The fake market's last day (2024-10-04) and the moment "now" within it. */
export const LAST_DAY = 20_000
export const NOW = LAST_DAY * DAY + 10 * 3_600_000

export function syntheticMarket(coins = 60, days = 420): MarketDataset {
  return buildSyntheticDataset({ coins, firstDay: LAST_DAY - days + 1, lastDay: LAST_DAY + 3, seed: 7 })
}

/** Short timeouts and retry pauses, so a fault costs milliseconds; the logic is the production one. */
export const fastTuning: NonNullable<CoreOptions['sync']> = {
  clientTuning: { timeoutMs: 400, maxAttempts: 4, backoffBaseMs: 20, backoffMaxMs: 100, defaultRetryAfterMs: 250 }
}

/** A calendar clock starting at `start` that runs at real speed (waits need time to pass). */
export function runningClock(start: number) {
  const offset = start - Date.now()
  return { now: () => Date.now() + offset }
}

const dirs: string[] = []
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-sync-'))
  dirs.push(dir)
  return dir
}
export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

export function openCore(options: Partial<CoreOptions> & { now?: number } = {}): Core {
  const { now = NOW, ...rest } = options
  return createCore({ dataDir: tempDir(), runtime: 'cli', clock: runningClock(now), sync: fastTuning, ...rest })
}

/** Everything a sync stores, minus the times of our own bookkeeping, in a stable order. */
export function storedMarket(db: Database) {
  return {
    coins: db.prepare('SELECT id, symbol, name, last_rank, tracked FROM coins ORDER BY id').all(),
    values: db
      .prepare(
        'SELECT coin_id, day, price, price_ts, market_cap, market_cap_ts FROM daily_values ORDER BY coin_id, day'
      )
      .all(),
    categories: db.prepare('SELECT coin_id, category FROM coin_categories ORDER BY category, coin_id').all(),
    history: db
      .prepare('SELECT coin_id, requested_from_day, covered_to_day, status FROM coin_history ORDER BY coin_id')
      .all(),
    global: db.prepare('SELECT day, btc_dominance, total_market_cap FROM global_daily ORDER BY day').all()
  }
}
