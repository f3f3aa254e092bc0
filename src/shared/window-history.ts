// What a window needs from the stored history, in words: shown where a window has (almost) no
// computable days, instead of a lone dot. Pure, so it is unit-tested under Node.
import type { ProviderTier } from './settings'

/** Days of history each CoinGecko tier serves back from today; null: back to 2013. */
const tierDays: Record<ProviderTier, number | null> = { public: 365, demo: 365, pro: null }

export interface WindowNeedInput {
  window: number
  /** Computable days the chart has for this window. */
  points: number
  /** Distinct days of stored history. */
  daysStored: number
  /** The "Days of history" setting. */
  historyDays: number
  tier: ProviderTier
}

export interface WindowNeed {
  /** "The 365-day window needs more than 365 days of history". */
  title: string
  /** Why, what is stored, and what the setting (and a key) change. */
  lines: string[]
}

/** A month of computable days is enough to read a trend; fewer than that earns the explanation. */
const FEW_POINTS = 30

export function describeWindowNeed(input: WindowNeedInput): WindowNeed | null {
  const { window, points, daysStored, historyDays, tier } = input
  if (points >= FEW_POINTS) return null
  const wanted = window + 365
  const served = tierDays[tier]
  const days = (n: number) => (n === 1 ? '1 day' : `${n} days`)
  const lines = [
    `Each value compares every coin's price with its price ${window} days earlier, so a day can be computed only ` +
      `once more than ${window} days of history are stored before it.`,
    `Stored now: ${days(daysStored)} (the "Days of history" setting is ${historyDays}), which gives ` +
      `${points === 0 ? 'no computable day' : `${days(points)} to chart`}.`
  ]
  if (served !== null && historyDays >= served) {
    lines.push(
      `The ${tier === 'demo' ? 'demo' : 'free'} CoinGecko tier serves ${served} days back, so this chart grows by ` +
        `a day for each day Seasonwatch syncs. A CoinGecko Pro key serves history back to 2013: with one, set ` +
        `"Days of history" to ${wanted} in Settings for a year of this chart.`
    )
  } else if (served !== null) {
    lines.push(
      `Set "Days of history" to ${Math.min(served, wanted)} in Settings (the ${tier === 'demo' ? 'demo' : 'free'} ` +
        `tier serves ${served} days back); a CoinGecko Pro key serves history back to 2013, enough for ${wanted} days.`
    )
  } else {
    lines.push(`Set "Days of history" to ${wanted} in Settings for a year of this chart; the next sync fetches it.`)
  }
  return { title: `The ${window}-day window needs more than ${window} days of history`, lines }
}
