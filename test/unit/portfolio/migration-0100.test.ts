import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate, schemaVersionOf } from '../../../src/main/db/migrate'
import { migrations } from '../../../src/main/db/migrations'
import { listTransactions } from '../../../src/main/portfolio/transactions-repo'

describe('migration 0100 (import staging)', () => {
  it('marks every earlier import done, so its rows stay visible, and takes only the three states', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, migrations, 90)
    db.prepare(
      "INSERT INTO portfolio_imports (id, format, file_name, rows, imported, duplicates, imported_at) VALUES (7, 'generic', 'a.csv', 1, 1, 0, 0)"
    ).run()
    db.prepare(
      `INSERT INTO portfolio_transactions (kind, at, day, symbol, quantity, source, import_id, fingerprint, created_at, updated_at)
       VALUES ('buy', 0, 0, 'BTC', '0.1', 'generic', 7, 'f', 0, 0)`
    ).run()
    migrate(db, migrations, 100)
    expect(schemaVersionOf(db)).toBe(100)
    expect(db.prepare('SELECT state, owner, heartbeat_at, first_id FROM portfolio_imports').get()).toEqual({
      state: 'done',
      owner: null,
      heartbeat_at: null,
      first_id: null
    })
    expect(listTransactions(db, 10, 0).total).toBe(1)
    expect(() => db.prepare("UPDATE portfolio_imports SET state = 'half'").run()).toThrow(/CHECK/)
    db.close()
  })
})
