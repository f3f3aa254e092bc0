import type { ProviderTier } from '../../shared/settings'

/** How many days back the public and demo tiers serve daily history (CoinGecko's limit). */
export const FREE_TIER_HISTORY_DAYS = 365

/**
 * The earliest UTC day the provider tier serves daily prices for, as of `today`; null when the tier
 * has no such limit (a Pro key reaches back to the provider's first data, 2013).
 */
export function tierHistoryFrom(tier: ProviderTier, today: number): number | null {
  return tier === 'pro' ? null : today - FREE_TIER_HISTORY_DAYS
}
