import type { Database } from 'better-sqlite3'

/** Plain synchronous reads and writes of the index's own tables (the market is read elsewhere). */

export interface SeasonState {
  lastChangeId: number
  engineVersion: number
  /** The variant set the stored history was computed for (see variantSignature). */
  variants: string
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

export function createSeasonRepo(db: Database) {
  const stmts = {
    state: db.prepare<[], SeasonState>(
      `SELECT last_change_id AS lastChangeId, engine_version AS engineVersion, variants,
         computed_from AS computedFrom, computed_to AS computedTo FROM season_state WHERE id = 1`
    ),
    saveState: db.prepare(
      `INSERT INTO season_state (id, last_change_id, engine_version, variants, computed_from, computed_to, computed_at)
       VALUES (1, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET last_change_id = excluded.last_change_id, engine_version = excluded.engine_version,
         variants = excluded.variants, computed_from = excluded.computed_from, computed_to = excluded.computed_to,
         computed_at = excluded.computed_at`
    ),
    // Per variant, so the primary key finds the rows instead of a scan of every variant's history.
    deleteHistoryFrom: db.prepare(
      'DELETE FROM season_history WHERE top_n = ? AND window_days = ? AND peg_detection = ? AND day >= ?'
    ),
    deleteAllHistoryFrom: db.prepare('DELETE FROM season_history WHERE day >= ?'),
    insertHistory: db.prepare(
      `INSERT INTO season_history (top_n, window_days, peg_detection, day, value, outperformers, measured, unmeasured)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
    ),
    deleteDominanceFrom: db.prepare('DELETE FROM season_dominance WHERE day >= ?'),
    insertDominance: db.prepare('INSERT INTO season_dominance (day, dominance) VALUES (?, ?)'),
    history: db.prepare<[number, number, number, number, number], HistoryRow>(
      `SELECT day, value, outperformers, measured, unmeasured FROM season_history
       WHERE top_n = ? AND window_days = ? AND peg_detection = ? AND day BETWEEN ? AND ? ORDER BY day`
    ),
    latestDay: db
      .prepare<[number, number, number], number | null>(
        'SELECT max(day) FROM season_history WHERE top_n = ? AND window_days = ? AND peg_detection = ?'
      )
      .pluck(),
    ranksOf: db.prepare<[string, number], { first_day: number; ranks: Buffer }>(
      'SELECT first_day, ranks FROM season_ranks WHERE coin_id = ? AND peg_detection = ?'
    ),
    allRanks: db.prepare<[number], { coin_id: string; first_day: number; ranks: Buffer }>(
      'SELECT coin_id, first_day, ranks FROM season_ranks WHERE peg_detection = ?'
    ),
    saveRanks: db.prepare(
      `INSERT INTO season_ranks (coin_id, peg_detection, first_day, ranks) VALUES (?, ?, ?, ?)
       ON CONFLICT (coin_id, peg_detection) DO UPDATE SET first_day = excluded.first_day, ranks = excluded.ranks`
    ),
    deleteRanks: db.prepare('DELETE FROM season_ranks WHERE coin_id = ? AND peg_detection = ?'),
    deleteAllRanks: db.prepare('DELETE FROM season_ranks'),
    dominance: db.prepare<[number, number], { day: number; dominance: number }>(
      'SELECT day, dominance FROM season_dominance WHERE day BETWEEN ? AND ? ORDER BY day'
    )
  }
  const peg = (key: VariantKey) => (key.pegDetection ? 1 : 0)

  return {
    state: (): SeasonState | null => stmts.state.get() ?? null,
    saveState(state: SeasonState, at: number): void {
      stmts.saveState.run(
        state.lastChangeId,
        state.engineVersion,
        state.variants,
        state.computedFrom,
        state.computedTo,
        at
      )
    },
    /** Replaces the history of every given variant (all of them when none is given) from `fromDay` on. */
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
    /**
     * Replaces every coin's ranks from `fromDay` on with `ranks` (per coin, one byte per day from
     * fromDay, 0 = not ranked). A coin's bytes before fromDay are kept; trailing unranked days are
     * not stored, and a coin left with no ranked day loses its row.
     */
    replaceRanksFrom(pegDetection: boolean, fromDay: number, ranks: ReadonlyMap<string, Uint8Array>): void {
      const p = pegDetection ? 1 : 0
      const ids = new Set<string>(ranks.keys())
      const kept = new Map<string, { firstDay: number; ranks: Uint8Array }>()
      for (const row of stmts.allRanks.all(p)) {
        ids.add(row.coin_id)
        const keep = Math.max(0, Math.min(row.ranks.length, fromDay - row.first_day))
        kept.set(row.coin_id, { firstDay: row.first_day, ranks: new Uint8Array(row.ranks.subarray(0, keep)) })
      }
      for (const id of ids) {
        const old = kept.get(id)
        const added = ranks.get(id)
        const firstDay = old && old.ranks.length > 0 ? old.firstDay : fromDay
        const length = Math.max(old?.ranks.length ?? 0, added ? fromDay - firstDay + added.length : 0)
        const bytes = new Uint8Array(length)
        if (old && old.ranks.length > 0) bytes.set(old.ranks, 0)
        if (added) bytes.set(added, fromDay - firstDay)
        let end = bytes.length
        while (end > 0 && bytes[end - 1] === 0) end -= 1
        let start = 0
        while (start < end && bytes[start] === 0) start += 1
        if (end === 0) stmts.deleteRanks.run(id, p)
        else stmts.saveRanks.run(id, p, firstDay + start, Buffer.from(bytes.subarray(start, end)))
      }
    },
    clearRanks: (): void => void stmts.deleteAllRanks.run(),
    /** One coin's stored ranks: byte k is its rank on firstDay + k (0 = not ranked), or null. */
    ranksOf(coinId: string, pegDetection: boolean): { firstDay: number; ranks: Uint8Array } | null {
      const row = stmts.ranksOf.get(coinId, pegDetection ? 1 : 0)
      return row ? { firstDay: row.first_day, ranks: new Uint8Array(row.ranks) } : null
    },
    history: (key: VariantKey, from: number, to: number): HistoryRow[] =>
      stmts.history.all(key.top, key.window, peg(key), from, to),
    latestDay: (key: VariantKey): number | null => stmts.latestDay.get(key.top, key.window, peg(key)) ?? null,
    dominance: (from: number, to: number) => stmts.dominance.all(from, to)
  }
}

export type SeasonRepo = ReturnType<typeof createSeasonRepo>
