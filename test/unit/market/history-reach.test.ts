import { describe, expect, it } from 'vitest'
import { dayNumberOf } from '../../../src/shared/dates'
import { describeTierLimit } from '../../../src/shared/sync-format'
import {
  PROVIDER_FIRST_DAY,
  earliestHistoryDay,
  heldHistoryReport,
  heldWantedFromDay
} from '../../../src/main/market/history-reach'

const TODAY = dayNumberOf('2026-12-03') as number

describe('how far back the provider tier serves history', () => {
  it('is the last 365 days on the public and demo tiers, and everything since 2013 on pro', () => {
    expect(earliestHistoryDay('public', TODAY)).toBe(TODAY - 365)
    expect(earliestHistoryDay('demo', TODAY)).toBe(TODAY - 365)
    expect(earliestHistoryDay('pro', TODAY)).toBe(PROVIDER_FIRST_DAY)
    expect(PROVIDER_FIRST_DAY).toBe(dayNumberOf('2013-04-28'))
  })

  it('wants a held coin from two days before its first transaction, or the history-days if further, within the tier', () => {
    const reach = TODAY - 365
    expect(heldWantedFromDay(TODAY - 200, TODAY, 90, reach)).toBe(TODAY - 202)
    expect(heldWantedFromDay(TODAY - 20, TODAY, 90, reach)).toBe(TODAY - 90)
    expect(heldWantedFromDay(TODAY - 600, TODAY, 90, reach)).toBe(TODAY - 365)
    expect(heldWantedFromDay(TODAY - 600, TODAY, 90, PROVIDER_FIRST_DAY)).toBe(TODAY - 602)
  })

  it('reports the held coins whose first transactions are older than the tier serves, and says so plainly', () => {
    const held = [
      { coinId: 'bitcoin', fromDay: TODAY - 600 },
      { coinId: 'alt-0042', fromDay: TODAY - 364 },
      { coinId: 'ethereum', fromDay: TODAY - 362 }
    ]
    const report = heldHistoryReport(held, 'public', TODAY)
    expect(report).toEqual({
      coins: 3,
      tier: 'public',
      tierDays: 365,
      tierLimited: [
        { coinId: 'bitcoin', wantedFrom: '2025-04-10', reachableFrom: '2025-12-03' },
        // Its first transaction is within reach, but the as-of rule looks two days before it.
        { coinId: 'alt-0042', wantedFrom: '2025-12-02', reachableFrom: '2025-12-03' }
      ]
    })
    expect(describeTierLimit(report, 'Settings')).toBe(
      "Prices before 2025-12-03 are beyond the public tier's 365 days for 2 coins you hold or held (bitcoin, alt-0042); a CoinGecko Pro key (Settings) reaches back to 2013."
    )
    expect(heldHistoryReport(held, 'pro', TODAY)).toEqual({ coins: 3, tier: 'pro', tierDays: null, tierLimited: [] })
    // Before the provider's first day no tier helps: nothing to report.
    expect(
      heldHistoryReport([{ coinId: 'bitcoin', fromDay: PROVIDER_FIRST_DAY - 30 }], 'pro', TODAY).tierLimited
    ).toEqual([])
    expect(describeTierLimit(heldHistoryReport(held, 'pro', TODAY), 'Settings')).toBeNull()
    const many = heldHistoryReport(
      Array.from({ length: 7 }, (_, i) => ({ coinId: `c${i}`, fromDay: TODAY - 400 })),
      'demo',
      TODAY
    )
    expect(describeTierLimit(many, 'Settings')).toMatch(
      /^Prices before 2025-12-03 are beyond the demo tier's 365 days for 7 coins you hold or held \(c0, c1, c2, c3, c4 and 2 more\);/
    )
  })
})
