import { describe, expect, it } from 'vitest'
import type { AlertConfig, AlertState } from '../../../src/main/portfolio/rebalance/alerts'
import { evaluateAlerts } from '../../../src/main/portfolio/rebalance/alerts'
import { fiveTwentyFive, measureDrift } from '../../../src/main/portfolio/rebalance/drift'
import { effectiveRegimes } from '../../../src/main/portfolio/rebalance/hysteresis'
import { regimeOf, standardThresholds } from '../../../src/shared/domain'
import { dayNumberOf } from '../../../src/shared/dates'

const series = (values: number[], firstDay = 20_000) => values.map((value, i) => ({ day: firstDay + i, value }))

describe('regime hysteresis', () => {
  it('the index regime uses 75 and 25 inclusive', () => {
    expect([regimeOf(75), regimeOf(74.99), regimeOf(25), regimeOf(25.01)]).toEqual([
      'altcoin',
      'neutral',
      'bitcoin',
      'neutral'
    ])
    expect(regimeOf(72, { bitcoin: 30, altcoin: 70 })).toBe('altcoin')
  })

  it('without hysteresis the regime follows every crossing', () => {
    const days = effectiveRegimes(series([50, 76, 74, 76, 24]), standardThresholds, 0)
    expect(days.map((d) => d.effective)).toEqual(['neutral', 'altcoin', 'neutral', 'altcoin', 'bitcoin'])
  })

  it('with 3 days a new regime counts on the third consecutive day past the threshold', () => {
    // raw:        N   A   A   N   A   A   A   N   N
    const days = effectiveRegimes(series([50, 76, 77, 74, 76, 77, 78, 60, 50]), standardThresholds, 3)
    expect(days.map((d) => d.raw).join('')).toBe(
      'neutral altcoin altcoin neutral altcoin altcoin altcoin neutral neutral'.split(' ').join('')
    )
    expect(days.map((d) => d.effective)).toEqual([
      'neutral',
      'neutral',
      'neutral',
      'neutral',
      'neutral',
      'neutral',
      'altcoin',
      'altcoin',
      'altcoin'
    ])
    expect(days[6]?.since).toBe(20_006)
    expect(days[8]?.since).toBe(20_006)
  })

  it('a missing day breaks the streak, and a different regime restarts it', () => {
    const gap = effectiveRegimes(
      [
        { day: 1, value: 50 },
        { day: 2, value: 80 },
        { day: 3, value: 80 },
        { day: 5, value: 80 }
      ],
      standardThresholds,
      3
    )
    expect(gap.map((d) => d.effective)).toEqual(['neutral', 'neutral', 'neutral', 'neutral'])
    const switching = effectiveRegimes(series([50, 80, 80, 20, 20, 20]), standardThresholds, 3)
    expect(switching.map((d) => d.effective)).toEqual([
      'neutral',
      'neutral',
      'neutral',
      'neutral',
      'neutral',
      'bitcoin'
    ])
  })
})

