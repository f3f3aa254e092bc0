import type { HeldHistory } from '../../shared/contract/sync'
import { dayNumberOf, isoDateOfDay } from '../../shared/dates'
import type { ProviderTier } from '../../shared/settings'
import { AS_OF_LIMIT_DAYS } from './as-of'

/**
 * How far back the provider serves daily history, written once: the sync keeps its requests within
 * it, and the portfolio can say why a transaction older than it has no price.
 */

/** Days of history each tier serves, counted back from today; null: everything the provider has. */
export const tierHistoryDays: Record<ProviderTier, number | null> = { public: 365, demo: 365, pro: null }

/** CoinGecko's daily history starts here (bitcoin, 2013-04-28); no tier has anything earlier. */
export const PROVIDER_FIRST_DAY = dayNumberOf('2013-04-28') as number

/** The earliest UTC day a request on this tier may ask for, today being `today`. */
export function earliestHistoryDay(tier: ProviderTier, today: number): number {
  const days = tierHistoryDays[tier]
  return days === null ? PROVIDER_FIRST_DAY : Math.max(PROVIDER_FIRST_DAY, today - days)
}

/** A coin the user holds or held, and the UTC day of its first transaction. */
export interface HeldCoin {
  coinId: string
  fromDay: number
}

/** The first day whose price a held coin's transactions need: the as-of rule looks two days back. */
export function heldNeedFromDay(firstDay: number): number {
  return firstDay - AS_OF_LIMIT_DAYS
}

/**
 * The first day of a held coin's history the sync asks for: its transactions' need, or the
 * history-days every coin gets when that reaches further, but never before what the tier serves.
 */
export function heldWantedFromDay(firstDay: number, today: number, historyDays: number, reachFrom: number): number {
  return Math.max(reachFrom, Math.min(heldNeedFromDay(firstDay), today - historyDays))
}

/**
 * The held coins, and those whose transactions need prices from before what the tier serves (a key
 * for another tier would add them). Days before the provider's own first day are no tier's limit.
 */
export function heldHistoryReport(held: readonly HeldCoin[], tier: ProviderTier, today: number): HeldHistory {
  const reachFrom = earliestHistoryDay(tier, today)
  const tierLimited = held
    .filter((coin) => tierHistoryDays[tier] !== null && heldNeedFromDay(coin.fromDay) < reachFrom)
    .map((coin) => ({
      coinId: coin.coinId,
      wantedFrom: isoDateOfDay(heldNeedFromDay(coin.fromDay)),
      reachableFrom: isoDateOfDay(reachFrom)
    }))
  return { coins: held.length, tier, tierDays: tierHistoryDays[tier], tierLimited }
}
