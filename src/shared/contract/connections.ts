import { z } from 'zod'
import { errorCodes } from '../errors'
import { exchangeIdSchema, keyPermissionsSchema } from '../exchanges'
import { channel } from './define'

/** An exchange connection as the window sees it: never the key, only its last four characters. */
export const connectionSchema = z.object({
  exchange: exchangeIdSchema,
  label: z.string(),
  /** Another address the exchange is reached at; null for its own. */
  apiUrl: z.string().nullable(),
  keyMasked: z.string(),
  /** Whether a key is at hand for a sync (stored, or in the environment). */
  keyAvailable: z.boolean(),
  permissions: keyPermissionsSchema,
  /** What the key may do, in words. */
  permissionWords: z.string(),
  /** When the user confirmed keeping a key that can trade or withdraw; null for a read-only key. */
  overrideAt: z.number().nullable(),
  createdAt: z.number(),
  lastSyncAt: z.number().nullable(),
  lastSyncStatus: z.enum(['ok', 'failed']).nullable(),
  lastError: z.string().nullable(),
  lastUsedAt: z.number().nullable(),
  requestCount: z.number().int().nonnegative(),
  keyPage: z.string()
})
export type Connection = z.infer<typeof connectionSchema>

export const keyStorageSchema = z.object({
  backend: z.enum(['keychain', 'basic_text', 'keyring', 'env', 'memory']),
  writable: z.boolean(),
  statement: z.string()
})

export const connectionSyncResultSchema = z.object({
  exchange: exchangeIdSchema,
  ok: z.boolean(),
  written: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative(),
  error: z.object({ code: z.enum(errorCodes), message: z.string() }).nullable()
})
export type ConnectionSyncResult = z.infer<typeof connectionSyncResultSchema>

export const reconcileCauses = [
  'match',
  'missing-deposits',
  'fees-or-rounding',
  'dust-conversion',
  'missing-outflows',
  'not-in-ledger'
] as const
export const reconcileRowSchema = z.object({
  symbol: z.string(),
  exchange: z.string(),
  ledger: z.string(),
  /** Exchange minus ledger, exact decimal text (negative when the ledger holds more). */
  difference: z.string(),
  cause: z.enum(reconcileCauses),
  causeWords: z.string()
})
export type ReconcileRow = z.infer<typeof reconcileRowSchema>

export const reconcileSchema = z.object({
  exchange: exchangeIdSchema,
  asOf: z.number(),
  rows: z.array(reconcileRowSchema)
})
export type Reconcile = z.infer<typeof reconcileSchema>

const exchangeInput = z.object({ exchange: exchangeIdSchema })

export const connectionChannels = {
  'connections:list': channel({
    input: z.object({}).optional(),
    output: z.object({
      keyStorage: keyStorageSchema,
      connections: z.array(connectionSchema),
      /** The exchanges a connection can be added for now; the others are listed but not connectable yet. */
      connectable: z.array(exchangeIdSchema)
    }),
    summary:
      'The exchange connections, what each key may do, where keys are kept, and which exchanges can be connected.'
  }),
  'connections:add': channel({
    input: z.object({
      exchange: exchangeIdSchema,
      apiKey: z.string().trim().min(8, 'The API key looks too short').max(1000),
      secret: z.string().trim().min(8, 'The secret looks too short').max(10_000),
      apiUrl: z.string().max(500).nullable().optional(),
      /** The explicit, logged confirmation to keep a key that can trade or withdraw. */
      allowTradingKey: z.boolean().optional()
    }),
    output: connectionSchema,
    summary: 'Checks what a key may do, refuses one that can trade or withdraw, and stores it (adding or rotating).'
  }),
  'connections:remove': channel({
    input: exchangeInput,
    output: z.object({ removed: z.boolean() }),
    summary: 'Forgets a connection and its key; the transactions it brought stay in the ledger.'
  }),
  'connections:sync': channel({
    input: z.object({ exchange: exchangeIdSchema.optional() }),
    output: z.array(connectionSyncResultSchema),
    summary: 'Fetches what is new from one exchange, or from every connected one.'
  }),
  'connections:reconcile': channel({
    input: exchangeInput,
    output: reconcileSchema,
    summary: "Compares the exchange's balances with the ledger's, per asset, with the likely cause of each difference."
  }),
  'connections:record-adjustment': channel({
    input: z.object({ exchange: exchangeIdSchema, symbol: z.string().min(1).max(20) }),
    output: z.object({ transactionId: z.number().int() }),
    summary: "Records an asset's difference as a balance adjustment (a holding row) dated now."
  })
}
