import { z } from 'zod'
import { isoDateSchema } from '../dates'
import { costMethodSchema, importFormatSchema, priceSourceSchema } from '../domain'
import { plainAmountProblem } from '../amount'
import { NOTE_LENGTH, firstControlCharacter } from '../text'
import { channel } from './define'

export type { CostMethod, ImportFormat } from '../domain'

/**
 * Exact decimal text as stored: no exponent, no thousands separators, within the bounds every
 * amount obeys (src/shared/amount.ts: the importers and the ledger use the same ones).
 */
export const decimalTextSchema = z
  .string()
  .trim()
  .superRefine((text, context) => {
    const problem = plainAmountProblem(text)
    if (problem) context.addIssue({ code: 'custom', message: problem, continue: false })
  })
export const positiveDecimalSchema = decimalTextSchema.refine(
  (v) => /[1-9]/.test(v) && !v.startsWith('-'),
  'must be more than zero'
)
export const nonNegativeDecimalSchema = decimalTextSchema.refine((v) => !v.startsWith('-'), 'must not be negative')

export const txKinds = ['buy', 'sell', 'trade', 'transfer_in', 'transfer_out', 'income', 'fee', 'holding'] as const
export const txKindSchema = z.enum(txKinds)
export type TxKind = z.infer<typeof txKindSchema>
export const bucketSchema = z.enum(['bitcoin', 'altcoin-ranked', 'altcoin-other', 'stablecoin', 'unpriced'])
export type Bucket = z.infer<typeof bucketSchema>

const symbolSchema = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[A-Za-z0-9.$-]+$/, 'must be a ticker such as BTC')
const coinIdSchema = z.string().min(1).max(200)

/** Text kept as it is given (a note, a file name): bounded, and free of terminal control characters. */
export function storedTextSchema(max: number) {
  return z
    .string()
    .max(max, `must be at most ${max} characters`)
    .superRefine((text, context) => {
      const control = firstControlCharacter(text)
      if (control) context.addIssue({ code: 'custom', message: `must not hold control characters (found ${control})` })
    })
}
export const noteSchema = storedTextSchema(NOTE_LENGTH)

/** A transaction as the editor sends it. `at` is a date (midnight UTC) or an ISO date-time. */
export const transactionDraftSchema = z
  .object({
    kind: txKindSchema,
    at: z.string().min(10).max(40),
    symbol: symbolSchema,
    coinId: coinIdSchema.nullable().optional(),
    /** For "holding" this is the balance held from then on (zero allowed). */
    quantity: nonNegativeDecimalSchema,
    quoteSymbol: symbolSchema.nullable().optional(),
    quoteCoinId: coinIdSchema.nullable().optional(),
    quoteQuantity: positiveDecimalSchema.nullable().optional(),
    feeSymbol: symbolSchema.nullable().optional(),
    feeCoinId: coinIdSchema.nullable().optional(),
    feeQuantity: positiveDecimalSchema.nullable().optional(),
    valueUsd: nonNegativeDecimalSchema.nullable().optional(),
    note: noteSchema.nullable().optional()
  })
  .strict()
export type TransactionDraft = z.infer<typeof transactionDraftSchema>

export const transactionSchema = z.object({
  id: z.number().int(),
  kind: txKindSchema,
  at: z.string(),
  date: isoDateSchema,
  symbol: z.string(),
  coinId: z.string().nullable(),
  quantity: z.string(),
  quoteSymbol: z.string().nullable(),
  quoteCoinId: z.string().nullable(),
  quoteQuantity: z.string().nullable(),
  feeSymbol: z.string().nullable(),
  feeCoinId: z.string().nullable(),
  feeQuantity: z.string().nullable(),
  /** The USD value the file stated or the user entered (V1, step 1), and who stated it. */
  valueUsd: z.string().nullable(),
  valueSource: z.enum(['file', 'user']).nullable(),
  /** A fee value the user entered. */
  feeValueUsd: z.string().nullable(),
  note: z.string().nullable(),
  source: z.string(),
  line: z.number().int().nullable(),
  /** What the ledger values it at, and where each value came from (docs/cost-basis.md, V1-V4). */
  priced: z.object({
    value: z.string().nullable(),
    source: priceSourceSchema,
    feeValue: z.string().nullable(),
    feeSource: priceSourceSchema.nullable(),
    /** The ledger needs a value here that is not known: gains and totals leave it out until one is entered. */
    missing: z.boolean(),
    /** Which is missing: the transaction's own value, its fee's value (or a move's network fee), or both. */
    missingValue: z.boolean(),
    missingFee: z.boolean()
  })
})
export type Transaction = z.infer<typeof transactionSchema>

/**
 * Transactions whose USD value is unknown (left out of totals and gains), and why: older than the
 * provider tier's price history, or a coin not yet chosen for a symbol, or no stored price yet.
 */
