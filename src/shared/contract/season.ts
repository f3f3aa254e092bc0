import { z } from 'zod'
import { isoDateSchema } from '../dates'
import { regimeSchema, topSchema, windowSchema } from '../domain'
import { channel, event } from './define'

export type { Regime } from '../domain'

export const variantInputSchema = z.object({
  top: topSchema.optional(),
  window: windowSchema.optional(),
  /** Defaults to the pegDetection setting. */
  pegDetection: z.boolean().optional()
})

export const historyPointSchema = z.object({
  date: isoDateSchema,
  value: z.number(),
  outperformers: z.number().int(),
  measured: z.number().int(),
  unmeasured: z.number().int(),
  regime: regimeSchema
})
export type HistoryPoint = z.infer<typeof historyPointSchema>

export const rankedCoinSchema = z.object({
  id: z.string(),
  symbol: z.string(),
  name: z.string(),
  rank: z.number().int().positive(),
  marketCap: z.number(),
  /** p(d) / p(d - W); null when the coin is unmeasured (no price a full window ago). */
  ratio: z.number().nullable(),
  /** null when unmeasured. */
  outperforms: z.boolean().nullable()
})

export const exclusionSchema = z.object({
  id: z.string(),
  symbol: z.string(),
  name: z.string(),
  /** "category:<slug>", "curated", "pegged:usd", "pegged:btc" or "pegged:eth". */
  reason: z.string()
})

export const indexResultSchema = historyPointSchema.extend({
  top: topSchema,
  window: windowSchema,
  /** Bitcoin's own p(d) / p(d - W), the bar every coin is measured against. */
  btcRatio: z.number(),
  coins: z.array(rankedCoinSchema),
  excluded: z.array(exclusionSchema),
  /**
   * Set while fewer tracked coins have their history stored than are tracked (a first sync cut
   * short): the value rests on those coins only. null when every tracked coin's history is in.
   */
  partial: z.object({ coinsWithHistory: z.number().int().nonnegative(), coinsTracked: z.number().int() }).nullable(),
  /** Days between the newest stored market data and today (UTC): how old what the index rests on is. */
  staleDays: z.number().int().nonnegative(),
  /**
   * Set on a value computed from today's market snapshot alone (the provider's 30-day and 1-year
   * price changes) while no history-based value exists for today: it is never stored as history.
   */
  provisional: z.literal(true).optional(),
  /** Why the value is provisional and what it leaves out, in plain words. */
  provisionalReason: z.string().max(500).optional()
})
export type IndexResult = z.infer<typeof indexResultSchema>

export const seasonChannels = {
  'season:get-index': channel({
    summary: 'The index on one date (default: the latest computable) with its per-coin breakdown.',
    input: variantInputSchema.extend({ date: isoDateSchema.optional() }).strict().optional(),
    output: indexResultSchema
  }),
  'season:get-history': channel({
    summary: 'The daily series of one variant over a date range.',
    input: variantInputSchema
      .extend({ from: isoDateSchema.optional(), to: isoDateSchema.optional() })
      .strict()
      .optional(),
    output: z.object({ top: topSchema, window: windowSchema, points: z.array(historyPointSchema) })
  }),
  'season:get-dominance': channel({
    summary: "Bitcoin's share of the tracked coins' market cap per day, and the provider's global figure for today.",
    input: z.object({ from: isoDateSchema.optional(), to: isoDateSchema.optional() }).strict().optional(),
    output: z.object({
      points: z.array(z.object({ date: isoDateSchema, dominance: z.number() })),
      global: z.object({ date: isoDateSchema, dominance: z.number() }).nullable()
    })
  }),
  'market:get-series': channel({
    summary: "One coin's stored daily prices and market caps.",
    input: z
      .object({ coinId: z.string().min(1).max(200), from: isoDateSchema.optional(), to: isoDateSchema.optional() })
      .strict(),
    output: z.object({
      coinId: z.string(),
      points: z.array(z.object({ date: isoDateSchema, price: z.number().nullable(), marketCap: z.number().nullable() }))
    })
  })
}

export const seasonEvents = {
  'season:updated': event({
    summary: 'Index history was recomputed for the dates given.',
    payload: z.object({ from: isoDateSchema.nullable(), to: isoDateSchema.nullable() })
  })
}
