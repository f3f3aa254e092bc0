import { describe, expect, it } from 'vitest'
import { describeWindowNeed } from '../../../src/shared/window-history'

describe('what a window needs from the stored history', () => {
  it('explains the 365-day window on the default history instead of charting one lone day', () => {
    const need = describeWindowNeed({ window: 365, points: 1, daysStored: 366, historyDays: 365, tier: 'public' })
    expect(need?.title).toBe('The 365-day window needs more than 365 days of history')
    expect(need?.lines.join(' ')).toContain(
      'Stored now: 366 days (the "Days of history" setting is 365), which gives 1 day to chart.'
    )
    // The free tier stops at 365 days: what a key adds, and the setting to change with it.
    expect(need?.lines.join(' ')).toContain('The free CoinGecko tier serves 365 days back')
    expect(need?.lines.join(' ')).toContain('A CoinGecko Pro key serves history back to 2013')
    expect(need?.lines.join(' ')).toContain('set "Days of history" to 730 in Settings')
  })

  it('points at the setting alone when the tier already serves enough', () => {
    const need = describeWindowNeed({ window: 365, points: 0, daysStored: 365, historyDays: 365, tier: 'pro' })
    expect(need?.lines.at(-1)).toBe(
      'Set "Days of history" to 730 in Settings for a year of this chart; the next sync fetches it.'
    )
    expect(need?.lines[1]).toContain('which gives no computable day')
  })

  it('says nothing once the window has a month of days', () => {
    expect(describeWindowNeed({ window: 365, points: 30, daysStored: 400, historyDays: 400, tier: 'pro' })).toBeNull()
    expect(
      describeWindowNeed({ window: 90, points: 276, daysStored: 366, historyDays: 365, tier: 'public' })
    ).toBeNull()
  })
})
