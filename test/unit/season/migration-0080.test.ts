import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate, schemaVersionOf } from '../../../src/main/db/migrate'
import { migrations } from '../../../src/main/db/migrations'

describe('migration 0080', () => {
  it('adds the computed variant set to the season state, empty for history computed before it', () => {
    const db = new Database(':memory:')
    migrate(db, migrations, 70)
    db.prepare(
      'INSERT INTO season_state (id, last_change_id, engine_version, computed_from, computed_to, computed_at) VALUES (1, 5, 1, 100, 200, 0)'
    ).run()
    migrate(db, migrations, 80)
    expect(schemaVersionOf(db)).toBe(80)
    // An empty set matches no list of variants, so the first read after the upgrade recomputes.
    expect(db.prepare('SELECT last_change_id, variants FROM season_state').get()).toEqual({
      last_change_id: 5,
      variants: ''
    })
    db.close()
  })
})
