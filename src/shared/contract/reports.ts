import { z } from 'zod'
import { isoDateSchema } from '../dates'
import { costMethodSchema, priceSourceSchema, termSchema } from '../domain'
import { channel } from './define'
import { nonNegativeDecimalSchema, transactionSchema } from './portfolio'

/** Money in reports: exact decimal text in USD, rounded to cents; null when unknown (V3). */
const moneySchema = z.string().nullable()

export const disposalCauseSchema = z.enum(['sale', 'trade', 'fee', 'network-fee'])

/** One lot consumed by one disposal: a row of the realized gains report (and of Form 8949). */
export const gainRowSchema = z.object({
  txId: z.number().int(),
  symbol: z.string(),
  coinId: z.string().nullable(),
  name: z.string().nullable(),
  cause: disposalCauseSchema,
  quantity: z.string(),
  /** Date acquired in the tax time zone; null for a quantity no lot covered (L8). */
  acquired: isoDateSchema.nullable(),
  sold: isoDateSchema,
  proceeds: moneySchema,
  costBasis: moneySchema,
  gain: moneySchema,
  /** null when the date acquired is not known. */
  term: termSchema.nullable(),
  proceedsSource: priceSourceSchema,
  costSources: z.array(priceSourceSchema)
})
export type GainRow = z.infer<typeof gainRowSchema>

const totalSchema = z.object({
  proceeds: z.string(),
  costBasis: z.string(),
  gain: z.string(),
  /** Rows in the sums; rows with an unknown amount are listed but not summed. */
  rows: z.number().int()
})

const reportHeader = {
  timeZone: z.string(),
  /** The tax year shown; null for every year. */
  year: z.number().int().nullable(),
  /** Years that have rows, newest first. */
  years: z.array(z.number().int()),
  disclaimer: z.string()
}

export const gainsReportSchema = z.object({
  ...reportHeader,
  method: costMethodSchema,
  rows: z.array(gainRowSchema),
  totals: z.object({ short: totalSchema, long: totalSchema, all: totalSchema }),
  /** Rows left out of the totals because an amount is unknown. */
  unknownRows: z.number().int()
})
export type GainsReport = z.infer<typeof gainsReportSchema>

export const incomeRowSchema = z.object({
  txId: z.number().int(),
  date: isoDateSchema,
  symbol: z.string(),
  coinId: z.string().nullable(),
  quantity: z.string(),
  value: moneySchema,
  source: priceSourceSchema,
  note: z.string().nullable()
})

export const incomeReportSchema = z.object({
  ...reportHeader,
  rows: z.array(incomeRowSchema),
  totals: z.object({
    value: z.string(),
    rows: z.number().int(),
    byAsset: z.array(
      z.object({ symbol: z.string(), coinId: z.string().nullable(), quantity: z.string(), value: z.string() })
    )
  }),
  unknownRows: z.number().int()
})
export type IncomeReport = z.infer<typeof incomeReportSchema>

/** One holding opened: its lots, its disposals with the lots they consumed, its realized gains. */
export const assetDetailSchema = z.object({
  key: z.string(),
  coinId: z.string().nullable(),
  symbol: z.string(),
  name: z.string().nullable(),
  method: costMethodSchema,
  timeZone: z.string(),
  quantity: z.string(),
  price: z.number().nullable(),
  asOf: isoDateSchema.nullable(),
  lots: z.array(
    z.object({
      txId: z.number().int(),
      acquired: isoDateSchema,
      quantity: z.string(),
      costPerUnit: z.number().nullable(),
      cost: moneySchema,
      costSources: z.array(priceSourceSchema)
    })
  ),
  disposals: z.array(
    z.object({
      txId: z.number().int(),
      date: isoDateSchema,
      cause: disposalCauseSchema,
      quantity: z.string(),
      proceeds: moneySchema,
      costBasis: moneySchema,
      gain: moneySchema,
      proceedsSource: priceSourceSchema,
      lots: z.array(
        z.object({
          acquired: isoDateSchema.nullable(),
          quantity: z.string(),
          costBasis: moneySchema,
          term: termSchema.nullable()
        })
      )
    })
  ),
  realized: z.string(),
  unknownGains: z.number().int(),
  income: z.string(),
  unknownIncome: z.number().int()
})
export type AssetDetail = z.infer<typeof assetDetailSchema>

const yearInput = z.number().int().min(2009).max(2100)

export const reportChannels = {
  'portfolio:get-asset': channel({
    summary: "One holding's open lots, its disposals with the lots they consumed, and its realized gains.",
    input: z.object({ key: z.string().min(1).max(220), method: costMethodSchema.optional() }).strict(),
    output: assetDetailSchema
  }),
  'portfolio:get-gains': channel({
    summary: 'Realized gains per tax year: one row per lot each disposal consumed, with totals by term.',
    input: z.object({ year: yearInput.optional(), method: costMethodSchema.optional() }).strict().optional(),
    output: gainsReportSchema
  }),
  'portfolio:get-income': channel({
    summary: 'Income per tax year (staking, rewards, airdrops, interest) at its value on receipt.',
    input: z.object({ year: yearInput.optional() }).strict().optional(),
    output: incomeReportSchema
  }),
  'portfolio:export-report': channel({
    summary: 'A report as a CSV file: gains in the layout of IRS Form 8949, gains with every field, or income.',
    input: z
      .object({
        report: z.enum(['gains-8949', 'gains-full', 'income']),
        year: yearInput.optional(),
        method: costMethodSchema.optional()
      })
      .strict(),
    output: z.object({ fileName: z.string(), mediaType: z.literal('text/csv'), text: z.string() })
  }),
  'portfolio:set-value': channel({
    summary: "Enters a transaction's USD value (and its fee's), or with null goes back to the one worked out.",
    input: z
      .object({
        id: z.number().int(),
        /** Left out: the transaction's value stays as it is (to enter only a fee's value). */
        valueUsd: nonNegativeDecimalSchema.nullable().optional(),
        feeValueUsd: nonNegativeDecimalSchema.nullable().optional()
      })
      .strict(),
    output: z.object({ transaction: transactionSchema })
  })
}
