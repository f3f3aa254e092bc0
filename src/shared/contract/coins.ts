import { z } from 'zod'
import { isoDateSchema } from '../dates'
import { topSchema, windowSchema } from '../domain'
import { channel } from './define'
import { variantInputSchema } from './season'

export const coinIdInput = z.string().trim().min(1).max(200)

/** Where a coin stood in the index on a day (main/season/coin-membership.ts says each case). */
export const membershipStatuses = ['outperformer', 'measured', 'ranked', 'excluded', 'outside'] as const
export const membershipStatusSchema = z.enum(membershipStatuses)
export type MembershipStatus = z.infer<typeof membershipStatusSchema>

export const coinDaySchema = z.object({
  date: isoDateSchema,
  /** Stored USD values of that day; null where the day has none. */
  price: z.number().nullable(),
  /** The price in bitcoin: price over bitcoin's as-of price that day. */
  priceBtc: z.number().nullable(),
  marketCap: z.number().nullable(),
  volume: z.number().nullable(),
  status: membershipStatusSchema,
  /** Rank in the index universe that day; null when not ranked. */
  rank: z.number().int().positive().nullable(),
  /** p(d) / p(d - W) of the coin and of bitcoin, with as-of prices. */
  ratio: z.number().nullable(),
  btcRatio: z.number().nullable(),
  outperforms: z.boolean().nullable(),
  /** Why it was excluded: 'benchmark', 'category:…', 'curated' or 'pegged:usd|btc|eth'. */
  reason: z.string().nullable(),
  /** The peg's evidence: largest over smallest ratio to the reference over 30 days. */
  pegSpread: z.number().nullable()
})
export type CoinDay = z.infer<typeof coinDaySchema>

export const coinHoldingSchema = z.object({
  quantity: z.string(),
  value: z.number().nullable(),
  /** Cost of the open lots; null when any lot's cost is unknown. */
  costBasis: z.number().nullable(),
  unrealized: z.number().nullable(),
  realized: z.string(),
  unknownGains: z.number().int(),
  /** Days the user acquired (lots, open or since sold) and disposed of the coin: the chart's markers. */
  buys: z.array(z.object({ date: isoDateSchema, quantity: z.string() })),
  sells: z.array(z.object({ date: isoDateSchema, quantity: z.string(), gain: z.string().nullable() })),
  lots: z.array(z.object({ date: isoDateSchema, quantity: z.string(), costPerUnit: z.number().nullable() }))
})
export type CoinHolding = z.infer<typeof coinHoldingSchema>

export const coinPageSchema = z.object({
  coin: z.object({ id: z.string(), symbol: z.string(), name: z.string(), rank: z.number().nullable() }),
  /** The last stored day of this coin's price: everything on the page is as of it. */
  asOf: isoDateSchema.nullable(),
  top: topSchema,
  window: windowSchema,
  pegDetection: z.boolean(),
  days: z.array(coinDaySchema),
  holding: coinHoldingSchema.nullable()
})
export type CoinPage = z.infer<typeof coinPageSchema>

export const coinChannels = {
  'coins:get-page': channel({
    summary:
      "One coin's stored prices in USD and BTC, caps and volumes, its place in the index each day, and the user's trades in it.",
    input: variantInputSchema
      .extend({ coinId: coinIdInput, from: isoDateSchema.optional(), to: isoDateSchema.optional() })
      .strict(),
    output: coinPageSchema
  })
}
