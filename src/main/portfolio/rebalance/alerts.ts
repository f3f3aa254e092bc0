import { regimeLabels } from '../../../shared/domain'
import type { Regime } from '../../../shared/contract/season'
import { isoDateOfDay } from '../../../shared/dates'
import type { SleeveDrift } from './drift'
import type { Sleeve } from './targets'

export type AlertKind = 'regime-change' | 'index-level' | 'drift'

export interface AlertConfig {
  regimeChange: boolean
  /** Index levels whose crossing (either way) raises an alert. */
  levels: readonly number[]
  drift: boolean
}

/** What the alert check remembers between runs, so that it reports changes, not states. */
export interface AlertState {
  regime: Regime
  indexValue: number
  indexDay: number
  /** Sleeves that were outside their band at the last check. */
  outside: Sleeve[]
}

export interface AlertObservation {
  day: number
  indexValue: number
  /** The regime after the user's thresholds and hysteresis. */
  regime: Regime
  /** Null when there is nothing to measure (no holdings with prices). */
  drift: readonly SleeveDrift[] | null
}

export interface AlertDraft {
  kind: AlertKind
  /** The same event always gets the same key, so it is stored and shown once. */
  dedupeKey: string
  title: string
  body: string
  asOf: string
}

const sleeveWords: Record<Sleeve, string> = { bitcoin: 'Bitcoin', altcoins: 'Altcoins', stablecoins: 'Stablecoins' }

/**
 * Compares this check with the last one. The first check only sets the baseline: turning alerts on
 * should not fire alerts about states that were already there. After that, an alert fires when the
 * regime changes, when the index crosses one of the levels, and when a sleeve goes from inside its
 * band to outside it (it fires again only after the sleeve has come back inside).
 */
export function evaluateAlerts(
  previous: AlertState | null,
  now: AlertObservation,
  config: AlertConfig
): { alerts: AlertDraft[]; state: AlertState } {
  const asOf = isoDateOfDay(now.day)
  const outsideNow = now.drift ? now.drift.filter((d) => d.outside).map((d) => d.sleeve) : (previous?.outside ?? [])
  const state: AlertState = { regime: now.regime, indexValue: now.indexValue, indexDay: now.day, outside: outsideNow }
  if (!previous) return { alerts: [], state }
  // An older observation (a recomputation of a past day) must not move the baseline backwards.
  if (now.day < previous.indexDay) return { alerts: [], state: previous }

  const alerts: AlertDraft[] = []
  const value = Math.round(now.indexValue)
  if (config.regimeChange && now.regime !== previous.regime) {
    alerts.push({
      kind: 'regime-change',
      dedupeKey: `regime:${now.regime}:${asOf}`,
      title: `Regime changed to ${regimeLabels[now.regime]}`,
      body: `The Altcoin Season Index is ${value} as of ${asOf}; the regime was ${regimeLabels[previous.regime]}. Your ${regimeLabels[now.regime]} targets now apply.`,
      asOf
    })
  }
  for (const level of config.levels) {
    const up = previous.indexValue < level && now.indexValue >= level
    const down = previous.indexValue >= level && now.indexValue < level
    if (!up && !down) continue
    const direction = up ? 'up' : 'down'
    alerts.push({
      kind: 'index-level',
      dedupeKey: `level:${level}:${direction}:${asOf}`,
      title: `Index ${up ? 'rose to' : 'fell below'} ${level}`,
      body: `The Altcoin Season Index is ${value} as of ${asOf} (it was ${Math.round(previous.indexValue)}).`,
      asOf
    })
  }
  if (config.drift && now.drift) {
    for (const d of now.drift) {
      if (!d.outside || previous.outside.includes(d.sleeve)) continue
      alerts.push({
        kind: 'drift',
        dedupeKey: `drift:${d.sleeve}:${asOf}`,
        title: `${sleeveWords[d.sleeve]} left its band`,
        body: `${sleeveWords[d.sleeve]} is ${d.actual.toFixed(1)}% of your portfolio against a ${d.target.toFixed(1)}% target (band ±${d.band.toFixed(1)} pts), with prices as of ${asOf}. See the Rebalance page for hints.`,
        asOf
      })
    }
  }
  return { alerts, state }
}
