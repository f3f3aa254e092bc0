import type { Database } from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/db/connection'
import { createMarketWrites } from '../../../src/main/market/market-writes'
import type { MarketWrites, SnapshotCoin } from '../../../src/main/market/market-writes'

const DAY = 86_400_000
const TODAY = 19_800
const NOW = TODAY * DAY + 10 * 3_600_000

let db: Database
let repo: MarketWrites
beforeEach(() => {
  db = openDatabase(':memory:')
  repo = createMarketWrites(db)
})
afterEach(() => db.close())

const coin = (
  id: string,
  rank: number,
  price: number | null,
  marketCap: number | null,
  observedAt: number | null = NOW
): SnapshotCoin => ({
  id,
  symbol: id.slice(0, 3),
  name: id,
  rank,
  price,
  marketCap,
  observedAt
})
const value = (id: string, day: number) =>
  db
    .prepare('SELECT price, price_ts, market_cap, market_cap_ts FROM daily_values WHERE coin_id = ? AND day = ?')
    .get(id, day) as
    | { price: number | null; price_ts: number | null; market_cap: number | null; market_cap_ts: number | null }
    | undefined
const changes = () =>
  db
    .prepare('SELECT from_day FROM market_changes ORDER BY id')
    .all()
    .map((r) => (r as { from_day: number }).from_day)
const obs = (day: number, price: number | null, cap: number | null, hour = 0) => ({
  day,
  price,
  priceTs: price === null ? null : day * DAY + hour * 3_600_000,
  marketCap: cap,
  marketCapTs: cap === null ? null : day * DAY + hour * 3_600_000
})

