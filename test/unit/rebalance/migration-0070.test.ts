import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate, schemaVersionOf } from '../../../src/main/db/migrate'
import { migrations } from '../../../src/main/db/migrations'

describe('migration 0070', () => {
  it('creates the targets and alert history tables with their checks', () => {
    const db = new Database(':memory:')
    migrate(db, migrations, 70)
    expect(schemaVersionOf(db)).toBe(70)
    const target = db.prepare(
      'INSERT INTO rebalance_targets (regime, bitcoin, altcoins, stablecoins, alt_weights, updated_at) VALUES (?, ?, ?, ?, ?, 1)'
    )
    target.run('neutral', 50, 30, 20, '{"solana":1}')
    // The split must add up to 100, the regime must be known, the weights must be JSON.
    expect(() => target.run('bitcoin', 60, 30, 20, '{}')).toThrow(/CHECK/)
    expect(() => target.run('moon', 50, 30, 20, '{}')).toThrow(/CHECK/)
    expect(() => target.run('altcoin', 40, 40, 20, 'not json')).toThrow(/CHECK/)
    expect(() => target.run('neutral', 40, 40, 20, '{}')).toThrow(/UNIQUE|PRIMARY/)

    const alert = db.prepare(
      'INSERT INTO alert_history (kind, dedupe_key, title, body, as_of, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING'
    )
    expect(alert.run('regime-change', 'regime:altcoin:2024-11-30', 't', 'b', '2024-11-30', 1).changes).toBe(1)
    // The same event a second time is not stored again.
    expect(alert.run('regime-change', 'regime:altcoin:2024-11-30', 't', 'b', '2024-11-30', 2).changes).toBe(0)
    expect(() => alert.run('weather', 'w', 't', 'b', '2024-11-30', 3)).toThrow(/CHECK/)
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM alert_history ORDER BY created_at DESC, id DESC LIMIT 50')
      .all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/alert_history_created/)
    db.close()
  })
})
