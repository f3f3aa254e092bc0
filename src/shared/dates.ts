import { z } from 'zod'

/** A UTC calendar date as YYYY-MM-DD. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => dayNumberOf(value) !== null, 'must be a real calendar date')

export type IsoDate = z.infer<typeof isoDateSchema>

const MS_PER_DAY = 86_400_000

/** Days since 1970-01-01 (UTC) of a YYYY-MM-DD string, or null when it is not a real date. */
export function dayNumberOf(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return null
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const ms = Date.UTC(y, m - 1, d)
  const back = new Date(ms)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null
  return ms / MS_PER_DAY
}

export function isoDateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

/** The UTC day a millisecond timestamp falls on. */
export function dayOfTimestamp(ms: number): number {
  return Math.floor(ms / MS_PER_DAY)
}

export { MS_PER_DAY }
