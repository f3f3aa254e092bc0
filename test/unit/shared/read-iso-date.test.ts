import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isoDateOfDay } from '../../../src/shared/dates'
import { readIsoDate } from '../../../src/shared/field-input'

describe('a date typed as YYYY-MM-DD', () => {
  it('takes a real day, trimmed', () => {
    expect(readIsoDate(' 2024-02-29 ', 'Date')).toEqual({ ok: true, value: '2024-02-29' })
  })

  it('refuses a day the calendar lacks, with the month and its length', () => {
    expect(readIsoDate('2024-02-30', 'Day')).toEqual({
      ok: false,
      message: 'Day: 2024-02-30 is not a day of the calendar: February 2024 has 29 days.'
    })
    expect(readIsoDate('2023-02-29', 'Day')).toEqual({
      ok: false,
      message: 'Day: 2023-02-29 is not a day of the calendar: February 2023 has 28 days.'
    })
    expect(readIsoDate('2024-04-31', 'From')).toMatchObject({
      message: expect.stringContaining('April 2024 has 30 days')
    })
    expect(readIsoDate('2024-13-01', 'Date')).toEqual({
      ok: false,
      message: 'Date: 2024-13-01 has no month 13. Months run from 01 to 12.'
    })
  })

  it("refuses another form (a browser's 12/11/2024) and says which form it takes", () => {
    expect(readIsoDate('12/11/2024', 'Date')).toEqual({
      ok: false,
      message: 'Date: "12/11/2024" is not a date as YYYY-MM-DD. Enter year, month and day, such as 2024-06-01.'
    })
    expect(readIsoDate('2024-6-1', 'Date').ok).toBe(false)
  })

  it('an empty field is refused unless the date is optional', () => {
    expect(readIsoDate('', 'Date')).toEqual({
      ok: false,
      message: 'Date: enter a date as YYYY-MM-DD, such as 2024-06-01.'
    })
    expect(readIsoDate('  ', 'From', { optional: true })).toEqual({ ok: true, value: null })
  })

  it('keeps within its bounds, saying the bound', () => {
    expect(readIsoDate('2030-01-01', 'Date', { max: '2026-12-02' })).toEqual({
      ok: false,
      message: 'Date: 2030-01-01 is after 2026-12-02. Enter 2026-12-02 or earlier.'
    })
    expect(readIsoDate('2020-01-01', 'Date', { min: '2021-01-01' })).toMatchObject({ ok: false })
    expect(readIsoDate('2026-12-02', 'Date', { min: '2026-12-02', max: '2026-12-02' }).ok).toBe(true)
  })

  it('takes every real day from 1900 to 2200 and nothing else of the same shape', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 84_000 }), (day) => {
        const iso = isoDateOfDay(day)
        expect(readIsoDate(iso, 'Date')).toEqual({ ok: true, value: iso })
      })
    )
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 29, max: 39 }),
        (y, m, d) => {
          const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
          const real = new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === text
          expect(readIsoDate(text, 'Date').ok).toBe(real)
        }
      )
    )
  })
})
