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
 * Each user setting's schema. Add a field here AND its default in `defaultSettings` below; the
 * patch schema and the stored-row reader are derived from this one list.
 */
export const settingsFields = {
  theme: themeSchema,
  providerTier: providerTierSchema,
  /** Overrides the tier's base URL (a self-hosted mirror, or a test server). Empty means the tier's own. */
  providerUrl: z.url({ protocol: /^https?$/ }).or(z.literal('')),
  trackedCoins: z.number().int().min(50).max(2000),
  historyDays: z.number().int().min(30).max(3650),
  /** Minutes between background syncs; 0 turns the schedule off. */
  syncIntervalMinutes: z.number().int().min(0).max(24 * 60),
  /** Client-side request budget shared by every provider call; 0 means no limit. */
  maxRequestsPerMinute: z.number().int().min(0).max(10_000),
  defaultTop: topSchema,
  defaultWindow: windowSchema,
  pegDetection: z.boolean(),
  /** How sold quantities are matched to the lots they came from. */
  costBasisMethod: z.enum(['fifo', 'hifo', 'average'])
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
  costBasisMethod: 'fifo'
}

/** A change to some settings; fields not named keep their value. Unknown fields are refused. */
export const settingsPatchSchema = settingsSchema.partial().strict()
export type SettingsPatch = z.infer<typeof settingsPatchSchema>
