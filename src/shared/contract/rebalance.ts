import { z } from 'zod'
import { isoDateSchema } from '../dates'
import { channel, event } from './define'
import { costMethodSchema, regimeSchema } from '../domain'

export const sleeveSchema = z.enum(['bitcoin', 'altcoins', 'stablecoins'])
const percentSchema = z.number().min(0).max(100)

export const targetSplitSchema = z
  .object({
    bitcoin: percentSchema,
    altcoins: percentSchema,
    stablecoins: percentSchema,
    /** Optional weights inside the altcoin sleeve: coin id -> positive weight (any scale). */
    altWeights: z
      .record(z.string().min(1).max(200), z.number().positive().max(1_000_000))
      .refine((w) => Object.keys(w).length <= 50, 'at most 50 altcoin weights')
      .refine((w) => !('bitcoin' in w), 'bitcoin belongs to the Bitcoin sleeve, not to the altcoin weights')
      .default({})
  })
  .strict()
  .refine(
    (t) => Math.abs(t.bitcoin + t.altcoins + t.stablecoins - 100) <= 0.01,
    'bitcoin, altcoins and stablecoins must add up to 100'
  )
export type TargetSplitShape = z.infer<typeof targetSplitSchema>

export const regimeTargetsSchema = z.object({
  bitcoin: targetSplitSchema,
  neutral: targetSplitSchema,
  altcoin: targetSplitSchema
})

const tradeSchema = z.object({
  action: z.enum(['buy', 'sell']),
  coinId: z.string(),
  symbol: z.string(),
  sleeve: sleeveSchema,
  /** Decimal string, at most 8 decimals. */
  quantity: z.string(),
  price: z.number(),
  priceAsOf: isoDateSchema,
  value: z.number(),
  fee: z.number(),
  reason: z.string(),
  /** For sells: the lots it would consume under the cost-basis method and the gain it would realize. */
  sale: z
    .object({
      method: costMethodSchema,
      /** Cost per unit null, and so cost basis and gain null, where a lot's cost is unknown. */
      lots: z.array(z.object({ acquiredAt: z.string(), quantity: z.number(), costPerUnit: z.number().nullable() })),
      costBasis: z.number().nullable(),
      proceeds: z.number(),
      realizedGain: z.number().nullable(),
      /** Quantity the recorded lots do not cover. */
      uncovered: z.number()
    })
    .nullable()
})
export type HintTrade = z.infer<typeof tradeSchema>

const sleeveStateSchema = z.object({
  sleeve: sleeveSchema,
  value: z.number(),
  percent: z.number(),
  target: z.number(),
  drift: z.number(),
  band: z.number(),
  outside: z.boolean()
})

export const hintsResultSchema = z.object({
  /** The regime the hints use: user thresholds and hysteresis applied. */
  regime: regimeSchema,
  /** The date of the index value behind the regime. */
  asOf: isoDateSchema,
  indexValue: z.number(),
  /** The regime the index itself reports (75/25). */
  indexRegime: regimeSchema,
  regimeSince: isoDateSchema,
  thresholds: z.object({ bitcoin: z.number(), altcoin: z.number(), hysteresisDays: z.number().int() }),
  /** The newest date of the prices the holdings are valued at. */
  pricesAsOf: isoDateSchema.nullable(),
  allocation: z.object({ total: z.number(), sleeves: z.array(sleeveStateSchema) }),
  targets: targetSplitSchema,
  mode: z.enum(['rebalance', 'buy-only']),
  contribution: z.number(),
  feeRatePercent: z.number(),
  minTradeUsd: z.number(),
  method: costMethodSchema,
  due: z.boolean(),
  hints: z.array(tradeSchema),
  skipped: z.array(tradeSchema),
  feeTotal: z.number(),
  after: z.array(z.object({ sleeve: sleeveSchema, value: z.number(), percent: z.number() })),
  notes: z.array(z.string()),
  disclaimer: z.string()
})
export type HintsResult = z.infer<typeof hintsResultSchema>

export const alertSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['regime-change', 'index-level', 'drift']),
  title: z.string(),
  body: z.string(),
  asOf: isoDateSchema,
  createdAt: z.number()
})
export type Alert = z.infer<typeof alertSchema>

export const backtestStrategySchema = z.enum(['hold', 'periodic', 'regime'])

export const backtestInputSchema = z
  .object({
    strategies: z.array(backtestStrategySchema).min(1).max(3).optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    feeRatePercent: z.number().min(0).max(10).optional(),
    periodDays: z.number().int().min(1).max(3650).optional(),
    /** Targets of hold and periodic; the Neutral targets when not given. */
    targets: targetSplitSchema.optional(),
    initialValue: z.number().positive().max(1e12).optional()
  })
  .strict()

export const backtestResultSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  days: z.number().int(),
  initialValue: z.number(),
  feeRatePercent: z.number(),
  periodDays: z.number().int(),
  fixedTargets: targetSplitSchema,
  regimeTargets: regimeTargetsSchema,
  altBasket: z.string(),
  dates: z.array(isoDateSchema),
  strategies: z.array(
    z.object({
      strategy: backtestStrategySchema,
      label: z.string(),
      values: z.array(z.number()),
      trades: z.number().int(),
      fees: z.number(),
      finalValue: z.number(),
      totalReturn: z.number(),
      cagr: z.number().nullable(),
      maxDrawdown: z.number(),
      volatility: z.number().nullable()
    })
  ),
  notes: z.array(z.string())
})
export type BacktestResultShape = z.infer<typeof backtestResultSchema>

const noInput = z.void().or(z.object({}).strict()).optional()

export const rebalanceChannels = {
  'rebalance:get-targets': channel({
    summary: 'The target split per regime (defaults where the user set none), and the defaults.',
    input: noInput,
    output: z.object({ targets: regimeTargetsSchema, defaults: regimeTargetsSchema })
  }),
  'rebalance:set-targets': channel({
    summary: "Sets one regime's target split, or with null goes back to the default.",
    input: z.object({ regime: regimeSchema, targets: targetSplitSchema.nullable() }).strict(),
    output: z.object({ targets: regimeTargetsSchema, defaults: regimeTargetsSchema })
  }),
  'rebalance:get-hints': channel({
    summary: "Trades that bring the holdings back inside their bands for the current regime's targets.",
    input: z
      .object({
        mode: z.enum(['rebalance', 'buy-only']).optional(),
        contribution: z.number().min(0).max(1e12).optional(),
        method: costMethodSchema.optional(),
        feeRatePercent: z.number().min(0).max(10).optional(),
        minTradeUsd: z.number().min(0).max(1e9).optional()
      })
      .strict()
      .optional(),
    output: hintsResultSchema
  }),
  'rebalance:list-alerts': channel({
    summary: 'The alert history, newest first.',
    input: z
      .object({ limit: z.number().int().min(1).max(500).optional() })
      .strict()
      .optional(),
    output: z.object({ enabled: z.boolean(), alerts: z.array(alertSchema) })
  }),
  'rebalance:check-alerts': channel({
    summary: 'Checks regime, index levels and drift now; returns the alerts this check created.',
    input: noInput,
    output: z.object({ enabled: z.boolean(), created: z.array(alertSchema) })
  }),
  'rebalance:run-backtest': channel({
    summary: 'Holding, periodic rebalancing and regime-following targets over the cached history.',
    input: backtestInputSchema.optional(),
    output: backtestResultSchema
  })
}

export const rebalanceEvents = {
  'rebalance:alert': event({
    summary: 'An alert was raised (regime change, index level, drift).',
    payload: alertSchema
  })
}
