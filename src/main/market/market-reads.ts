import type { Database } from 'better-sqlite3'

/** Coin ids in UTF-16 code unit order, as JavaScript compares strings: the ranking's tie-break. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** A coin as the provider lists it; rank is its last known market-cap rank. */
export interface CoinInfo {
  id: string
  symbol: string
  name: string
  rank: number | null
}

/** One stored coin-day: price and market cap in USD, null where the day has none. */
export interface DailyRow {
  coinId: string
  day: number
  price: number | null
  marketCap: number | null
}

/** One coin's stored days, ascending, in typed arrays; NaN where a day has no value. */
export interface CoinValues {
  days: Int32Array
  price: Float64Array
  cap: Float64Array
  volume: Float64Array
}

/** One coin's stored daily prices, ascending by day, in typed arrays. */
export interface PriceSeries {
  days: Int32Array
  prices: Float64Array
}

export interface DayBounds {
  first: number
  last: number
}

/**
 * Every read of the market tables (coins, categories, daily values, the change log, global
 * figures). Statements are prepared once; each read is a plain synchronous function. The index,
 * the portfolio and rebalancing all read the market through here, never with their own SQL.
 */
/** One tracked coin's price changes as the latest market snapshot reported them (percent). */
export interface SnapshotChange {
  id: string
  day: number
  rank: number
  marketCap: number | null
  change30d: number | null
  change1y: number | null
}

