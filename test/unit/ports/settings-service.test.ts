import { describe, expect, it } from 'vitest'
import { createSettingsService } from '../../../src/main/ports/settings-service'
import { createEventBus } from '../../../src/main/ports/events'
import { openDatabase } from '../../../src/main/db/connection'
import { defaultSettings } from '../../../src/shared/settings'

function setup() {
  const db = openDatabase(':memory:')
  const events = createEventBus()
  const seen: string[] = []
  events.onAny((name) => seen.push(name))
  return { db, seen, settings: createSettingsService(db, { now: () => 1_700_000_000_000 }, events) }
}

describe('settings service', () => {
  it('starts from the defaults', () => {
    const { settings } = setup()
    expect(settings.get()).toEqual(defaultSettings)
    expect(settings.get()).toMatchObject({
      trackedCoins: 250,
      historyDays: 365,
      maxRequestsPerMinute: 30,
      defaultTop: 100,
      defaultWindow: 90
    })
  })

  it('stores a change, keeps the other fields and announces it', () => {
    const { settings, seen, db } = setup()
    const next = settings.set({ trackedCoins: 400, defaultWindow: 30 })
    expect(next.trackedCoins).toBe(400)
    expect(next.defaultWindow).toBe(30)
    expect(next.historyDays).toBe(365)
    expect(settings.get()).toEqual(next)
    expect(seen).toEqual(['settings:changed', 'data:changed'])
    expect(db.prepare('SELECT key FROM settings ORDER BY key').all()).toEqual([
      { key: 'defaultWindow' },
      { key: 'trackedCoins' }
    ])
  })

  it('refuses invalid values with the field named, and changes nothing', () => {
    const { settings } = setup()
    settings.set({ trackedCoins: 300 })
    expect(() => settings.set({ trackedCoins: 10 })).toThrow('Coins tracked: 10 is below the smallest allowed, 50.')
    expect(() => settings.set({ defaultWindow: 45 } as never)).toThrow('Window: choose one of the offered values.')
    expect(() => settings.set({ unknownKey: 1 } as never)).toThrow('Not a field Seasonwatch knows: unknownKey.')
    expect(settings.get().trackedCoins).toBe(300)
  })

  it('ignores stored values that no longer validate and keys it does not know', () => {
    const { settings, db } = setup()
    const insert = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)')
    insert.run('trackedCoins', '"lots"')
    insert.run('removedLongAgo', 'true')
    insert.run('historyDays', '730')
    insert.run('theme', '{not json')
    expect(settings.get()).toEqual({ ...defaultSettings, historyDays: 730 })
  })
})
