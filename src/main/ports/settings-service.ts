import type { Database } from 'better-sqlite3'
import { AppError, describeZodError } from '../../shared/errors'
import { defaultSettings, settingsFields, settingsPatchSchema, settingsSchema } from '../../shared/settings'
import type { Settings, SettingsPatch } from '../../shared/settings'
import { createJsonStore } from '../db/settings-repo'
import type { Clock } from './deps'
import type { EventBus } from './events'

export interface SettingsService {
  get(): Settings
  set(patch: SettingsPatch): Settings
}

/**
 * Settings are one row per key. Reading fills in defaults and ignores keys this version does not
 * know or values that no longer validate, so an old or hand-edited database still opens.
 */
export function createSettingsService(db: Database, clock: Clock, events: EventBus): SettingsService {
  const store = createJsonStore(db, 'settings')

  function get(): Settings {
    const stored = store.all()
    const known: Record<string, unknown> = { ...defaultSettings }
    const fields = settingsFields as Record<string, { safeParse(value: unknown): { success: boolean } }>
    for (const [key, value] of Object.entries(stored)) {
      const field = fields[key]
      if (field && field.safeParse(value).success) known[key] = value
    }
    return settingsSchema.parse(known)
  }

  return {
    get,
    set(patch) {
      const parsed = settingsPatchSchema.safeParse(patch)
      if (!parsed.success) throw new AppError('VALIDATION', `Settings not saved: ${describeZodError(parsed.error)}`)
      const next = settingsSchema.parse({ ...get(), ...parsed.data })
      const changed: Record<string, unknown> = {}
      for (const key of Object.keys(parsed.data) as (keyof Settings)[]) changed[key] = next[key]
      store.set(changed, clock.now())
      events.emit('settings:changed', next)
      events.changed('settings')
      return next
    }
  }
}
