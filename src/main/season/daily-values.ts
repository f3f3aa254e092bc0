import { dayOfTimestamp } from '../../shared/dates'
import { isObservation } from './market-matrix'

/**
 * DESIGN.md 1.1: each observation [timestampMs, value] belongs to its UTC date, and a date's value
 * is the one with the greatest timestamp on that date (so today's live point overrides today's
 * 00:00 point). Null, non-finite and non-positive values are not observations at all: they neither
 * give a date a value nor hide an earlier valid one.
 */
export function dailyValues(
  observations: Iterable<readonly [number, number | null]>
): Map<number, { value: number; ts: number }> {
  const byDay = new Map<number, { value: number; ts: number }>()
  for (const [ts, value] of observations) {
    if (!Number.isFinite(ts) || !isObservation(value)) continue
    const day = dayOfTimestamp(ts)
    const seen = byDay.get(day)
    if (!seen || ts >= seen.ts) byDay.set(day, { value, ts })
  }
  return byDay
}
