import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate, schemaVersionOf } from '../../../src/main/db/migrate'
import { migrations } from '../../../src/main/db/migrations'

describe('migration 0040', () => {
  it('creates the season tables with their keys and checks', () => {
    const db = new Database(':memory:')
    migrate(db, migrations, 40)
    expect(schemaVersionOf(db)).toBe(40)
    const names = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'season_%' ORDER BY name"
      )
      .all()
    expect(names.map((n) => n.name)).toEqual(['season_dominance', 'season_history', 'season_state'])
    const insert = db.prepare(
      'INSERT INTO season_history (top_n, window_days, peg_detection, day, value, outperformers, measured, unmeasured) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
    )
    insert.run(100, 90, 1, 19000, 62.5, 5, 8, 2)
    // One row per variant and day; a value needs a measured coin and stays within 0..100.
    expect(() => insert.run(100, 90, 1, 19000, 50, 4, 8, 2)).toThrow(/UNIQUE/)
    insert.run(100, 90, 0, 19000, 50, 4, 8, 2)
    expect(() => insert.run(100, 90, 1, 19001, 50, 0, 0, 2)).toThrow(/CHECK/)
    expect(() => insert.run(100, 90, 1, 19002, 101, 9, 8, 0)).toThrow(/CHECK/)
    expect(() => insert.run(100, 90, 2, 19003, 50, 1, 2, 0)).toThrow(/CHECK/)
    const state = db.prepare(
      'INSERT INTO season_state (id, last_change_id, engine_version, computed_at) VALUES (?, 0, 1, 0)'
    )
    state.run(1)
    expect(() => state.run(2)).toThrow(/CHECK/)
    // The variant lookup the history channel runs is served by the primary key.
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT day, value FROM season_history WHERE top_n = 100 AND window_days = 90 AND peg_detection = 1 AND day BETWEEN 1 AND 2'
      )
      .all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/SEARCH season_history USING PRIMARY KEY/)
    db.close()
  })
})
