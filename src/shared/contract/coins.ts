import { z } from 'zod'
import { isoDateSchema } from '../dates'
import { topSchema, windowSchema } from '../domain'
import { channel, event } from './define'
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

export const watchlistItemSchema = z.object({
  coinId: z.string(),
  symbol: z.string(),
  name: z.string(),
  price: z.number().nullable(),
  /** Changes as fractions (0.05 = +5%) from the as-of prices 1, 7 and 30 days before; null where unknown. */
  change24h: z.number().nullable(),
  change7d: z.number().nullable(),
  change30d: z.number().nullable(),
  /** p(d) / p(d - W) over the index window, of the coin and of Bitcoin. */
  windowRatio: z.number().nullable(),
  btcWindowRatio: z.number().nullable(),
  beatsBitcoin: z.boolean().nullable(),
  /** The last 30 days' closes, oldest first; null where a day has none. */
  sparkline: z.array(z.number().nullable()),
  addedAt: z.number()
})
export type WatchlistItem = z.infer<typeof watchlistItemSchema>

export const watchlistSchema = z.object({
  /** The last stored market day: every figure is as of it. */
  asOf: isoDateSchema.nullable(),
  window: windowSchema,
  items: z.array(watchlistItemSchema)
})
export type Watchlist = z.infer<typeof watchlistSchema>

export const priceAlertKinds = ['above', 'below', 'move', 'beats-btc'] as const
export const priceAlertKindSchema = z.enum(priceAlertKinds)
export type PriceAlertKind = z.infer<typeof priceAlertKindSchema>

export const priceAlertRuleSchema = z.object({
  id: z.number().int(),
  coinId: z.string(),
  symbol: z.string(),
  name: z.string(),
  kind: priceAlertKindSchema,
  /** USD for above/below, percent for move; null for beats-btc. */
  threshold: z.number().nullable(),
  periodDays: z.number().int().nullable(),
  /** What it saw at its last evaluation ('over'/'under', 'up'/'down'/'inside', 'beats'/'lags') and when. */
  lastSide: z.string().nullable(),
  lastDate: isoDateSchema.nullable()
})
export type PriceAlertRule = z.infer<typeof priceAlertRuleSchema>

export const firedPriceAlertSchema = z.object({
  id: z.number().int(),
  alertId: z.number().int(),
  coinId: z.string(),
  title: z.string(),
  body: z.string(),
  asOf: isoDateSchema,
  createdAt: z.number()
})
export type FiredPriceAlert = z.infer<typeof firedPriceAlertSchema>

export const priceAlertInputSchema = z.discriminatedUnion('kind', [
  z.object({ coinId: coinIdInput, kind: z.literal('above'), threshold: z.number().positive().max(1e12) }).strict(),
  z.object({ coinId: coinIdInput, kind: z.literal('below'), threshold: z.number().positive().max(1e12) }).strict(),
  z
    .object({
      coinId: coinIdInput,
      kind: z.literal('move'),
      threshold: z.number().positive().max(10_000),
      periodDays: z.number().int().min(1).max(365)
    })
    .strict(),
  z.object({ coinId: coinIdInput, kind: z.literal('beats-btc') }).strict()
])
export type PriceAlertInput = z.infer<typeof priceAlertInputSchema>

export const priceAlertsSchema = z.object({
  enabled: z.boolean(),
  rules: z.array(priceAlertRuleSchema),
  fired: z.array(firedPriceAlertSchema)
})

export const coinCandlesInputSchema = z.object({ coinId: coinIdInput, from: isoDateSchema, to: isoDateSchema }).strict()
export type CoinCandlesInput = z.infer<typeof coinCandlesInputSchema>

export const coinCandleSchema = z.object({
  /** The UTC day the candle covers, 00:00 to 24:00. */
  date: isoDateSchema,
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  /** '1d': the provider's own daily candle; '4h': built from its six 4-hour candles of the day. */
  interval: z.enum(['1d', '4h'])
})
export type CoinCandle = z.infer<typeof coinCandleSchema>

export const coinCandlesSchema = z.object({
  coinId: z.string(),
  /** How the plan in use gives daily candles: its own daily ones (pro) or whole days of 4-hour ones. */
  source: z.enum(['daily', '4h']),
  /** The first day the plan gives daily candles for, within the range; null when it reaches none of it. */
  reachFrom: isoDateSchema.nullable(),
  /** Cached candles of the range, ascending; days without one have their daily close only. */
  candles: z.array(coinCandleSchema),
  /** Whether this answer asked the provider. */
  fetched: z.boolean(),
  /** When the newest candle of the range was fetched (ms), null when none is stored. */
  fetchedAt: z.number().nullable(),
  /** Why no new candles came (offline, refused, an unusable answer) and how old the cached ones are. */
  problem: z.string().nullable()
})
export type CoinCandles = z.infer<typeof coinCandlesSchema>

export const coinChannels = {
  'coins:get-candles': channel({
    summary:
      "A coin's daily candles over a range: fetched from the provider when its plan has them and the cache is out of date, else from the cache.",
    input: coinCandlesInputSchema,
    output: coinCandlesSchema
  }),
  'coins:get-page': channel({
    summary:
      "One coin's stored prices in USD and BTC, caps and volumes, its place in the index each day, and the user's trades in it.",
    input: variantInputSchema
      .extend({ coinId: coinIdInput, from: isoDateSchema.optional(), to: isoDateSchema.optional() })
      .strict(),
    output: coinPageSchema
  }),
  'watchlist:list': channel({
    summary: 'The coins the user follows with price, 24h/7d/30d change, window return against Bitcoin and a sparkline.',
    input: z.void().or(z.object({}).strict()).optional(),
    output: watchlistSchema
  }),
  'watchlist:add': channel({
    summary: 'Follows a stored coin.',
    input: z.object({ coinId: coinIdInput }).strict(),
    output: z.object({ added: z.boolean() })
  }),
  'watchlist:remove': channel({
    summary: 'Stops following a coin.',
    input: z.object({ coinId: coinIdInput }).strict(),
    output: z.object({ removed: z.boolean() })
  }),
  'price-alerts:list': channel({
    summary: 'Price alert rules, whether price alerts are on, and the newest alerts that fired.',
    input: z
      .object({ limit: z.number().int().min(1).max(500).optional() })
      .strict()
      .optional(),
    output: priceAlertsSchema
  }),
  'price-alerts:add': channel({
    summary:
      'Adds a price alert: above or below a price, a move of a percentage over days, or starting/stopping beating Bitcoin.',
    input: priceAlertInputSchema,
    output: priceAlertRuleSchema
  }),
  'price-alerts:remove': channel({
    summary: 'Removes a price alert rule (the alerts it fired stay in the history).',
    input: z.object({ id: z.number().int() }).strict(),
    output: z.object({ removed: z.boolean() })
  }),
  'price-alerts:check': channel({
    summary: 'Evaluates the price alerts now against the stored prices (when they are on).',
    input: z.void().or(z.object({}).strict()).optional(),
    output: z.object({ enabled: z.boolean(), created: z.array(firedPriceAlertSchema) })
  })
}

export const coinEvents = {
  'coins:price-alert': event({
    summary: 'A price alert fired.',
    payload: firedPriceAlertSchema
  })
}
