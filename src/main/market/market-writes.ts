import type { Database } from 'better-sqlite3'
import { dayOfTimestamp } from '../../shared/dates'
import { isObservation } from './daily-values'
import type { DailyObservation } from './daily-values'
import { heldWantedFromDay } from './history-reach'
import type { HeldCoin } from './history-reach'

export interface SnapshotCoin {
  id: string
  symbol: string
  name: string
  rank: number
  price: number | null
  marketCap: number | null
  /** 24h volume in USD, when the snapshot carried it. */
  volume?: number | null
  /** The provider's last_updated, ms; null when it gave none (then no value is stored). */
  observedAt: number | null
  /** The provider's 30-day and 1-year price changes in percent, when it reported them. */
  change30d?: number | null
  change1y?: number | null
}

export interface HistoryNeed {
  coinId: string
  /** 'full' asks for the daily history from fromDay to now; 'range' fills a hole from fromDay to now. */
  kind: 'full' | 'range'
  fromDay: number
}

/** The coins the user holds or held, whose history reaches back to their first transaction. */
export interface HeldPlan {
  coins: readonly HeldCoin[]
  /** The earliest day the provider tier serves (history-reach.ts): no request reaches further. */
  reachFrom: number
}

export interface HistoryWrite {
  coinId: string
  rows: readonly DailyObservation[]
  requestedFromDay: number
  fetchedAt: number
  /** 'missing' records a coin the provider has no history for. */
  status: 'ok' | 'missing'
}

export interface MarketTotals {
  coinsTracked: number
  /** Tracked coins whose history has been fetched, or that the provider has none for. */
  coinsWithHistory: number
  /** Distinct UTC days with any stored value. */
  daysStored: number
  /** Coin-day rows. */
  valuesStored: number
  dataAsOf: number | null
}

/**
 * The sync's writes. Each method is one transaction; every transaction that changes daily_values
 * or coin_categories logs the smallest day it changed in market_changes (0 for categories), which
 * is what the index reads to recompute incrementally.
 */