export function createMarketReads(db: Database) {
  const coverage = db.prepare<[], { tracked: number; with_history: number }>(
    `SELECT COUNT(*) AS tracked, COUNT(h.coin_id) AS with_history
     FROM coins c LEFT JOIN coin_history h ON h.coin_id = c.id WHERE c.tracked = 1`
  )
  const stmts = {
    coins: db.prepare<[], CoinInfo>('SELECT id, symbol, name, last_rank AS rank FROM coins'),
    coin: db.prepare<[string], CoinInfo>('SELECT id, symbol, name, last_rank AS rank FROM coins WHERE id = ?'),
    bySymbol: db.prepare<[string], CoinInfo>(
      `SELECT id, symbol, name, last_rank AS rank FROM coins WHERE symbol = ? COLLATE NOCASE
       ORDER BY last_rank IS NULL, last_rank, id`
    ),
    search: db.prepare<[string, string, string, number], CoinInfo>(
      `SELECT id, symbol, name, last_rank AS rank FROM coins
       WHERE symbol = ? COLLATE NOCASE OR name LIKE ? ESCAPE '\\' OR id LIKE ? ESCAPE '\\'
       ORDER BY last_rank IS NULL, last_rank, id LIMIT ?`
    ),
    categories: db.prepare<[], { coin_id: string; category: string }>('SELECT coin_id, category FROM coin_categories'),
    members: db.prepare<[string], string>('SELECT coin_id FROM coin_categories WHERE category = ?').pluck(),
    refreshed: db.prepare<[], string>('SELECT category FROM category_refresh').pluck(),
    snapshotChanges: db.prepare<[], SnapshotChange>(
      `SELECT coin_id AS id, day, rank, market_cap AS marketCap, change_30d AS change30d, change_1y AS change1y
       FROM snapshot_changes ORDER BY rank, coin_id`
    ),
    // Two subqueries: SQLite answers a lone min() or max() from the index, but not both in one select.
    dayBounds: db.prepare<[], { first: number | null; last: number | null }>(
      'SELECT (SELECT min(day) FROM daily_values) AS first, (SELECT max(day) FROM daily_values) AS last'
    ),
    priceBounds: db.prepare<[string], { first: number | null; last: number | null }>(
      'SELECT min(day) AS first, max(day) AS last FROM daily_values WHERE coin_id = ? AND price IS NOT NULL'
    ),
    marketDay: db.prepare<[], number | null>('SELECT max(day) FROM daily_values WHERE price IS NOT NULL').pluck(),
    maxChangeId: db.prepare<[], number | null>('SELECT max(id) FROM market_changes').pluck(),
    changedFrom: db.prepare<[number], number | null>('SELECT min(from_day) FROM market_changes WHERE id > ?').pluck(),
    // Per coin: the primary key (coin_id, day) reads each coin's days in one sequential range,
    // where the day index would need a primary-key lookup for every row.
    coinRows: db
      .prepare<[string, number, number], [number, number | null, number | null]>(
        'SELECT day, price, market_cap FROM daily_values WHERE coin_id = ? AND day BETWEEN ? AND ? ORDER BY day'
      )
      .raw(),
    pricesBetween: db
      .prepare<[string, number, number], [number, number]>(
        'SELECT day, price FROM daily_values WHERE coin_id = ? AND day BETWEEN ? AND ? AND price IS NOT NULL ORDER BY day'
      )
      .raw(),
    coinDays: db
      .prepare<[string, number, number], [number, number | null, number | null, number | null]>(
        'SELECT day, price, market_cap, volume FROM daily_values WHERE coin_id = ? AND day BETWEEN ? AND ? ORDER BY day'
      )
      .raw(),
    prices: db
      .prepare<[string, number], [number, number]>(
        'SELECT day, price FROM daily_values WHERE coin_id = ? AND day >= ? AND price IS NOT NULL ORDER BY day'
      )
      .raw(),
    latestPrice: db.prepare<[string], { day: number; price: number }>(
      'SELECT day, price FROM daily_values WHERE coin_id = ? AND price IS NOT NULL ORDER BY day DESC LIMIT 1'
    ),
    latestGlobal: db.prepare<[], { day: number; btcDominance: number }>(
      `SELECT day, btc_dominance AS btcDominance FROM global_daily
       WHERE btc_dominance IS NOT NULL ORDER BY day DESC LIMIT 1`
    )
  }

  const bounds = (row: { first: number | null; last: number | null } | undefined): DayBounds | null =>
    row && row.first !== null && row.last !== null ? { first: row.first, last: row.last } : null

  /** Tracked coins, and those whose history is fetched (or known missing): fewer is partial data. */
  function historyCoverage(): { coinsTracked: number; coinsWithHistory: number } {
    const row = coverage.get()
    return { coinsTracked: row?.tracked ?? 0, coinsWithHistory: row?.with_history ?? 0 }
  }
  return {
    historyCoverage,
    coins: (): Map<string, CoinInfo> => new Map(stmts.coins.all().map((coin) => [coin.id, coin])),
    /** Every stored coin id in the order the index ranks ties by (DESIGN.md 1.5). */
    coinIds: (): string[] =>
      stmts.coins
        .all()
        .map((coin) => coin.id)
        .sort(compareIds),
    coin: (id: string): CoinInfo | null => stmts.coin.get(id) ?? null,
    /** Coins that call themselves `symbol`, best ranked first. */
    coinsWithSymbol: (symbol: string): CoinInfo[] => stmts.bySymbol.all(symbol),
    searchCoins(query: string, limit = 20): CoinInfo[] {
      const q = query.trim()
      const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`
      return stmts.search.all(q, like, like, limit)
    },
    /** Provider categories per coin. */
    categories(): Map<string, string[]> {
      const map = new Map<string, string[]>()
      for (const { coin_id, category } of stmts.categories.all()) {
        const list = map.get(coin_id)
        if (list) list.push(category)
        else map.set(coin_id, [category])
      }
      return map
    },
    categoryMembers: (category: string): Set<string> => new Set(stmts.members.all(category)),
    /** The categories whose membership has been fetched at least once. */
    refreshedCategories: (): Set<string> => new Set(stmts.refreshed.all()),
    /** The latest snapshot's 30-day and 1-year price changes per tracked coin, by rank. */
    snapshotChanges: (): SnapshotChange[] => stmts.snapshotChanges.all(),
    /** First and last day with any stored value. */
    dayBounds: (): DayBounds | null => bounds(stmts.dayBounds.get()),
    /** First and last day with a stored price of one coin. */
    priceBounds: (coinId: string): DayBounds | null => bounds(stmts.priceBounds.get(coinId)),
    /** The newest day with any stored price: what "as of the last sync" means. */
    marketDay: (): number | null => stmts.marketDay.get() ?? null,
    maxChangeId: (): number => stmts.maxChangeId.get() ?? 0,
    /** The smallest day changed by the writes logged after `afterId`, or null. */
    changedFrom: (afterId: number): number | null => stmts.changedFrom.get(afterId) ?? null,
    /** One coin's stored days in [from, to], ascending: [day, price, marketCap] arrays. */
    coinRows: (coinId: string, from: number, to: number) => stmts.coinRows.iterate(coinId, from, to),
    /** One coin's stored days in [from, to], ascending, with volume: [day, price, marketCap, volume]. */
    coinDays: (coinId: string, from: number, to: number) => stmts.coinDays.all(coinId, from, to),
    /** The same days as typed arrays (a coin page reads ten years of them). */
    coinValues(coinId: string, from: number, to: number): CoinValues {
      const rows = stmts.coinDays.all(coinId, from, to)
      const out: CoinValues = {
        days: new Int32Array(rows.length),
        price: new Float64Array(rows.length),
        cap: new Float64Array(rows.length),
        volume: new Float64Array(rows.length)
      }
      rows.forEach(([day, price, cap, volume], i) => {
        out.days[i] = day
        out.price[i] = price ?? NaN
        out.cap[i] = cap ?? NaN
        out.volume[i] = volume ?? NaN
      })
      return out
    },
    /** Daily rows of every coin whose day falls in any of the given inclusive, non-overlapping ranges. */
    valuesIn(ranges: readonly (readonly [number, number])[]): DailyRow[] {
      const rows: DailyRow[] = []
      for (const { id } of stmts.coins.all()) {
        for (const [from, to] of ranges) {
          for (const [day, price, marketCap] of stmts.coinRows.iterate(id, from, to))
            rows.push({ coinId: id, day, price, marketCap })
        }
      }
      return rows
    },
    /**
     * One coin's stored prices on the days of the given ascending, non-overlapping inclusive
     * ranges (the as-of rule still holds: a lookup never carries a value further than 2 days),
     * or null when it has none there. Readers that need a few stretches read only those.
     */
    priceRanges(coinId: string, ranges: readonly (readonly [number, number])[]): PriceSeries | null {
      const rows: [number, number][] = []
      for (const [from, to] of ranges) for (const row of stmts.pricesBetween.all(coinId, from, to)) rows.push(row)
      return seriesOf(rows)
    },
    /** One coin's stored prices from `fromDay` on, or null when it has none. */
    priceSeries(coinId: string, fromDay = -1e9): PriceSeries | null {
      // Raw rows (arrays, not objects) keep loading five years of fifty coins cheap.
      const rows = stmts.prices.all(coinId, fromDay)
      return seriesOf(rows)
    },
    /** The newest stored price of a coin and its day, however old. */
    latestPrice: (coinId: string): { day: number; price: number } | null => stmts.latestPrice.get(coinId) ?? null,
    /** The provider's newest global Bitcoin dominance. */
    latestGlobal: (): { day: number; btcDominance: number } | null => stmts.latestGlobal.get() ?? null
  }
}

export type MarketReads = ReturnType<typeof createMarketReads>

/** Raw [day, price] rows as typed arrays, or null when there are none. */
function seriesOf(rows: readonly (readonly [number, number])[]): PriceSeries | null {
  if (rows.length === 0) return null
  const days = new Int32Array(rows.length)
  const prices = new Float64Array(rows.length)
  rows.forEach(([day, price], i) => {
    days[i] = day
    prices[i] = price
  })
  return { days, prices }
}
