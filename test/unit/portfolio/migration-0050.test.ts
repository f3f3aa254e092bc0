import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate, schemaVersionOf } from '../../../src/main/db/migrate'
import { migrations } from '../../../src/main/db/migrations'

describe('migration 0050 (portfolio)', () => {
  it('creates the portfolio tables with kind checks and unique fingerprints', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, migrations, 50)
    expect(schemaVersionOf(db)).toBe(50)
    const insert = db.prepare(
      `INSERT INTO portfolio_transactions (kind, at, day, symbol, quantity, source, fingerprint, created_at, updated_at)
       VALUES (?, 0, 0, 'BTC', '0.1', 'generic', ?, 0, 0)`
    )
    insert.run('buy', 'a')
    expect(() => insert.run('buy', 'a')).toThrow(/UNIQUE/)
    expect(() => insert.run('gift', 'b')).toThrow(/CHECK/)
    // Quantities stay the exact text they were written as.
    expect(db.prepare('SELECT quantity, typeof(quantity) AS t FROM portfolio_transactions').get()).toEqual({
      quantity: '0.1',
      t: 'text'
    })
    db.prepare(
      "INSERT INTO portfolio_asset_map (source, symbol, coin_id, chosen_at) VALUES ('kraken', 'ETH', 'ethereum', 1)"
    ).run()
    expect(() =>
      db
        .prepare(
          "INSERT INTO portfolio_asset_map (source, symbol, coin_id, chosen_at) VALUES ('kraken', 'ETH', 'x', 2)"
        )
        .run()
    ).toThrow(/UNIQUE|PRIMARY/)
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM portfolio_transactions ORDER BY at, id').all() as {
      detail: string
    }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/portfolio_transactions_at/)
    db.close()
  })
})
