import type { Database } from 'better-sqlite3'

export type PriceAlertKind = 'above' | 'below' | 'move' | 'beats-btc'

export interface PriceAlertRule {
  id: number
  coinId: string
  kind: PriceAlertKind
  threshold: number | null
  periodDays: number | null
  createdAt: number
  lastSide: string | null
  lastDay: number | null
}

export interface FiredAlert {
  id: number
  alertId: number
  coinId: string
  title: string
  body: string
  asOf: string
  createdAt: number
}

export interface SeenState {
  id: number
  side: string | null
  day: number
}

export interface FiredDraft {
  alertId: number
  coinId: string
  dedupeKey: string
  title: string
  body: string
  asOf: string
}

/** The watchlist's and the price alerts' own tables (never the market's): plain synchronous reads and writes. */
export function createCoinsRepo(db: Database) {
  const stmts = {
    watched: db.prepare<[], { coinId: string; addedAt: number }>(
      'SELECT coin_id AS coinId, added_at AS addedAt FROM watchlist ORDER BY added_at, coin_id'
    ),
    watchCount: db.prepare<[], number>('SELECT count(*) FROM watchlist').pluck(),
    isWatched: db.prepare<[string], number>('SELECT count(*) FROM watchlist WHERE coin_id = ?').pluck(),
    watch: db.prepare('INSERT INTO watchlist (coin_id, added_at) VALUES (?, ?) ON CONFLICT (coin_id) DO NOTHING'),
    unwatch: db.prepare('DELETE FROM watchlist WHERE coin_id = ?'),
    rules: db.prepare<[], PriceAlertRule>(
      `SELECT id, coin_id AS coinId, kind, threshold, period_days AS periodDays, created_at AS createdAt,
         last_side AS lastSide, last_day AS lastDay FROM price_alerts ORDER BY id`
    ),
    ruleCount: db.prepare<[], number>('SELECT count(*) FROM price_alerts').pluck(),
    addRule: db.prepare(
      'INSERT INTO price_alerts (coin_id, kind, threshold, period_days, created_at) VALUES (?, ?, ?, ?, ?)'
    ),
    removeRule: db.prepare('DELETE FROM price_alerts WHERE id = ?'),
    saveSeen: db.prepare('UPDATE price_alerts SET last_side = ?, last_day = ? WHERE id = ?'),
    fire: db.prepare(
      `INSERT INTO price_alert_history (alert_id, coin_id, dedupe_key, title, body, as_of, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`
    ),
    fired: db.prepare<[number], FiredAlert>(
      `SELECT id, alert_id AS alertId, coin_id AS coinId, title, body, as_of AS asOf, created_at AS createdAt
       FROM price_alert_history ORDER BY created_at DESC, id DESC LIMIT ?`
    )
  }
  const record = db.transaction((seen: readonly SeenState[], drafts: readonly FiredDraft[], at: number) => {
    for (const s of seen) stmts.saveSeen.run(s.side, s.day, s.id)
    const created: FiredAlert[] = []
    for (const d of drafts) {
      const info = stmts.fire.run(d.alertId, d.coinId, d.dedupeKey, d.title, d.body, d.asOf, at)
      if (info.changes > 0) created.push({ ...d, id: Number(info.lastInsertRowid), createdAt: at })
    }
    return created
  })
  return {
    watched: () => stmts.watched.all(),
    watchCount: (): number => stmts.watchCount.get() ?? 0,
    isWatched: (coinId: string): boolean => (stmts.isWatched.get(coinId) ?? 0) > 0,
    watch: (coinId: string, at: number): boolean => stmts.watch.run(coinId, at).changes > 0,
    unwatch: (coinId: string): boolean => stmts.unwatch.run(coinId).changes > 0,
    rules: () => stmts.rules.all(),
    ruleCount: (): number => stmts.ruleCount.get() ?? 0,
    addRule(
      rule: { coinId: string; kind: PriceAlertKind; threshold: number | null; periodDays: number | null },
      at: number
    ): number {
      return Number(stmts.addRule.run(rule.coinId, rule.kind, rule.threshold, rule.periodDays, at).lastInsertRowid)
    },
    removeRule: (id: number): boolean => stmts.removeRule.run(id).changes > 0,
    /**
     * Records what each rule saw and the alerts it fired, in one transaction. Returns the alerts
     * that were new: one already recorded under the same key is not recorded or returned again.
     */
    record: (seen: readonly SeenState[], drafts: readonly FiredDraft[], at: number): FiredAlert[] =>
      record.immediate(seen, drafts, at),
    fired: (limit: number): FiredAlert[] => stmts.fired.all(limit)
  }
}

export type CoinsRepo = ReturnType<typeof createCoinsRepo>
