import type { Database } from 'better-sqlite3'
import type { DailyRow } from './market-matrix'

/** Plain synchronous reads and writes of the market tables the index needs and of its own tables. */

export interface SeasonState {
  lastChangeId: number
  engineVersion: number
  computedFrom: number | null
  computedTo: number | null
}

export interface HistoryRow {
  day: number
  value: number
  outperformers: number
  measured: number
  unmeasured: number
}

export interface VariantKey {
  top: number
  window: number
  pegDetection: boolean
}

export interface CoinInfo {
  id: string
  symbol: string
  name: string
}

export function createSeasonRepo(db: Database) {
  const stmts = {
    state: db.prepare<
      [],
      { last_change_id: number; engine_version: number; computed_from: number | null; computed_to: number | null }
    >('SELECT last_change_id, engine_version, computed_from, computed_to FROM season_state WHERE id = 1'),
    saveState: db.prepare(
      `INSERT INTO season_state (id, last_change_id, engine_version, computed_from, computed_to, computed_at) VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET last_change_id = excluded.last_change_id, engine_version = excluded.engine_version,
         computed_from = excluded.computed_from, computed_to = excluded.computed_to, computed_at = excluded.computed_at`
    ),
    maxChangeId: db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM market_changes'),
    changedFrom: db.prepare<[number], { day: number | null }>(
      'SELECT min(from_day) AS day FROM market_changes WHERE id > ?'
    ),
    dayBounds: db.prepare<[], { first: number | null; last: number | null }>(
      // Two subqueries: SQLite answers a lone min() or max() from the index, but not both in one select.
      'SELECT (SELECT min(day) FROM daily_values) AS first, (SELECT max(day) FROM daily_values) AS last'
    ),
    // Per coin: the primary key (coin_id, day) then reads each coin's days in one sequential range,
    // where the day index would need a primary-key lookup for every row.
    valuesBetween: db
      .prepare<[string, number, number], [string, number, number | null, number | null]>(
        'SELECT coin_id, day, price, market_cap FROM daily_values WHERE coin_id = ? AND day BETWEEN ? AND ?'
      )
      .raw(),
    coinIds: db.prepare<[], string>('SELECT id FROM coins').pluck(),
    categories: db.prepare<[], { coin_id: string; category: string }>('SELECT coin_id, category FROM coin_categories'),
    coins: db.prepare<[], CoinInfo>('SELECT id, symbol, name FROM coins'),
    // Per variant, so the primary key finds the rows instead of a scan of every variant's history.
    deleteHistoryFrom: db.prepare(
      'DELETE FROM season_history WHERE top_n = ? AND window_days = ? AND peg_detection = ? AND day >= ?'
    ),
    deleteAllHistoryFrom: db.prepare('DELETE FROM season_history WHERE day >= ?'),
    insertHistory: db.prepare(
      'INSERT INTO season_history (top_n, window_days, peg_detection, day, value, outperformers, measured, unmeasured) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
    ),
    deleteDominanceFrom: db.prepare('DELETE FROM season_dominance WHERE day >= ?'),
    insertDominance: db.prepare('INSERT INTO season_dominance (day, dominance) VALUES (?, ?)'),
    history: db.prepare<[number, number, number, number, number], HistoryRow>(
      `SELECT day, value, outperformers, measured, unmeasured FROM season_history
       WHERE top_n = ? AND window_days = ? AND peg_detection = ? AND day BETWEEN ? AND ? ORDER BY day`
    ),
    latestDay: db.prepare<[number, number, number], { day: number | null }>(
      'SELECT max(day) AS day FROM season_history WHERE top_n = ? AND window_days = ? AND peg_detection = ?'
    ),
    dominance: db.prepare<[number, number], { day: number; dominance: number }>(
      'SELECT day, dominance FROM season_dominance WHERE day BETWEEN ? AND ? ORDER BY day'
    ),
    latestGlobal: db.prepare<[], { day: number; btc_dominance: number }>(
      'SELECT day, btc_dominance FROM global_daily WHERE btc_dominance IS NOT NULL ORDER BY day DESC LIMIT 1'
    ),
    coinExists: db.prepare<[string], { id: string }>('SELECT id FROM coins WHERE id = ?'),
    series: db.prepare<[string, number, number], { day: number; price: number | null; market_cap: number | null }>(
      'SELECT day, price, market_cap FROM daily_values WHERE coin_id = ? AND day BETWEEN ? AND ? ORDER BY day'
    )
  }
  const peg = (key: VariantKey) => (key.pegDetection ? 1 : 0)

  return {
    state(): SeasonState | null {
      const row = stmts.state.get()
      return row
        ? {
            lastChangeId: row.last_change_id,
            engineVersion: row.engine_version,
            computedFrom: row.computed_from,
            computedTo: row.computed_to
          }
        : null
    },
    saveState(state: SeasonState, at: number): void {
      stmts.saveState.run(state.lastChangeId, state.engineVersion, state.computedFrom, state.computedTo, at)
    },
    maxChangeId: (): number => stmts.maxChangeId.get()?.id ?? 0,
    changedFrom: (afterId: number): number | null => stmts.changedFrom.get(afterId)?.day ?? null,
    dayBounds: (): { first: number; last: number } | null => {
      const row = stmts.dayBounds.get()
      return row && row.first !== null && row.last !== null ? { first: row.first, last: row.last } : null
    },
    /** Daily rows whose day falls in any of the given inclusive ranges (which must not overlap). */
    valuesIn(ranges: readonly (readonly [number, number])[]): DailyRow[] {
      const rows: DailyRow[] = []
      for (const id of stmts.coinIds.all()) {
        for (const [from, to] of ranges) {
          for (const [coinId, day, price, marketCap] of stmts.valuesBetween.iterate(id, from, to))
            rows.push({ coinId, day, price, marketCap })
        }
      }
      return rows
    },
    categories(): Map<string, string[]> {
      const map = new Map<string, string[]>()
      for (const { coin_id, category } of stmts.categories.all()) {
        const list = map.get(coin_id)
        if (list) list.push(category)
        else map.set(coin_id, [category])
      }
      return map
    },
    coins: (): Map<string, CoinInfo> => new Map(stmts.coins.all().map((coin) => [coin.id, coin])),
    replaceFrom(
      fromDay: number,
      history: { key: VariantKey; rows: HistoryRow[] }[],
      dominance: { day: number; dominance: number }[]
    ): void {
      if (history.length === 0) stmts.deleteAllHistoryFrom.run(fromDay)
      for (const { key, rows } of history) {
        stmts.deleteHistoryFrom.run(key.top, key.window, peg(key), fromDay)
        for (const r of rows)
          stmts.insertHistory.run(
            key.top,
            key.window,
            peg(key),
            r.day,
            r.value,
            r.outperformers,
            r.measured,
            r.unmeasured
          )
      }
      stmts.deleteDominanceFrom.run(fromDay)
      for (const d of dominance) stmts.insertDominance.run(d.day, d.dominance)
    },
    history: (key: VariantKey, from: number, to: number): HistoryRow[] =>
      stmts.history.all(key.top, key.window, peg(key), from, to),
    latestDay: (key: VariantKey): number | null => stmts.latestDay.get(key.top, key.window, peg(key))?.day ?? null,
    dominance: (from: number, to: number) => stmts.dominance.all(from, to),
    latestGlobal: () => stmts.latestGlobal.get() ?? null,
    coinExists: (id: string): boolean => stmts.coinExists.get(id) !== undefined,
    series: (id: string, from: number, to: number) => stmts.series.all(id, from, to)
  }
}

export type SeasonRepo = ReturnType<typeof createSeasonRepo>