describe('market repository', () => {
  it('stores the snapshot as today’s values, tracks exactly the listed coins and logs the day it changed', () => {
    repo.applySnapshot([coin('bitcoin', 1, 60_000, 1.2e12), coin('ethereum', 2, 3_000, 3.6e11)], NOW)
    expect(value('bitcoin', TODAY)).toEqual({ price: 60_000, price_ts: NOW, market_cap: 1.2e12, market_cap_ts: NOW })
    repo.applySnapshot([coin('bitcoin', 1, 61_000, 1.21e12, NOW + 60_000)], NOW + 60_000)
    const tracked = db.prepare('SELECT id, tracked FROM coins ORDER BY id').all()
    expect(tracked).toEqual([
      { id: 'bitcoin', tracked: 1 },
      { id: 'ethereum', tracked: 0 }
    ])
    // A coin that left the tracked set keeps its history.
    expect(value('ethereum', TODAY)?.price).toBe(3_000)
    expect(changes()).toEqual([TODAY, TODAY])
  })

  it('never lets an older observation overwrite a newer one, for price and market cap independently', () => {
    repo.applySnapshot([coin('solana', 5, 150, 7e10)], NOW)
    // History arrives afterwards: its 00:00 point of today is older than the snapshot; its cap on
    // an earlier day is new. A null price is no observation and keeps the stored one.
    const result = repo.writeHistories(
      [
        {
          coinId: 'solana',
          rows: [obs(TODAY - 1, 140, 6.5e10), obs(TODAY, 149, null)],
          requestedFromDay: TODAY - 365,
          fetchedAt: NOW,
          status: 'ok'
        }
      ],
      NOW
    )
    expect(result.changed).toBe(1)
    expect(value('solana', TODAY)).toEqual({ price: 150, price_ts: NOW, market_cap: 7e10, market_cap_ts: NOW })
    expect(value('solana', TODAY - 1)?.price).toBe(140)
    // A later observation of the same day replaces only the series it carries.
    repo.writeHistories(
      [
        {
          coinId: 'solana',
          rows: [{ day: TODAY, price: null, priceTs: null, marketCap: 7.1e10, marketCapTs: NOW + 1 }],
          requestedFromDay: TODAY,
          fetchedAt: NOW,
          status: 'ok'
        }
      ],
      NOW
    )
    expect(value('solana', TODAY)).toEqual({ price: 150, price_ts: NOW, market_cap: 7.1e10, market_cap_ts: NOW + 1 })
    expect(changes()).toEqual([TODAY, TODAY - 1, TODAY])
  })

  it('logs nothing when rewriting the same observations (resume is idempotent)', () => {
    repo.applySnapshot([coin('solana', 5, 150, 7e10)], NOW)
    const write = {
      coinId: 'solana',
      rows: [obs(TODAY - 2, 130, 6e10), obs(TODAY - 1, 140, 6.5e10)],
      requestedFromDay: TODAY - 365,
      fetchedAt: NOW,
      status: 'ok' as const
    }
    expect(repo.writeHistories([write], NOW).changed).toBe(2)
    const before = changes().length
    expect(repo.writeHistories([write], NOW)).toEqual({ changed: 0, minDay: null })
    expect(changes().length).toBe(before)
    expect(db.prepare('SELECT COUNT(*) AS n FROM daily_values').get()).toEqual({ n: 3 })
  })

  it('asks for history of new coins, of coins with a hole, and again when more days are wanted', () => {
    repo.applySnapshot([coin('a', 1, 1, 1), coin('b', 2, 1, 1), coin('c', 3, 1, 1)], NOW)
    expect(repo.historyNeeds(TODAY, 365).map((n) => n.coinId)).toEqual(['a', 'b', 'c'])
    repo.writeHistories(
      ['a', 'b', 'c'].map((id) => ({
        coinId: id,
        rows: [],
        requestedFromDay: TODAY - 365,
        fetchedAt: NOW,
        status: 'ok' as const
      })),
      NOW
    )
    expect(repo.historyNeeds(TODAY, 365)).toEqual([])
    // Next day: the snapshot lists a and b (c dropped out, then comes back three days later).
    repo.applySnapshot([coin('a', 1, 1, 1, NOW + DAY), coin('b', 2, 1, 1, NOW + DAY)], NOW + DAY)
    expect(repo.historyNeeds(TODAY + 1, 365)).toEqual([])
    repo.applySnapshot(
      [coin('a', 1, 1, 1, NOW + 4 * DAY), coin('b', 2, 1, 1, NOW + 4 * DAY), coin('c', 3, 1, 1, NOW + 4 * DAY)],
      NOW + 4 * DAY
    )
    expect(repo.historyNeeds(TODAY + 4, 365)).toEqual([
      { coinId: 'a', kind: 'range', fromDay: TODAY + 1 },
      { coinId: 'b', kind: 'range', fromDay: TODAY + 1 },
      { coinId: 'c', kind: 'range', fromDay: TODAY }
    ])
    expect(repo.historyNeeds(TODAY + 4, 1000).every((n) => n.kind === 'full' && n.fromDay === TODAY + 4 - 1000)).toBe(
      true
    )
  })

  it('does not ask again for a coin the provider has no history for', () => {
    repo.applySnapshot([coin('ghost', 1, 1, 1)], NOW)
    repo.writeHistories(
      [{ coinId: 'ghost', rows: [], requestedFromDay: TODAY - 365, fetchedAt: NOW, status: 'missing' }],
      NOW
    )
    expect(repo.historyNeeds(TODAY, 365)).toEqual([])
  })

  it('asks for a held coin’s history from two days before its first transaction, within the tier, tracked or not', () => {
    // 'old' and 'gone' were tracked once; now only 'a' is.
    repo.applySnapshot([coin('a', 1, 1, 1), coin('old', 2, 1, 1), coin('gone', 3, 1, 1)], NOW)
    repo.applySnapshot([coin('a', 1, 1, 1)], NOW)
    const fetched = (coinId: string, requestedFromDay: number, at = NOW) =>
      repo.writeHistories([{ coinId, rows: [], requestedFromDay, fetchedAt: at, status: 'ok' }], at)
    fetched('a', TODAY - 90)
    const reachFrom = TODAY - 365
    const held = [
      { coinId: 'a', fromDay: TODAY - 200 },
      { coinId: 'old', fromDay: TODAY - 600 },
      // Never stored as a coin: it cannot have a history row, and is left out.
      { coinId: 'unknown', fromDay: TODAY - 10 }
    ]
    expect(repo.historyNeeds(TODAY, 90, { coins: held, reachFrom })).toEqual([
      { coinId: 'a', kind: 'full', fromDay: TODAY - 202 },
      { coinId: 'old', kind: 'full', fromDay: TODAY - 365 }
    ])
    // The history-days every coin gets reach further than a recent first transaction.
    expect(repo.historyNeeds(TODAY, 300, { coins: [{ coinId: 'old', fromDay: TODAY - 20 }], reachFrom })).toEqual([
      { coinId: 'a', kind: 'full', fromDay: TODAY - 300 },
      { coinId: 'old', kind: 'full', fromDay: TODAY - 300 }
    ])
    fetched('a', TODAY - 202)
    fetched('old', TODAY - 365)
    expect(repo.historyNeeds(TODAY, 90, { coins: held, reachFrom })).toEqual([])
    // Next day: 'a' is listed, so the snapshot covers it; 'old' is not and gets a range call. The
    // days before the tier's reach are not asked for again, although 'old' wants them.
    repo.applySnapshot([coin('a', 1, 1, 1, NOW + DAY)], NOW + DAY)
    expect(repo.historyNeeds(TODAY + 1, 90, { coins: held, reachFrom: reachFrom + 1 })).toEqual([
      { coinId: 'old', kind: 'range', fromDay: TODAY }
    ])
    // A tier that reaches further (a pro key) asks again from the first transaction.
    expect(repo.historyNeeds(TODAY + 1, 90, { coins: held, reachFrom: TODAY - 5000 })).toEqual([
      { coinId: 'old', kind: 'full', fromDay: TODAY - 602 }
    ])
    // A coin no longer held (nor tracked) is not asked for; its history stays.
    expect(repo.historyNeeds(TODAY + 1, 90)).toEqual([])
    expect(db.prepare("SELECT requested_from_day FROM coin_history WHERE coin_id = 'old'").get()).toEqual({
      requested_from_day: TODAY - 365
    })
  })

  it('refetches whole a held coin whose hole starts at the first day the tier serves', () => {
    repo.applySnapshot([coin('old', 1, 1, 1)], NOW)
    repo.applySnapshot([coin('a', 1, 1, 1)], NOW)
    repo.writeHistories([{ coinId: 'old', rows: [], requestedFromDay: TODAY - 400, fetchedAt: NOW, status: 'ok' }], NOW)
    // Covered to TODAY; 365 days later that is the tier's first day: a range call from its
    // midnight would reach past what the tier serves, so the history is asked for in days.
    const later = TODAY + 365
    const needs = repo.historyNeeds(later, 90, {
      coins: [{ coinId: 'old', fromDay: TODAY - 500 }],
      reachFrom: later - 365
    })
    expect(needs.filter((n) => n.coinId === 'old')).toEqual([{ coinId: 'old', kind: 'full', fromDay: later - 365 }])
  })

  it('replaces a category’s members and logs day 0 only when they changed', () => {
    expect(repo.replaceCategory('stablecoins', ['tether', 'usd-coin', 'tether'], NOW)).toBe(true)
    expect(repo.replaceCategory('stablecoins', ['usd-coin', 'tether'], NOW + 1)).toBe(false)
    expect(repo.replaceCategory('stablecoins', ['tether'], NOW + 2)).toBe(true)
    expect(db.prepare("SELECT coin_id FROM coin_categories WHERE category = 'stablecoins'").all()).toEqual([
      { coin_id: 'tether' }
    ])
    expect(changes()).toEqual([0, 0])
    expect(repo.categoryRefreshedAt('stablecoins')).toBe(NOW + 2)
  })

  it('reports totals: tracked coins, those with history, distinct days, coin-days and the newest day', () => {
    repo.applySnapshot([coin('a', 1, 2, 3), coin('b', 2, 2, null)], NOW)
    repo.writeHistories(
      [{ coinId: 'a', rows: [obs(TODAY - 3, 1, 1)], requestedFromDay: TODAY - 365, fetchedAt: NOW, status: 'ok' }],
      NOW
    )
    // Only a's history is fetched: b is tracked from the snapshot alone (partial data).
    expect(repo.totals()).toEqual({
      coinsTracked: 2,
      coinsWithHistory: 1,
      daysStored: 2,
      valuesStored: 3,
      dataAsOf: TODAY
    })
  })
})
