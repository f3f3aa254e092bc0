import type { Database } from 'better-sqlite3'

/** Key/value rows of JSON text; used for user settings and for the app's own state. */
export interface JsonStore {
  all(): Record<string, unknown>
  get(key: string): unknown
  set(entries: Record<string, unknown>, now: number): void
  remove(key: string): void
}

export function createJsonStore(db: Database, table: 'settings' | 'app_state'): JsonStore {
  const selectAll = db.prepare<[], { key: string; value: string }>(`SELECT key, value FROM ${table}`)
  const selectOne = db.prepare<[string], { value: string }>(`SELECT value FROM ${table} WHERE key = ?`)
  const upsert = db.prepare(
    `INSERT INTO ${table} (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`
  )
  const deleteOne = db.prepare(`DELETE FROM ${table} WHERE key = ?`)
  const writeMany = db.transaction((entries: Record<string, unknown>, now: number) => {
    for (const [key, value] of Object.entries(entries)) upsert.run(key, JSON.stringify(value), now)
  })

  return {
    all() {
      const result: Record<string, unknown> = {}
      for (const row of selectAll.all()) result[row.key] = parseOrUndefined(row.value)
      return result
    },
    get(key) {
      const row = selectOne.get(key)
      return row ? parseOrUndefined(row.value) : undefined
    },
    set(entries, now) {
      writeMany(entries, now)
    },
    remove(key) {
      deleteOne.run(key)
    }
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
