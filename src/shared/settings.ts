import { z } from 'zod'
import { costMethodSchema, topSchema, windowSchema } from './domain'
import { MAX_PROVIDER_URL_LENGTH, providerAddressProblem, providerTierSchema } from './provider-address'
import { isTimeZone } from './tax-dates'

export { providerTierSchema }
export type { ProviderTier } from './provider-address'

export const themeSchema = z.enum(['system', 'light', 'dark'])

/**
 * Each user setting's schema. Add a field here AND its default in `defaultSettings` below; the
 * patch schema and the stored-row reader are derived from this one list.
 */
export const settingsFields = {
  theme: themeSchema,
  providerTier: providerTierSchema,
  /**
   * Overrides the tier's base URL (a self-hosted mirror, or a test server). Empty means the tier's
   * own. https only, except on this computer; changing its host removes a stored API key.
   */
  providerUrl: z
    .string()
    .max(MAX_PROVIDER_URL_LENGTH)
    .check((ctx) => {
      const problem = ctx.value === '' ? null : providerAddressProblem(ctx.value)
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value })
    }),
  trackedCoins: z.number().int().min(50).max(2000),
  historyDays: z.number().int().min(30).max(3650),
  /** Minutes between background syncs; 0 turns the schedule off. */
  syncIntervalMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  /** Client-side request budget shared by every provider call; 0 means no limit. */
  maxRequestsPerMinute: z.number().int().min(0).max(10_000),
  defaultTop: topSchema,
  defaultWindow: windowSchema,
  pegDetection: z.boolean(),
  /** How sold quantities are matched to the lots they came from. */
  costBasisMethod: costMethodSchema,
  /** Index levels for hints and alerts (the index itself always reports 25/75). */
  rebalanceBitcoinThreshold: z.number().min(0).max(100),
  rebalanceAltcoinThreshold: z.number().min(0).max(100),
  /** Consecutive days past a threshold before a regime change counts for hints; 0 = at once. */
  rebalanceHysteresisDays: z.number().int().min(0).max(90),
  /** Drift bands: percentage points, and percent of the target; the narrower applies, 0 = unused. */
  driftBandAbsolute: z.number().min(0).max(100),
  driftBandRelative: z.number().min(0).max(100),
  /** Hints leave out trades smaller than this many USD. */
  minTradeUsd: z.number().min(0).max(1_000_000),
  /** Estimated fee per trade, percent of its value. */
  feeRatePercent: z.number().min(0).max(10),
  /** Desktop notifications and the alert history; off until the user turns them on. */
  alertsEnabled: z.boolean(),
  alertOnRegimeChange: z.boolean(),
  alertOnDrift: z.boolean(),
  /** Index levels whose crossing raises an alert. */
  alertIndexLevels: z.array(z.number().min(0).max(100)).max(10),
  /** Price alerts on coins (coin pages and the watchlist); off until the user turns them on. */
  priceAlertsEnabled: z.boolean(),
  /** The IANA time zone whose calendar dates and years the tax reports use. */
  taxTimeZone: z.string().min(1).max(64).refine(isTimeZone, 'must be a time zone such as UTC or Europe/Berlin'),
  /** Ask GitHub for the latest release (README, "Updates", says what is sent); off until turned on. */
  checkForUpdates: z.boolean()
}

export const settingsSchema = z.object(settingsFields)
export type Settings = z.infer<typeof settingsSchema>

export const defaultSettings: Settings = {
  theme: 'system',
  providerTier: 'public',
  providerUrl: '',
  trackedCoins: 250,
  historyDays: 365,
  syncIntervalMinutes: 60,
  maxRequestsPerMinute: 30,
  defaultTop: 100,
  defaultWindow: 90,
  pegDetection: true,
  costBasisMethod: 'fifo',
  rebalanceBitcoinThreshold: 25,
  rebalanceAltcoinThreshold: 75,
  rebalanceHysteresisDays: 0,
  driftBandAbsolute: 5,
  driftBandRelative: 25,
  minTradeUsd: 20,
  feeRatePercent: 0.5,
  alertsEnabled: false,
  alertOnRegimeChange: true,
  alertOnDrift: true,
  alertIndexLevels: [],
  priceAlertsEnabled: false,
  taxTimeZone: 'UTC',
  checkForUpdates: false
}

/** A change to some settings; fields not named keep their value. Unknown fields are refused. */
export const settingsPatchSchema = settingsSchema.partial().strict()
export type SettingsPatch = z.infer<typeof settingsPatchSchema>
