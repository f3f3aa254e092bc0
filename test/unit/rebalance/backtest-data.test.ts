import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../src/main/db/migrate'
import { migrations } from '../../../src/main/db/migrations'
import { createMarketReads } from '../../../src/main/market/market-reads'
import { loadMarketSeries } from '../../../src/main/portfolio/rebalance/backtest-data'

const D = 20_000

function market(rows: [string, number, number | null, number | null][], categories: [string, string][] = []) {
  const db = new Database(':memory:')
  migrate(db, migrations)
  const ids = new Set(rows.map((r) => r[0]))
  for (const id of ids)
    db.prepare(
      'INSERT INTO coins (id, symbol, name, tracked, first_seen_at, last_seen_at) VALUES (?, ?, ?, 1, 0, 0)'
    ).run(id, id, id)
  for (const [id, day, price, cap] of rows)
    db.prepare(
      'INSERT INTO daily_values (coin_id, day, price, price_ts, market_cap, market_cap_ts) VALUES (?, ?, ?, 0, ?, 0)'
    ).run(id, day, price, cap)
  for (const [id, category] of categories)
    db.prepare('INSERT INTO coin_categories (coin_id, category) VALUES (?, ?)').run(id, category)
  return db
}

describe('altcoin basket from stored history', () => {
  it('weights the top N by the previous day cap, leaves out Bitcoin and stablecoins, and carries a missing price', () => {
    const db = market(
      [
        ['bitcoin', D, 100, 1e12],
        ['bitcoin', D + 1, 110, 1e12],
        ['bitcoin', D + 2, 99, 1e12],
        ['tether', D, 1, 5e11],
        ['tether', D + 1, 1, 5e11],
        ['tether', D + 2, 1, 5e11],
        ['alpha', D, 10, 300],
        ['alpha', D + 1, 11, 300],
        // alpha has no row on D + 2: its D + 1 price carries (no change).
        ['beta', D, 20, 100],
        ['beta', D + 1, 18, 100],
        ['beta', D + 2, 18, 100],
        ['gamma', D, 5, 50],
        ['gamma', D + 1, 5, 200],
        ['gamma', D + 2, 4, 200]
      ],
      [['tether', 'stablecoins']]
    )
    const series = loadMarketSeries(createMarketReads(db), D + 1, D + 2, 2)
    expect(Array.from(series.bitcoin)).toEqual([110, 99])
    // Into D + 1: the top 2 by D's cap are alpha (300) and beta (100): (300 x 1.1 + 100 x 0.9) / 400 = 1.05.
    // Into D + 2: by D + 1's cap alpha (300) and gamma (200): (300 x 1 + 200 x 0.8) / 500 = 0.92.
    expect(series.altcoins[0]).toBeCloseTo(1.05, 12)
    expect(series.altcoins[1]).toBeCloseTo(1.05 * 0.92, 12)
    expect(series.emptyBasketDays).toBe(0)
    expect(createMarketReads(db).priceBounds('bitcoin')).toEqual({ first: D, last: D + 2 })
    db.close()
  })

  it('a value more than 2 days old no longer counts, and a day with no basket stays flat', () => {
    const db = market([
      ['bitcoin', D, 100, 1e12],
      ['bitcoin', D + 4, 100, 1e12],
      ['alpha', D, 10, 300]
    ])
    const series = loadMarketSeries(createMarketReads(db), D + 1, D + 4, 10)
    // Bitcoin's D price carries to D + 2, then there is none until D + 4.
    expect(Array.from(series.bitcoin, (v) => (Number.isNaN(v) ? null : v))).toEqual([100, 100, null, 100])
    // alpha's D price and cap carry to D + 2 (a flat return on D + 1 and D + 2); after that it has
    // neither, so D + 3 and D + 4 have no basket at all and the level stays where it was.
    expect(Array.from(series.altcoins)).toEqual([1, 1, 1, 1])
    expect(series.emptyBasketDays).toBe(2)
    db.close()
  })
})