export function createMarketWrites(db: Database) {
  // A stored value is replaced only by a strictly newer observation of the same day, price and
  // market cap independently; the WHERE makes a no-op upsert report zero changes.
  const upsertValue = db.prepare(`
    INSERT INTO daily_values (coin_id, day, price, price_ts, market_cap, market_cap_ts, volume, volume_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (coin_id, day) DO UPDATE SET
      price = CASE WHEN excluded.price IS NOT NULL AND (price_ts IS NULL OR excluded.price_ts > price_ts) THEN excluded.price ELSE price END,
      price_ts = CASE WHEN excluded.price IS NOT NULL AND (price_ts IS NULL OR excluded.price_ts > price_ts) THEN excluded.price_ts ELSE price_ts END,
      market_cap = CASE WHEN excluded.market_cap IS NOT NULL AND (market_cap_ts IS NULL OR excluded.market_cap_ts > market_cap_ts) THEN excluded.market_cap ELSE market_cap END,
      market_cap_ts = CASE WHEN excluded.market_cap IS NOT NULL AND (market_cap_ts IS NULL OR excluded.market_cap_ts > market_cap_ts) THEN excluded.market_cap_ts ELSE market_cap_ts END,
      volume = CASE WHEN excluded.volume IS NOT NULL AND (volume_ts IS NULL OR excluded.volume_ts > volume_ts) THEN excluded.volume ELSE volume END,
      volume_ts = CASE WHEN excluded.volume IS NOT NULL AND (volume_ts IS NULL OR excluded.volume_ts > volume_ts) THEN excluded.volume_ts ELSE volume_ts END
    WHERE (excluded.price IS NOT NULL AND (price_ts IS NULL OR excluded.price_ts > price_ts))
       OR (excluded.market_cap IS NOT NULL AND (market_cap_ts IS NULL OR excluded.market_cap_ts > market_cap_ts))
       OR (excluded.volume IS NOT NULL AND (volume_ts IS NULL OR excluded.volume_ts > volume_ts))
  `)
  const logChange = db.prepare('INSERT INTO market_changes (from_day, at) VALUES (?, ?)')
  const clearChanges = db.prepare('DELETE FROM snapshot_changes')
  const insertChanges = db.prepare(
    'INSERT OR IGNORE INTO snapshot_changes (coin_id, day, rank, market_cap, change_30d, change_1y) VALUES (?, ?, ?, ?, ?, ?)'
  )
  const upsertCoin = db.prepare(`
    INSERT INTO coins (id, symbol, name, last_rank, tracked, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, 1, ?, ?)
    ON CONFLICT (id) DO UPDATE SET symbol = excluded.symbol, name = excluded.name, last_rank = excluded.last_rank,
      tracked = 1, last_seen_at = excluded.last_seen_at
  `)
  const untrackOthers = db.prepare(
    `UPDATE coins SET tracked = 0 WHERE tracked = 1 AND id NOT IN (SELECT value FROM json_each(?))`
  )
  const extendCoverage = db.prepare(
    `UPDATE coin_history SET covered_to_day = ? WHERE coin_id = ? AND covered_to_day >= ? AND covered_to_day < ?`
  )
  const upsertHistory = db.prepare(`
    INSERT INTO coin_history (coin_id, requested_from_day, covered_to_day, fetched_at, status) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (coin_id) DO UPDATE SET requested_from_day = min(requested_from_day, excluded.requested_from_day),
      covered_to_day = max(covered_to_day, excluded.covered_to_day), fetched_at = excluded.fetched_at, status = excluded.status
  `)
  // The tracked coins by rank, then the held ones outside the tracked set (the JSON list of held ids).
  const selectNeeds = db.prepare<
    [string],
    {
      id: string
      tracked: number
      requested_from_day: number | null
      covered_to_day: number | null
      status: string | null
    }
  >(`
    SELECT c.id, c.tracked, h.requested_from_day, h.covered_to_day, h.status
    FROM coins c LEFT JOIN coin_history h ON h.coin_id = c.id
    WHERE c.tracked = 1 OR c.id IN (SELECT value FROM json_each(?))
    ORDER BY c.tracked DESC, c.last_rank IS NULL, c.last_rank, c.id
  `)
  const selectCategory = db.prepare<[string], { coin_id: string }>(
    'SELECT coin_id FROM coin_categories WHERE category = ? ORDER BY coin_id'
  )
  const deleteCategory = db.prepare('DELETE FROM coin_categories WHERE category = ?')
  const insertMember = db.prepare('INSERT OR IGNORE INTO coin_categories (coin_id, category) VALUES (?, ?)')
  const upsertRefresh = db.prepare(`
    INSERT INTO category_refresh (category, refreshed_at, member_count) VALUES (?, ?, ?)
    ON CONFLICT (category) DO UPDATE SET refreshed_at = excluded.refreshed_at, member_count = excluded.member_count
  `)
  const selectRefresh = db.prepare<[string], { refreshed_at: number }>(
    'SELECT refreshed_at FROM category_refresh WHERE category = ?'
  )
  const upsertGlobal = db.prepare(`
    INSERT INTO global_daily (day, btc_dominance, total_market_cap, observed_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (day) DO UPDATE SET btc_dominance = excluded.btc_dominance, total_market_cap = excluded.total_market_cap,
      observed_at = excluded.observed_at WHERE excluded.observed_at >= global_daily.observed_at
  `)
  const countTracked = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM coins WHERE tracked = 1')
  const countWithHistory = db.prepare<[], { n: number }>(
    'SELECT COUNT(*) AS n FROM coins c JOIN coin_history h ON h.coin_id = c.id WHERE c.tracked = 1'
  )
  const valueTotals = db.prepare<[], { days: number; rows: number; last: number | null }>(
    'SELECT COUNT(DISTINCT day) AS days, COUNT(*) AS rows, MAX(day) AS last FROM daily_values'
  )
  // Counting the values scans the whole table, and the sync state (read on every progress step and
  // window refresh) needs it; every write logs itself in market_changes, so its newest id says
  // whether the last count still holds, in any process.
  const lastChange = db.prepare<[], { id: number | null }>('SELECT MAX(id) AS id FROM market_changes')
  let cachedTotals: { changeId: number | null; days: number; rows: number; last: number | null } | null = null

  /** Writes observations; returns the smallest day that changed, or null. Call inside a transaction. */
  function writeValues(coinId: string, rows: readonly DailyObservation[]): { minDay: number | null; changed: number } {
    let minDay: number | null = null
    let changed = 0
    for (const row of rows) {
      const volume = row.volume ?? null
      if (row.price === null && row.marketCap === null && volume === null) continue
      const info = upsertValue.run(
        coinId,
        row.day,
        row.price,
        row.priceTs,
        row.marketCap,
        row.marketCapTs,
        volume,
        volume === null ? null : (row.volumeTs ?? null)
      )
      if (info.changes > 0) {
        changed += 1
        if (minDay === null || row.day < minDay) minDay = row.day
      }
    }
    return { minDay, changed }
  }

  const applySnapshot = db.transaction((coins: readonly SnapshotCoin[], now: number) => {
    const today = dayOfTimestamp(now)
    let minDay: number | null = null
    let changed = 0
    // The changes describe this snapshot only: the previous snapshot's go.
    clearChanges.run()
    for (const coin of coins) {
      upsertCoin.run(coin.id, coin.symbol, coin.name, coin.rank, now, now)
      insertChanges.run(
        coin.id,
        today,
        coin.rank,
        isObservation(coin.marketCap) ? coin.marketCap : null,
        coin.change30d ?? null,
        coin.change1y ?? null
      )
      // The snapshot looked at every listed coin today: if its history reached yesterday, it now reaches today.
      extendCoverage.run(today, coin.id, today - 1, today)
      if (coin.observedAt === null || coin.observedAt > now + 3_600_000) continue
      const ts = coin.observedAt
      const row: DailyObservation = {
        day: dayOfTimestamp(ts),
        price: isObservation(coin.price) ? coin.price : null,
        priceTs: isObservation(coin.price) ? ts : null,
        marketCap: isObservation(coin.marketCap) ? coin.marketCap : null,
        marketCapTs: isObservation(coin.marketCap) ? ts : null,
        volume: isObservation(coin.volume) ? coin.volume : null,
        volumeTs: isObservation(coin.volume) ? ts : null
      }
      const result = writeValues(coin.id, [row])
      changed += result.changed
      if (result.minDay !== null && (minDay === null || result.minDay < minDay)) minDay = result.minDay
    }
    untrackOthers.run(JSON.stringify(coins.map((c) => c.id)))
    if (minDay !== null) logChange.run(minDay, now)
    return { changed, minDay }
  })

  // Several coins per transaction: each coin's history touches one index page per day, so one
  // commit per coin rewrites the same pages over and over once the table is large.
  const writeHistories = db.transaction((items: readonly HistoryWrite[], now: number) => {
    let minDay: number | null = null
    let changed = 0
    for (const item of items) {
      const result = writeValues(item.coinId, item.rows)
      upsertHistory.run(item.coinId, item.requestedFromDay, dayOfTimestamp(item.fetchedAt), item.fetchedAt, item.status)
      changed += result.changed
      if (result.minDay !== null && (minDay === null || result.minDay < minDay)) minDay = result.minDay
    }
    if (minDay !== null) logChange.run(minDay, now)
    return { changed, minDay }
  })

  const replaceCategory = db.transaction((category: string, coinIds: readonly string[], now: number) => {
    const before = selectCategory.all(category).map((r) => r.coin_id)
    const after = [...new Set(coinIds)].sort()
    const same = before.length === after.length && before.every((id, i) => id === after[i])
    if (!same) {
      deleteCategory.run(category)
      for (const id of after) insertMember.run(id, category)
      logChange.run(0, now)
    }
    upsertRefresh.run(category, now, after.length)
    return !same
  })

  return {
    applySnapshot: (coins: readonly SnapshotCoin[], now: number) => applySnapshot.immediate(coins, now),
    /** Stores whole history answers and marks each coin's history as fetched, in one transaction. */
    writeHistories: (items: readonly HistoryWrite[], now: number) => writeHistories.immediate(items, now),
    replaceCategory: (category: string, coinIds: readonly string[], now: number) =>
      replaceCategory.immediate(category, coinIds, now),
    categoryRefreshedAt: (category: string): number | null => selectRefresh.get(category)?.refreshed_at ?? null,
    writeGlobal(day: number, btcDominance: number | null, totalMarketCap: number | null, observedAt: number): void {
      upsertGlobal.run(day, btcDominance, totalMarketCap, observedAt)
    },
    /**
     * Coins whose history must be fetched: never fetched, asked from too late a day, or with a hole.
     * A tracked coin wants history-days of history; a held one (tracked or not) wants it from two
     * days before its first transaction too, as far back as the tier serves. A coin asked from as
     * far back as the tier allows is not asked again for what lies beyond.
     */
    historyNeeds(today: number, historyDays: number, held: HeldPlan = { coins: [], reachFrom: today }): HistoryNeed[] {
      const firstDays = new Map(held.coins.map((coin) => [coin.coinId, coin.fromDay]))
      const needs: HistoryNeed[] = []
      for (const row of selectNeeds.all(JSON.stringify([...firstDays.keys()]))) {
        const firstDay = firstDays.get(row.id)
        const wantedFrom = Math.min(
          row.tracked === 1 ? today - historyDays : Infinity,
          firstDay === undefined ? Infinity : heldWantedFromDay(firstDay, today, historyDays, held.reachFrom)
        )
        if (row.status === 'missing' && row.requested_from_day !== null && row.requested_from_day <= wantedFrom)
          continue
        // A hole that starts at the first wanted day is refetched whole: a range call from that far
        // back could reach past what the tier serves.
        if (
          row.requested_from_day === null ||
          row.covered_to_day === null ||
          row.requested_from_day > wantedFrom ||
          row.covered_to_day <= wantedFrom
        ) {
          needs.push({ coinId: row.id, kind: 'full', fromDay: wantedFrom })
        } else if (row.covered_to_day < today) {
          needs.push({ coinId: row.id, kind: 'range', fromDay: row.covered_to_day })
        }
      }
      return needs
    },
    totals(): MarketTotals {
      const changeId = lastChange.get()?.id ?? null
      if (cachedTotals === null || cachedTotals.changeId !== changeId) {
        const counted = valueTotals.get()
        cachedTotals = { changeId, days: counted?.days ?? 0, rows: counted?.rows ?? 0, last: counted?.last ?? null }
      }
      const values = cachedTotals
      return {
        coinsTracked: countTracked.get()?.n ?? 0,
        coinsWithHistory: countWithHistory.get()?.n ?? 0,
        daysStored: values?.days ?? 0,
        valuesStored: values?.rows ?? 0,
        dataAsOf: values?.last ?? null
      }
    }
  }
}

export type MarketWrites = ReturnType<typeof createMarketWrites>
