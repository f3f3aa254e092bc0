import { z } from 'zod'
import { isoDateSchema } from '../dates'
import { errorCodes } from '../errors'
import { providerTierSchema } from '../settings'
import { channel, event } from './define'

export const syncPhaseSchema = z.enum(['markets', 'categories', 'global', 'history', 'finishing'])
export type SyncPhase = z.infer<typeof syncPhaseSchema>

export const syncProgressSchema = z.object({
  runId: z.string(),
  phase: syncPhaseSchema,
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** The coin whose history is being fetched, when there is one. */
  currentCoin: z.string().nullable(),
  /**
   * Set while the sync waits: for the client-side request budget, a 429's Retry-After, a retry
   * backoff, or a retry because the provider cannot be reached; `because` says what went wrong.
   */
  waiting: z
    .object({
      reason: z.enum(['rate-budget', 'retry-after', 'backoff', 'offline']),
      untilMs: z.number(),
      because: z.string().max(200).optional()
    })
    .nullable(),
  startedAt: z.number()
})
export type SyncProgress = z.infer<typeof syncProgressSchema>

export const syncStateSchema = z.object({
  running: z.boolean(),
  progress: syncProgressSchema.nullable(),
  lastSuccessAt: z.number().nullable(),
  lastAttemptAt: z.number().nullable(),
  /** How the most recent finished run ended; null before the first. */
  lastOutcome: z.enum(['succeeded', 'failed', 'cancelled', 'interrupted']).nullable(),
  /** Tracked coins whose history has been fetched (or that the provider has none for): fewer than coinsTracked is partial data. */
  coinsWithHistory: z.number().int().nonnegative(),
  /** The last failure in plain words; cleared by the next success. */
  lastError: z.object({ code: z.enum(errorCodes), message: z.string(), at: z.number() }).nullable(),
  /** When the scheduler will run next; null when no schedule runs (CLI, or interval 0). */
  nextRunAt: z.number().nullable(),
  /** False while the provider cannot be reached: what is shown comes from the cache. */
  online: z.boolean(),
  coinsTracked: z.number().int().nonnegative(),
  daysStored: z.number().int().nonnegative(),
  /** The newest UTC date with stored market data. */
  dataAsOf: isoDateSchema.nullable()
})
export type SyncState = z.infer<typeof syncStateSchema>

/**
 * The coins the user holds or held, whose daily history the sync keeps back to each one's first
 * transaction, and those whose first transactions are older than the provider tier serves.
 */
export const heldHistorySchema = z.object({
  coins: z.number().int().nonnegative(),
  tier: providerTierSchema,
  /** Days of history the tier serves; null when it serves all the provider has. */
  tierDays: z.number().int().positive().nullable(),
  tierLimited: z.array(
    z.object({
      coinId: z.string(),
      /** The first day the coin's transactions need a price for (two days before the first one). */
      wantedFrom: isoDateSchema,
      /** The first day the tier serves. */
      reachableFrom: isoDateSchema
    })
  )
})
export type HeldHistory = z.infer<typeof heldHistorySchema>

export const secretStatusSchema = z.object({
  apiKeySet: z.boolean(),
  backend: z.enum(['keychain', 'basic_text', 'env', 'memory']),
  writable: z.boolean()
})

export const providerInUseSchema = z.object({
  address: z.string(),
  source: z.enum(['environment', 'settings', 'plan'])
})
export type ProviderInUse = z.infer<typeof providerInUseSchema>

const noInput = z.void().or(z.object({}).strict()).optional()

export const syncChannels = {
  'sync:start': channel({
    summary: 'Starts a sync now unless one is running; answers whether this call started it, and if not, why.',
    input: noInput,
    output: z.object({
      started: z.boolean(),
      /**
       * Why no sync started, in plain words (null when one did): one already runs here, another
       * process (pid N) has been syncing since T, the database is busy, or a setting is invalid.
       */
      reason: z.string().nullable(),
      state: syncStateSchema
    })
  }),
  'sync:cancel': channel({
    summary: 'Stops the running sync at the next safe point; what it stored so far is kept.',
    input: noInput,
    output: z.object({ cancelled: z.boolean() })
  }),
  'sync:get-state': channel({
    summary: 'Whether a sync runs, its progress, the last success and error, and the next run.',
    input: noInput,
    output: syncStateSchema
  }),
  'sync:get-held-history': channel({
    summary:
      'How many coins you hold or held have their price history kept, and which need older prices than the provider tier serves.',
    input: noInput,
    output: heldHistorySchema
  }),
  'sync:get-provider': channel({
    summary: 'The provider address the sync uses and where it comes from: the environment, the settings or the plan.',
    input: noInput,
    output: providerInUseSchema
  }),
  'secrets:get-status': channel({
    summary: 'Whether a provider API key is set (never the key itself).',
    input: noInput,
    output: secretStatusSchema
  }),
  'secrets:set-api-key': channel({
    summary: 'Stores (or with null, removes) the provider API key, encrypted.',
    input: z.object({ apiKey: z.string().trim().min(8).max(200).nullable() }).strict(),
    output: secretStatusSchema
  })
}

export const syncEvents = {
  'sync:progress': event({ summary: 'Progress of the running sync.', payload: syncProgressSchema }),
  'sync:state': event({
    summary: 'The sync state changed (started, finished, failed, rescheduled).',
    payload: syncStateSchema
  })
}
