import { AppError } from '../../shared/errors'
import { providerTierSchema } from '../../shared/provider-address'
import type { ProviderTier } from '../../shared/provider-address'
import type { Settings } from '../../shared/settings'
import { isBusyError } from '../db/busy'
import type { LockHolder } from './sync-lock'
import type { SyncRunOptions } from './sync-types'

/** What a run is asked to do, checked before anything is written; each refusal is a sentence for a person. */
export function checkRunOptions(
  options: SyncRunOptions,
  settings: Settings,
  envTier: string | undefined
): { coins: number; historyDays: number; maxRpm: number; tier: ProviderTier } {
  return {
    coins: checkInt('coins', options.coins ?? settings.trackedCoins, 1, 10_000),
    historyDays: checkInt('history days', options.historyDays ?? settings.historyDays, 1, 36_500),
    maxRpm: checkInt('requests per minute', options.maxRpm ?? settings.maxRequestsPerMinute, 0, 100_000),
    tier: tierOf(options.tier, envTier, settings.providerTier)
  }
}

/** The tier a run uses: its own, else SEASONWATCH_API_TIER, else the settings'. */
export function tierOf(
  own: ProviderTier | undefined,
  envTier: string | undefined,
  setting: ProviderTier
): ProviderTier {
  if (own) return own
  const fromEnv = envTier?.trim()
  if (!fromEnv) return setting
  const parsed = providerTierSchema.safeParse(fromEnv)
  if (!parsed.success)
    throw new AppError('VALIDATION', `SEASONWATCH_API_TIER must be public, demo or pro, not "${fromEnv.slice(0, 40)}".`)
  return parsed.data
}

/** Why `sync:start` did not start while another writer holds the database. */
export function busyToStart(): AppError {
  return new AppError(
    'BUSY',
    'The database is busy with another write (an import, perhaps), so the sync did not start; try again in a moment.'
  )
}

export function heldElsewhere(holder: LockHolder): AppError {
  return new AppError(
    'BUSY',
    `Another Seasonwatch process (pid ${holder.pid}) has been syncing this data folder since ${clockTime(holder.acquiredAt)}; try again when it has finished.`
  )
}

/** A failure in words for the run record: a busy database is said plainly, not as SQLITE_BUSY. */
export function asAppError(caught: unknown): AppError {
  if (caught instanceof AppError) return caught
  if (isBusyError(caught)) {
    return new AppError(
      'BUSY',
      'The database stayed busy with another write (an import, perhaps), so the sync stopped; what it stored is kept and the next sync picks up from there.'
    )
  }
  return new AppError('INTERNAL', `The sync failed: ${(caught as Error).message}`)
}

/** "2024-10-04 10:15 UTC": when a lock holder started, in words that need no time zone setting. */
function clockTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

function checkInt(what: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AppError(
      'VALIDATION',
      `The number of ${what} must be a whole number from ${min} to ${max}, not ${value}.`
    )
  }
  return value
}
