import { z } from 'zod'

/** A UTC calendar date as YYYY-MM-DD. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => dayNumberOf(value) !== null, 'must be a real calendar date')

export type IsoDate = z.infer<typeof isoDateSchema>

const MS_PER_DAY = 86_400_000

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** Days since 1970-01-01 (UTC) of a YYYY-MM-DD string, or null when it is not a real date. */
export function dayNumberOf(date: string): number | null {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null
  let y = 0
  let m = 0
  let d = 0
  for (let i = 0; i < 10; i += 1) {
    if (i === 4 || i === 7) continue
    const digit = date.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return null
    if (i < 4) y = y * 10 + digit
    else if (i < 7) m = m * 10 + digit
    else d = d * 10 + digit
  }
  if (m < 1 || m > 12 || d < 1) return null
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  if (d > (m === 2 && leap ? 29 : (DAYS_IN_MONTH[m - 1] as number))) return null
  // Days from the civil calendar (proleptic Gregorian), counted from 1970-01-01.
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

export function isoDateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

/** The UTC day a millisecond timestamp falls on. */
export function dayOfTimestamp(ms: number): number {
  return Math.floor(ms / MS_PER_DAY)
}

export { MS_PER_DAY }
