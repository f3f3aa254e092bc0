import { z } from 'zod'

/** The index variants the app computes (DESIGN.md section 1, item 9). */
export const indexTops = [100, 50] as const
export const indexWindows = [90, 30, 365] as const
export const topSchema = z.union([z.literal(100), z.literal(50)])
export const windowSchema = z.union([z.literal(90), z.literal(30), z.literal(365)])

export const providerTierSchema = z.enum(['public', 'demo', 'pro'])
export type ProviderTier = z.infer<typeof providerTierSchema>

export const themeSchema = z.enum(['system', 'light', 'dark'])

/**
 * User settings, stored in SQLite. Every field has a default so that a settings row written by an
 * older version still parses; unknown keys are dropped on read.
 */
export const settingsSchema = z.object({
  theme: themeSchema.default('system'),
  providerTier: providerTierSchema.default('public'),
  /** Overrides the tier's base URL (a self-hosted mirror, or a test server). Empty means the tier's own. */
  providerUrl: z.string().url().or(z.literal('')).default(''),
  trackedCoins: z.number().int().min(50).max(2000).default(250),
  historyDays: z.number().int().min(30).max(3650).default(365),
  /** Minutes between background syncs; 0 turns the schedule off. */
  syncIntervalMinutes: z.number().int().min(0).max(24 * 60).default(60),
  /** Client-side request budget shared by every provider call; 0 means no limit. */
  maxRequestsPerMinute: z.number().int().min(0).max(10_000).default(30),
  defaultTop: topSchema.default(100),
  defaultWindow: windowSchema.default(90),
  pegDetection: z.boolean().default(true)
})

export type Settings = z.infer<typeof settingsSchema>

/** A change to some settings; fields not named keep their value. */
export const settingsPatchSchema = settingsSchema.partial().strict()
export type SettingsPatch = z.infer<typeof settingsPatchSchema>

export const defaultSettings: Settings = settingsSchema.parse({})
