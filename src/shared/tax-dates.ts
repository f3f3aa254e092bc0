/**
 * Calendar dates in the tax time zone (docs/cost-basis.md, L7 and L10): the date of a moment, its
 * tax year, and whether a lot was held more than a year. Shared, so reports and screens agree.
 */

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** True for a time zone this runtime knows (UTC, Europe/Berlin, America/New_York, …). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone)
    return true
  } catch {
    return false
  }
}

const QUARTER_HOUR = 900_000

/**
 * The calendar date of a moment in `timeZone`, cheap on long ledgers. Every zone's offset is a whole
 * number of quarter hours and changes only at a quarter hour, so local midnight always falls on a
 * UTC quarter hour: the date of each quarter hour is worked out once and remembered.
 */
export function createLocalDates(timeZone: string): (at: number) => string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') {
    const byDay = new Map<number, string>()
    return (at) => {
      const day = Math.floor(at / 86_400_000)
      let date = byDay.get(day)
      if (date === undefined) {
        date = new Date(day * 86_400_000).toISOString().slice(0, 10)
        byDay.set(day, date)
      }
      return date
    }
  }
  const formatter = formatterFor(timeZone)
  const cache = new Map<number, string>()
  return (at) => {
    const key = Math.floor(at / QUARTER_HOUR)
    let date = cache.get(key)
    if (date === undefined) {
      date = formatter.format(new Date(key * QUARTER_HOUR))
      cache.set(key, date)
    }
    return date
  }
}

/** The tax year of a date `YYYY-MM-DD`. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4))
}

/** The anniversary of `date` one year later; 29 February's is 1 March. */
export function anniversary(date: string): string {
  const year = String(Number(date.slice(0, 4)) + 1).padStart(4, '0')
  const monthDay = date.slice(5)
  return monthDay === '02-29' ? `${year}-03-01` : `${year}-${monthDay}`
}

/** Long term when sold after the anniversary of the acquisition (held more than one year). */
export function termOf(acquired: string, sold: string): 'short' | 'long' {
  return sold > anniversary(acquired) ? 'long' : 'short'
}