export const valueGapsSchema = z.object({
  transactions: z.number().int(),
  beyondTier: z.number().int(),
  unmatched: z.number().int(),
  /** The earliest day the provider tier serves prices for; null when the tier has no limit. */
  tierFrom: isoDateSchema.nullable(),
  tier: z.enum(['public', 'demo', 'pro'])
})
export type ValueGaps = z.infer<typeof valueGapsSchema>

/**
 * What a ledger warning is about: a balance going below zero, a value the app cannot know, or a
 * stored amount outside the bounds (the transaction is left out until it is edited or deleted).
 */
export const ledgerWarningKinds = ['negative-balance', 'unknown-value', 'unreadable-amount'] as const
export const ledgerWarningSchema = z.object({
  kind: z.enum(ledgerWarningKinds),
  transactionId: z.number().int(),
  message: z.string()
})
export type LedgerWarning = z.infer<typeof ledgerWarningSchema>

export const holdingSchema = z.object({
  coinId: z.string().nullable(),
  symbol: z.string(),
  name: z.string().nullable(),
  quantity: z.string(),
  /** Latest stored USD price and its UTC date; null when the coin has no stored price. */
  price: z.number().nullable(),
  priceSource: z.enum(['market', 'unknown']),
  value: z.number().nullable(),
  asOf: isoDateSchema.nullable(),
  /** True when the price is more than two days older than the newest market data. */
  stale: z.boolean(),
  /** Cost of the open lots; null when any of them has an unknown cost (V3). */
  costBasis: z.number().nullable(),
  /** Quantity held in lots of unknown cost ("0" when none). */
  unknownCostQuantity: z.string(),
  unrealizedPnl: z.number().nullable(),
  /**
   * Realized gains and income of this asset that are known, the counts saying what was left out;
   * null when every one of them is unknown.
   */
  realizedPnl: z.number().nullable(),
  unknownGains: z.number().int(),
  income: z.number().nullable(),
  unknownIncome: z.number().int(),
  bucket: bucketSchema
})
export type Holding = z.infer<typeof holdingSchema>

export const holdingsResultSchema = z.object({
  method: costMethodSchema,
  /** The newest UTC date with stored market data: what "as of the last sync" means. */
  asOf: isoDateSchema.nullable(),
  /** Sums of what is known; `leftOut` counts what each sum leaves out. */
  totals: z.object({
    value: z.number(),
    costBasis: z.number(),
    unrealizedPnl: z.number(),
    realizedPnl: z.number(),
    income: z.number()
  }),
  leftOut: z.object({
    /** Holdings without a price: not in the value. */
    unpriced: z.number().int(),
    /** Holdings with an unknown cost basis: not in the cost basis or unrealized gains. */
    unknownBasis: z.number().int(),
    /** Disposals with an unknown gain, and incomes of unknown value. */
    unknownGains: z.number().int(),
    unknownIncome: z.number().int()
  }),
  valueGaps: valueGapsSchema,
  holdings: z.array(holdingSchema),
  warnings: z.array(ledgerWarningSchema),
  /** Symbols of stored transactions not yet matched to a provider coin, by source. */
  unmatched: z.array(z.object({ source: z.string(), symbol: z.string() }))
})

export const lotSchema = z.object({
  coinId: z.string().nullable(),
  symbol: z.string(),
  acquiredAt: z.string(),
  quantity: z.string(),
  /** null when the lot's cost is unknown (V3). */
  costPerUnit: z.number().nullable()
})

const assetChoiceSchema = z.object({
  source: z.string(),
  symbol: z.string(),
  status: z.enum(['mapped', 'ambiguous', 'unknown', 'fiat']),
  coinId: z.string().nullable(),
  candidates: z.array(z.object({ id: z.string(), symbol: z.string(), name: z.string(), rank: z.number().nullable() }))
})
export type AssetChoice = z.infer<typeof assetChoiceSchema>

export const importErrorSchema = z.object({ line: z.number().int(), reason: z.string() })

const importInputSchema = z
  .object({
    /** The file's text as read (BOM and CRLF are handled here). */
    text: z.string().max(64 * 1024 * 1024),
    format: importFormatSchema.optional(),
    fileName: storedTextSchema(300).optional(),
    /** Symbol → provider coin id, for symbols the user resolved (remembered per source). */
    mappings: z.record(z.string(), coinIdSchema).optional()
  })
  .strict()

export const importResultSchema = z.object({
  format: importFormatSchema,
  /** Data records in the file (the header and any preamble not counted). */
  rows: z.number().int(),
  /** Transactions written (or, in a preview, that would be written). */
  imported: z.number().int(),
  duplicates: z.number().int(),
  /** Records that hold nothing to track (fiat-only deposits and withdrawals). */
  skipped: z.number().int(),
  /** The first 1,000 rows with errors, in line order. */
  errors: z.array(importErrorSchema),
  /** How many rows have errors (more than `errors` lists when over 1,000). */
  errorRows: z.number().int(),
  assets: z.array(assetChoiceSchema),
  /** The first transactions the import writes, for the preview. */
  sample: z.array(transactionSchema.omit({ id: true })),
  /** How the transactions to import would be valued with the prices stored now (V1), by source. */
  valuation: z.object({
    file: z.number().int(),
    trade: z.number().int(),
    market: z.number().int(),
    /** Transactions that need a value and have none yet: gains will leave them out until one is entered. */
    unknown: z.number().int(),
    /** Transactions that need no value (own transfers, balance rows). */
    none: z.number().int()
  }),
  dryRun: z.boolean()
})
export type ImportResult = z.infer<typeof importResultSchema>

