import { describe, expect, it } from 'vitest'
import { dayNumberOf, isoDateOfDay } from '../../../src/shared/dates'

describe('calendar dates', () => {
  it('reads every date of years 1 to 9999 back to the day Date gives it', () => {
    for (let day = -719_000; day < 2_900_000; day += 17) expect(dayNumberOf(isoDateOfDay(day))).toBe(day)
    expect(dayNumberOf('2000-02-29')).toBe(Date.UTC(2000, 1, 29) / 86_400_000)
    expect(dayNumberOf('1970-01-01')).toBe(0)
  })

  it('refuses dates that do not exist or are not written as YYYY-MM-DD', () => {
    for (const bad of [
      '2023-02-29',
      '1900-02-29',
      '2024-02-30',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00'
    ])
      expect(dayNumberOf(bad)).toBeNull()
    for (const bad of ['2024-1-01', '2024/01/01', 'abcd-ef-gh', '2024-01-011', ' 2024-01-01', '+024-01-01'])
      expect(dayNumberOf(bad)).toBeNull()
  })
})
