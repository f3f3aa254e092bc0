import { describe, expect, it } from 'vitest'
import type { PriceAlertRule } from '../../../src/main/coins/coins-repo'
import { MAX_CATCH_UP_DAYS, evaluatePriceAlerts } from '../../../src/main/coins/price-alerts'
import type { AlertReads } from '../../../src/main/coins/price-alerts'
import { dayNumberOf } from '../../../src/shared/dates'

const D = dayNumberOf('2026-03-01') as number

/** Reads from a hand-written table: closes by day offset (null = no as-of price), and beats-Bitcoin by day offset. */
function reads(closes: (number | null)[], beats: (boolean | null)[] = []): AlertReads {
  const at = (day: number) => closes[day - D] ?? null
  return {
    measure: (_coin, day) => ({
      price: at(day),
      change24h: null,
      change7d: null,
      change30d: null,
      windowRatio: null,
      btcWindowRatio: null,
      beatsBitcoin: beats[day - D] ?? null
    }),
    ratio: (_coin, day, days) => {
      const now = at(day)
      const then = at(day - days)
      return now === null || then === null ? null : now / then
    },
    label: () => 'Ether (ETH)'
  }
}

function rule(over: Partial<PriceAlertRule>): PriceAlertRule {
  return {
    id: 1,
    coinId: 'ethereum',
    kind: 'above',
    threshold: 100,
    periodDays: null,
    createdAt: 0,
    lastSide: null,
    lastDay: null,
    ...over
  }
}

/** Runs the rule day by day as syncs would, carrying what it saw; returns the dates it fired on. */
function runDaily(r: PriceAlertRule, table: AlertReads, days: number): string[] {
  let current = r
  const fired: string[] = []
  for (let day = D; day < D + days; day += 1) {
    const { seen, drafts } = evaluatePriceAlerts([current], table, day, 90)
    fired.push(...drafts.map((d) => d.asOf))
    const s = seen[0]
    if (s) current = { ...current, lastSide: s.side, lastDay: s.day }
  }
  return fired
}

describe('price alert evaluation, worked by hand', () => {
  it('above 100: closes 90, 95, 105, 110, 95, 101 fire on day 3 and day 6 only (the first day is the baseline)', () => {
    expect(runDaily(rule({}), reads([90, 95, 105, 110, 95, 101]), 6)).toEqual(['2026-03-03', '2026-03-06'])
  })

  it('below 100: closes 120, 100, 99, 130, 80 fire when it reaches 100 (day 2) and again on day 5', () => {
    expect(runDaily(rule({ kind: 'below' }), reads([120, 100, 99, 130, 80]), 5)).toEqual(['2026-03-02', '2026-03-05'])
  })

  it('a crossing between two syncs is found on the day it happened, even when the price went back', () => {
    // Baseline on day 1 at 90; the next sync comes on day 5 with 99, 120, 90, 95 stored for days 2-5.
    const r = rule({ lastSide: 'under', lastDay: D })
    const { seen, drafts } = evaluatePriceAlerts([r], reads([90, 99, 120, 90, 95]), D + 4, 90)
    expect(drafts.map((d) => [d.asOf, d.title])).toEqual([['2026-03-03', 'Ether (ETH) rose above $100.00']])
    expect(drafts[0]!.body).toBe('Ether (ETH) closed at $120.00 on 2026-03-03.')
    expect(seen).toEqual([{ id: 1, side: 'under', day: D + 4 }])
  })

  it('a gap keeps the last side: under before the gap, over after it fires when prices return', () => {
    const r = rule({ lastSide: 'under', lastDay: D })
    const table = reads([90, null, null, null, 130])
    for (let day = D + 1; day <= D + 3; day += 1) {
      const { seen, drafts } = evaluatePriceAlerts([r], table, day, 90)
      expect(drafts).toEqual([])
      // Nothing seen on a gap day but the day itself: the side stays 'under'.
      expect(seen).toEqual([{ id: 1, side: 'under', day }])
    }
    const after = evaluatePriceAlerts([{ ...r, lastDay: D + 3 }], table, D + 4, 90)
    expect(after.drafts.map((d) => d.asOf)).toEqual(['2026-03-05'])
  })

  it('the same crossing evaluated again gives the same key, and a rule without a baseline only takes one', () => {
    const table = reads([90, 130])
    const r = rule({ lastSide: 'under', lastDay: D })
    const first = evaluatePriceAlerts([r], table, D + 1, 90).drafts
    const again = evaluatePriceAlerts([r], table, D + 1, 90).drafts
    expect(first.map((d) => d.dedupeKey)).toEqual(['price:1:over:2026-03-02'])
    expect(again.map((d) => d.dedupeKey)).toEqual(first.map((d) => d.dedupeKey))
    const fresh = evaluatePriceAlerts([rule({})], table, D + 1, 90)
    expect(fresh.drafts).toEqual([])
    expect(fresh.seen).toEqual([{ id: 1, side: 'over', day: D + 1 }])
  })

  it('a day older than what the rule saw changes nothing', () => {
    const r = rule({ lastSide: 'under', lastDay: D + 3 })
    expect(evaluatePriceAlerts([r], reads([200, 200, 200, 90]), D + 2, 90)).toEqual({ seen: [], drafts: [] })
  })

  it('move ±10% over 2 days: 100, 100, 100 (baseline inside), 111 fires up, 111 stays up, 99.8 fires down (-10.1%), 105 is quiet', () => {
    const r = rule({ kind: 'move', threshold: 10, periodDays: 2 })
    const table = reads([100, 100, 100, 111, 111, 99.8, 105])
    expect(runDaily(r, table, 7)).toEqual(['2026-03-04', '2026-03-06'])
    const down = evaluatePriceAlerts([{ ...r, lastSide: 'up', lastDay: D + 4 }], table, D + 5, 90).drafts[0]!
    expect(down.title).toBe('Ether (ETH) moved down 10% or more in 2 day(s)')
    expect(down.body).toBe('Ether (ETH) at $99.80 on 2026-03-06 (-10.1%) over 2 day(s).')
  })

  it('beats Bitcoin: lags, beats, beats, unmeasured, lags fires "started" on day 2 and "stopped" on day 5', () => {
    const r = rule({ kind: 'beats-btc', threshold: null })
    const table = reads([1, 1, 1, 1, 1], [false, true, true, null, false])
    let current = r
    const titles: string[] = []
    for (let day = D; day < D + 5; day += 1) {
      const { seen, drafts } = evaluatePriceAlerts([current], table, day, 90)
      titles.push(...drafts.map((d) => `${d.asOf} ${d.title}`))
      const s = seen[0]
      if (s) current = { ...current, lastSide: s.side, lastDay: s.day }
    }
    expect(titles).toEqual([
      '2026-03-02 Ether (ETH) started beating Bitcoin',
      '2026-03-05 Ether (ETH) stopped beating Bitcoin'
    ])
  })

  it(`after a long pause only the last ${MAX_CATCH_UP_DAYS} days are walked`, () => {
    const closes = Array.from({ length: 60 }, (_, i) => (i === 5 ? 150 : 90))
    const r = rule({ lastSide: 'under', lastDay: D })
    expect(evaluatePriceAlerts([r], reads(closes), D + 59, 90).drafts).toEqual([])
  })
})
