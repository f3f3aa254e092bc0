import type { Sleeve } from './targets'
import { sleeves } from './targets'

/**
 * Drift bands in percentage points of the portfolio. The common "5/25" rule: a sleeve is out of
 * band when it is more than 5 points away from its target, or more than 25% of its target away,
 * whichever band is narrower. A band set to 0 is not used; with both unused any drift counts.
 */
export interface DriftBands {
  /** Percentage points, e.g. 5. */
  absolute: number
  /** Percent of the target, e.g. 25. */
  relative: number
}

export const fiveTwentyFive: DriftBands = { absolute: 5, relative: 25 }

/** Half-width of the band around a target, in percentage points. */
export function bandWidth(targetPercent: number, bands: DriftBands): number {
  const widths: number[] = []
  if (bands.absolute > 0) widths.push(bands.absolute)
  if (bands.relative > 0) widths.push((bands.relative / 100) * targetPercent)
  return widths.length === 0 ? 0 : Math.min(...widths)
}

export interface SleeveDrift {
  sleeve: Sleeve
  /** Percent of the portfolio now. */
  actual: number
  target: number
  /** actual - target, in percentage points. */
  drift: number
  band: number
  outside: boolean
}

// Percentages computed from money carry float noise; a sleeve exactly on its band's edge is inside.
const EDGE = 1e-9

export function measureDrift(
  values: Record<Sleeve, number>,
  targets: Record<Sleeve, number>,
  bands: DriftBands
): SleeveDrift[] {
  const total = sleeves.reduce((sum, s) => sum + values[s], 0)
  return sleeves.map((sleeve) => {
    const actual = total > 0 ? (100 * values[sleeve]) / total : 0
    const target = targets[sleeve]
    const band = bandWidth(target, bands)
    const drift = actual - target
    return { sleeve, actual, target, drift, band, outside: total > 0 && Math.abs(drift) > band + EDGE }
  })
}