const noInput = z.void().or(z.object({}).strict()).optional()
const methodInput = z.object({ method: costMethodSchema.optional() }).strict().optional()

export const portfolioChannels = {
  'portfolio:get-holdings': channel({
    summary: 'What the user holds, valued at the latest stored prices, with cost basis and P&L.',
    input: methodInput,
    output: holdingsResultSchema
  }),
  'portfolio:get-lots': channel({
    summary: 'The open lots of every asset under a cost-basis method.',
    input: methodInput,
    output: z.object({ method: costMethodSchema, lots: z.array(lotSchema) })
  }),
  'portfolio:list-transactions': channel({
    summary: 'Transactions, newest first.',
    input: z
      .object({
        limit: z.number().int().min(1).max(5000).optional(),
        offset: z.number().int().min(0).optional(),
        /** Only the transactions whose USD value is needed and unknown (the ones to fix). */
        missingValue: z.boolean().optional()
      })
      .strict()
      .optional(),
    output: z.object({ total: z.number().int(), transactions: z.array(transactionSchema) })
  }),
  'portfolio:add-transaction': channel({
    summary: 'Adds a transaction; refused when it leaves a balance negative unless acceptWarnings is set.',
    input: z.object({ draft: transactionDraftSchema, acceptWarnings: z.boolean().optional() }).strict(),
    output: z.object({ transaction: transactionSchema, warnings: z.array(ledgerWarningSchema) })
  }),
  'portfolio:update-transaction': channel({
    summary: 'Changes a transaction, with the same checks as adding one.',
    input: z
      .object({ id: z.number().int(), draft: transactionDraftSchema, acceptWarnings: z.boolean().optional() })
      .strict(),
    output: z.object({ transaction: transactionSchema, warnings: z.array(ledgerWarningSchema) })
  }),
  'portfolio:delete-transaction': channel({
    summary: 'Deletes a transaction.',
    input: z.object({ id: z.number().int() }).strict(),
    output: z.object({ deleted: z.boolean() })
  }),
  'portfolio:preview-import': channel({
    summary: 'Parses a CSV export and reports what an import would write; writes nothing.',
    input: importInputSchema,
    output: importResultSchema
  }),
  'portfolio:confirm-import': channel({
    summary: 'Imports a CSV export: every row or none; rows already imported are skipped.',
    input: importInputSchema,
    output: importResultSchema
  }),
  'portfolio:get-value-history': channel({
    summary: "The portfolio's USD value per UTC day from its first transaction to the newest stored price.",
    input: z.object({ from: isoDateSchema.optional(), to: isoDateSchema.optional() }).strict().optional(),
    output: z.object({
      asOf: isoDateSchema.nullable(),
      points: z.array(
        z.object({
          date: isoDateSchema,
          /** The whole portfolio's value; null on a day when some holding has no price. */
          value: z.number().nullable(),
          /** The value of the holdings that have a price that day. */
          known: z.number(),
          /** How many holdings have no price that day. */
          unpriced: z.number().int()
        })
      )
    })
  }),
  'portfolio:get-allocation': channel({
    summary: 'Value by bucket and how the held altcoins did against Bitcoin over the index window.',
    input: noInput,
    output: z.object({
      asOf: isoDateSchema.nullable(),
      total: z.number(),
      buckets: z.array(z.object({ bucket: bucketSchema, value: z.number(), share: z.number() })),
      season: z
        .object({
          date: isoDateSchema,
          top: z.number().int(),
          window: z.number().int(),
          btcRatio: z.number(),
          beat: z.number().int(),
          altcoins: z.number().int(),
          holdings: z.array(
            z.object({
              coinId: z.string(),
              symbol: z.string(),
              ranked: z.boolean(),
              ratio: z.number().nullable(),
              outperforms: z.boolean().nullable()
            })
          )
        })
        .nullable(),
      /** Why the season view is missing, when it is. */
      seasonNote: z.string().nullable()
    })
  }),
  'portfolio:search-coins': channel({
    summary: 'Stored coins whose symbol or name matches, best ranked first.',
    input: z.object({ query: z.string().trim().min(1).max(50) }).strict(),
    output: z.array(z.object({ id: z.string(), symbol: z.string(), name: z.string(), rank: z.number().nullable() }))
  }),
  'portfolio:resolve-asset': channel({
    summary: "Chooses the provider coin for a source's symbol, remembers it and applies it to stored transactions.",
    input: z.object({ source: z.string().min(1).max(40), symbol: symbolSchema, coinId: coinIdSchema }).strict(),
    output: z.object({ updated: z.number().int() })
  })
}
