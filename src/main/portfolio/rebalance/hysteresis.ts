import { regimeOf } from '../../../shared/domain'
import type { Regime, RegimeThresholds } from '../../../shared/domain'

/** The index levels the user acts on. The index itself always reports 25/75 (DESIGN.md 1.8). */
export type Thresholds = RegimeThresholds

export interface IndexPoint {
  /** UTC day number. */
  day: number
  value: number
}

export interface RegimeDay {
  day: number
  value: number
  /** The regime the value alone says (user thresholds). */
  raw: Regime
  /** The regime after hysteresis: what hints and alerts use. */
  effective: Regime
  /** The day the effective regime began (the day its change was confirmed). */
  since: number
}

/**
 * Applies hysteresis so hints do not flap around the thresholds: a different regime takes over only
 * on the `days`-th consecutive daily point in which the value says that same regime. `days` 0 or 1
 * means no hysteresis. A missing day breaks a streak, since the index was not seen staying there.
 * The first point's regime is taken as is: there is nothing before it to hold on to.
 */
export function effectiveRegimes(points: readonly IndexPoint[], thresholds: Thresholds, days: number): RegimeDay[] {
  const need = Math.max(1, Math.floor(days))
  const out: RegimeDay[] = []
  let effective: Regime | null = null
  let since = 0
  let candidate: Regime | null = null
  let streak = 0
  let previousDay: number | null = null
  for (const point of points) {
    const raw = regimeOf(point.value, thresholds)
    if (effective === null) {
      effective = raw
      since = point.day
    } else if (raw === effective) {
      candidate = null
      streak = 0
    } else {
      const continues = candidate === raw && previousDay !== null && point.day === previousDay + 1
      candidate = raw
      streak = continues ? streak + 1 : 1
      if (streak >= need) {
        effective = raw
        since = point.day
        candidate = null
        streak = 0
      }
    }
    previousDay = point.day
    out.push({ day: point.day, value: point.value, raw, effective, since })
  }
  return out
}
