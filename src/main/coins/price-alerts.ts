import { isoDateOfDay } from '../../shared/dates'
import type { CoinMeasures } from './coin-measures'
import type { FiredDraft, PriceAlertRule, SeenState } from './coins-repo'

/** How many days back an evaluation walks after a long pause; older crossings are not reported. */
export const MAX_CATCH_UP_DAYS = 30

export interface AlertReads {
  /** The coin's measures on a day (as-of prices, DESIGN.md 1.2). */
  measure(coinId: string, day: number): CoinMeasures
  /** p(day) / p(day - days), or null. */
  ratio(coinId: string, day: number, days: number): number | null
  label(coinId: string): string
}

const usd = (value: number) =>
  value >= 1
    ? value.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 })
    : `$${value.toPrecision(4)}`
const pct = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`

/**
 * Which side of its threshold a rule sees on a day, or null when the day has no value (a gap: the
 * rule keeps the side it saw last, so a crossing across the gap is still reported).
 */
export function sideOf(rule: PriceAlertRule, reads: AlertReads, day: number): string | null {
  switch (rule.kind) {
    case 'above':
    case 'below': {
      const price = reads.measure(rule.coinId, day).price
      if (price === null || rule.threshold === null) return null
      return rule.kind === 'above'
        ? price >= rule.threshold
          ? 'over'
          : 'under'
        : price <= rule.threshold
          ? 'under'
          : 'over'
    }
    case 'move': {
      const r = reads.ratio(rule.coinId, day, rule.periodDays ?? 1)
      if (r === null || rule.threshold === null) return null
      const move = r - 1
      return Math.abs(move) * 100 >= rule.threshold ? (move > 0 ? 'up' : 'down') : 'inside'
    }
    case 'beats-btc': {
      const beats = reads.measure(rule.coinId, day).beatsBitcoin
      return beats === null ? null : beats ? 'beats' : 'lags'
    }
  }
}

/** Whether going from `before` to `after` is what the rule reports. */
function fires(rule: PriceAlertRule, before: string, after: string): boolean {
  if (before === after) return false
  switch (rule.kind) {
    case 'above':
      return after === 'over'
    case 'below':
      return after === 'under'
    case 'move':
      return after !== 'inside'
    case 'beats-btc':
      return true
  }
}

function words(
  rule: PriceAlertRule,
  reads: AlertReads,
  side: string,
  day: number,
  window: number
): { title: string; body: string } {
  const name = reads.label(rule.coinId)
  const date = isoDateOfDay(day)
  const m = reads.measure(rule.coinId, day)
  const at = m.price === null ? '' : ` at ${usd(m.price)}`
  switch (rule.kind) {
    case 'above':
      return { title: `${name} rose above ${usd(rule.threshold ?? 0)}`, body: `${name} closed${at} on ${date}.` }
    case 'below':
      return { title: `${name} fell below ${usd(rule.threshold ?? 0)}`, body: `${name} closed${at} on ${date}.` }
    case 'move': {
      const r = reads.ratio(rule.coinId, day, rule.periodDays ?? 1)
      const move = r === null ? '' : ` (${pct(r - 1)})`
      return {
        title: `${name} moved ${side === 'up' ? 'up' : 'down'} ${rule.threshold}% or more in ${rule.periodDays} day(s)`,
        body: `${name}${at} on ${date}${move} over ${rule.periodDays} day(s).`
      }
    }
    case 'beats-btc': {
      const vs =
        m.windowRatio === null || m.btcWindowRatio === null
          ? ''
          : ` (${pct(m.windowRatio - 1)} against Bitcoin's ${pct(m.btcWindowRatio - 1)} over ${window} days)`
      return {
        title: `${name} ${side === 'beats' ? 'started' : 'stopped'} beating Bitcoin`,
        body: `Over the ${window}-day index window to ${date}${vs}.`
      }
    }
  }
}

/**
 * Evaluates every rule on the days since it last looked, up to `day`: an alert for each crossing
 * into what the rule reports (at most one per rule, side and day: the dedupe key). A rule without
 * a baseline only takes one, so turning alerts on or adding a rule never reports a state that was
 * already there. Days older than what a rule saw change nothing.
 */
export function evaluatePriceAlerts(
  rules: readonly PriceAlertRule[],
  reads: AlertReads,
  day: number,
  window: number
): { seen: SeenState[]; drafts: FiredDraft[] } {
  const seen: SeenState[] = []
  const drafts: FiredDraft[] = []
  for (const rule of rules) {
    if (rule.lastDay !== null && rule.lastDay > day) continue
    const start = rule.lastDay === null ? day : Math.max(rule.lastDay, day - MAX_CATCH_UP_DAYS + 1)
    let side = rule.lastSide
    for (let d = start; d <= day; d += 1) {
      const now = sideOf(rule, reads, d)
      if (now === null) continue
      if (side !== null && rule.lastDay !== null && fires(rule, side, now)) {
        const text = words(rule, reads, now, d, window)
        drafts.push({
          alertId: rule.id,
          coinId: rule.coinId,
          dedupeKey: `price:${rule.id}:${now}:${isoDateOfDay(d)}`,
          asOf: isoDateOfDay(d),
          ...text
        })
      }
      side = now
    }
    if (side !== rule.lastSide || rule.lastDay !== day) seen.push({ id: rule.id, side, day })
  }
  return { seen, drafts }
}