describe('alerts', () => {
  const config: AlertConfig = { regimeChange: true, levels: [50, 75], drift: true }
  const day = dayNumberOf('2024-11-30') as number
  const drift = (btcValue: number) =>
    measureDrift(
      { bitcoin: btcValue, altcoins: 30, stablecoins: 20 },
      { bitcoin: 50, altcoins: 30, stablecoins: 20 },
      fiveTwentyFive
    )

  it('the first check only sets the baseline', () => {
    const { alerts, state } = evaluateAlerts(null, { day, indexValue: 80, regime: 'altcoin', drift: drift(70) }, config)
    expect(alerts).toEqual([])
    // 70 / 30 / 20 of 120: Bitcoin 58.3% (+8.3, out); altcoins 25.0% sit exactly on their 5-point edge (in).
    expect(state).toEqual({ regime: 'altcoin', indexValue: 80, indexDay: day, outside: ['bitcoin'] })
  })

  it('fires on a regime change and on each level crossed, either way, with the date in the key', () => {
    const previous: AlertState = { regime: 'neutral', indexValue: 48, indexDay: day - 1, outside: [] }
    const up = evaluateAlerts(previous, { day, indexValue: 76, regime: 'altcoin', drift: drift(50) }, config)
    expect(up.alerts.map((a) => a.dedupeKey)).toEqual([
      'regime:altcoin:2024-11-30',
      'level:50:up:2024-11-30',
      'level:75:up:2024-11-30'
    ])
    expect(up.alerts[0]).toMatchObject({
      kind: 'regime-change',
      title: 'Regime changed to Altcoin Season',
      asOf: '2024-11-30'
    })
    expect(up.alerts[0]?.body).toContain('76 as of 2024-11-30')
    const down = evaluateAlerts(up.state, { day: day + 1, indexValue: 60, regime: 'altcoin', drift: drift(50) }, config)
    expect(down.alerts.map((a) => a.dedupeKey)).toEqual(['level:75:down:2024-12-01'])
    expect(down.alerts[0]?.title).toBe('Index fell below 75')
  })

  it('a level alert does not repeat while the index stays past it, and the same event keeps its key', () => {
    const previous: AlertState = { regime: 'neutral', indexValue: 49, indexDay: day - 1, outside: [] }
    const first = evaluateAlerts(previous, { day, indexValue: 51, regime: 'neutral', drift: null }, config)
    expect(first.alerts.map((a) => a.dedupeKey)).toEqual(['level:50:up:2024-11-30'])
    const again = evaluateAlerts(first.state, { day, indexValue: 52, regime: 'neutral', drift: null }, config)
    expect(again.alerts).toEqual([])
    // Recomputed from the same baseline (another process, a restart), the event has the same key.
    const replay = evaluateAlerts(previous, { day, indexValue: 51, regime: 'neutral', drift: null }, config)
    expect(replay.alerts.map((a) => a.dedupeKey)).toEqual(first.alerts.map((a) => a.dedupeKey))
  })

  it('drift alerts fire when a sleeve leaves its band, and again only after it came back', () => {
    let state: AlertState = { regime: 'neutral', indexValue: 50, indexDay: day, outside: [] }
    const out = evaluateAlerts(state, { day, indexValue: 50, regime: 'neutral', drift: drift(60) }, config)
    // 60 / 30 / 20 of 110: Bitcoin 54.5% (+4.5 inside), stablecoins 18.2% (-1.8 inside), altcoins 27.3% (inside)
    expect(out.alerts).toEqual([])
    const far = evaluateAlerts(out.state, { day: day + 1, indexValue: 50, regime: 'neutral', drift: drift(80) }, config)
    // 80 / 30 / 20 of 130: Bitcoin 61.5%, altcoins 23.1% (band 5), stablecoins 15.4% (band 5): two sleeves out.
    expect(far.alerts.map((a) => a.dedupeKey)).toEqual(['drift:bitcoin:2024-12-01', 'drift:altcoins:2024-12-01'])
    expect(far.alerts[0]?.body).toContain('61.5% of your portfolio against a 50.0% target')
    state = far.state
    // 82 / 30 / 20 of 132: the same two sleeves out, stablecoins 15.2% still inside.
    const still = evaluateAlerts(state, { day: day + 2, indexValue: 50, regime: 'neutral', drift: drift(82) }, config)
    expect(still.alerts).toEqual([])
    const back = evaluateAlerts(
      still.state,
      { day: day + 3, indexValue: 50, regime: 'neutral', drift: drift(50) },
      config
    )
    expect(back.state.outside).toEqual([])
    const outAgain = evaluateAlerts(
      back.state,
      { day: day + 4, indexValue: 50, regime: 'neutral', drift: drift(80) },
      config
    )
    expect(outAgain.alerts.map((a) => a.dedupeKey)).toEqual(['drift:bitcoin:2024-12-04', 'drift:altcoins:2024-12-04'])
  })

  it('kinds the user turned off stay quiet, and an older day never moves the baseline back', () => {
    const previous: AlertState = { regime: 'neutral', indexValue: 70, indexDay: day, outside: [] }
    const quiet = evaluateAlerts(
      previous,
      { day: day + 1, indexValue: 90, regime: 'altcoin', drift: drift(90) },
      { regimeChange: false, levels: [], drift: false }
    )
    expect(quiet.alerts).toEqual([])
    const older = evaluateAlerts(previous, { day: day - 5, indexValue: 20, regime: 'bitcoin', drift: null }, config)
    expect(older).toEqual({ alerts: [], state: previous })
  })
})
