import { z } from 'zod'

// The parts of CoinGecko v3 answers the sync reads. Anything else in an answer is ignored; a
// missing or mistyped field that the sync needs fails the whole answer, which is then not stored.

const nullableNumber = z.number().nullable()

/**
 * A price change in percent over a window, asked with price_change_percentage=30d,1y. Optional
 * extras: one that is missing, mistyped or outside what a price can do (below -100 %, or more
 * than a hundred-thousand-fold) is dropped to null instead of failing the whole snapshot.
 */
const priceChange = z.number().gt(-100).lte(1e7).nullable().optional().catch(null)

export const marketCoinSchema = z.object({
  id: z.string().min(1).max(200),
  symbol: z.string().max(100),
  name: z.string().max(300),
  current_price: nullableNumber,
  market_cap: nullableNumber,
  total_volume: nullableNumber.optional(),
  market_cap_rank: z.number().int().nullable().optional(),
  last_updated: z.string().nullable(),
  price_change_percentage_30d_in_currency: priceChange,
  price_change_percentage_1y_in_currency: priceChange
})
export type MarketCoin = z.infer<typeof marketCoinSchema>

export const marketsPageSchema = z.array(marketCoinSchema)

const seriesSchema = z.array(z.tuple([z.number(), nullableNumber]))

export const marketChartSchema = z.object({
  prices: seriesSchema,
  market_caps: seriesSchema,
  total_volumes: seriesSchema.optional()
})
export type MarketChart = z.infer<typeof marketChartSchema>

export const globalSchema = z.object({
  data: z.object({
    market_cap_percentage: z.record(z.string(), z.number()),
    total_market_cap: z.record(z.string(), z.number()),
    updated_at: z.number().optional()
  })
})
export type GlobalAnswer = z.infer<typeof globalSchema>

export const pingSchema = z.object({ gecko_says: z.string() })
