import type { Database } from 'better-sqlite3'
import { AppError } from '../../shared/errors'
import { describeInput } from '../../shared/field-input'
import { providerOrigin } from '../../shared/provider-address'
import { defaultSettings, settingsFields, settingsPatchSchema, settingsSchema } from '../../shared/settings'
import type { Settings, SettingsPatch } from '../../shared/settings'
import { createJsonStore } from '../db/settings-repo'
import type { Clock, SecretStore } from './deps'
import type { EventBus } from './events'

export interface SettingsService {
  get(): Settings
  set(patch: SettingsPatch): Settings
}

/**
 * Settings are one row per key. Reading fills in defaults and ignores keys this version does not
 * know or values that no longer validate, so an old or hand-edited database still opens.
 *
 * The provider API key belongs to the host it was entered for (DESIGN §4). A change that moves the
 * provider to another host (the address's origin, or the plan's own host: pro has its own) removes
 * a stored key before the change is saved, so whoever can change settings cannot send the key
 * elsewhere. A key that cannot be removed here (it comes from SEASONWATCH_API_KEY) refuses the
 * change instead.
 */
export function createSettingsService(
  db: Database,
  clock: Clock,
  events: EventBus,
  secrets?: SecretStore
): SettingsService {
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
      if (!parsed.success) throw new AppError('VALIDATION', `Settings not saved. ${describeInput(parsed.error, patch)}`)
      const current = get()
      const next = settingsSchema.parse({ ...current, ...parsed.data })
      const keyRemoved = guardKeyHost(current, next)
      const changed: Record<string, unknown> = {}
      for (const key of Object.keys(parsed.data) as (keyof Settings)[]) changed[key] = next[key]
      store.set(changed, clock.now())
      events.emit('settings:changed', next)
      if (keyRemoved) events.changed('settings', 'secrets')
      else events.changed('settings')
      return next
    }
  }

  /**
   * Removes the key when the provider's host changes, before anything is saved (should the save
   * then fail, the key is gone rather than pointed elsewhere); true when it did.
   */
  function guardKeyHost(current: Settings, next: Settings): boolean {
    const from = providerOrigin(current.providerTier, current.providerUrl)
    const to = providerOrigin(next.providerTier, next.providerUrl)
    if (from === to || !secrets?.has('provider-api-key')) return false
    if (!secrets.writable) {
      throw new AppError(
        'FORBIDDEN',
        secrets.backend === 'env'
          ? `Settings not saved: the API key comes from SEASONWATCH_API_KEY and is sent only to ${from}, so the provider address and plan cannot move it to ${to} from here. Set SEASONWATCH_PROVIDER_URL or SEASONWATCH_API_TIER where Seasonwatch starts, or start it without the key.`
          : `Settings not saved: the API key is sent only to ${from}, and it cannot be removed here to change the provider to ${to}.`
      )
    }
    try {
      secrets.set('provider-api-key', null)
    } catch {
      throw new AppError(
        'FORBIDDEN',
        'Settings not saved: the provider host changes, and the stored API key could not be removed first.'
      )
    }
    return true
  }
}
