// What a person typed into a form, read into a value or refused with a sentence that names the field
// by its label and says what to do. Pure; the window checks with these before sending, and the core's
// refusals (`describeInput`) use the same labels, so a contract path never reaches a screen.
import type { z } from 'zod'
import { dayNumberOf } from './dates'

export type FieldRead<T> = { ok: true; value: T } | { ok: false; message: string }

/** The label a person sees for each input field the contract names. */
export const fieldLabels: Record<string, string> = {
  theme: 'Theme',
  providerTier: 'Provider plan',
  providerUrl: 'Provider address',
  trackedCoins: 'Coins tracked',
  historyDays: 'Days of history',
  syncIntervalMinutes: 'Minutes between syncs',
  maxRequestsPerMinute: 'Requests per minute',
  defaultTop: 'Coins in the index',
  defaultWindow: 'Window',
  taxTimeZone: 'Tax time zone',
  rebalanceBitcoinThreshold: 'Bitcoin Season below',
  rebalanceAltcoinThreshold: 'Altcoin Season from',
  rebalanceHysteresisDays: 'Days before a regime counts',
  driftBandAbsolute: 'Drift band (points)',
  driftBandRelative: 'Drift band (% of target)',
  minTradeUsd: 'Smallest trade',
  feeRatePercent: 'Fee per trade',
  alertIndexLevels: 'Alert levels',
  quantity: 'Quantity',
  price: 'Price',
  valueUsd: 'Value in USD',
  fee: 'Fee',
  feeQuantity: 'Fee quantity',
  quoteQuantity: 'Paid or received',
  date: 'Date',
  from: 'From',
  to: 'To',
  contribution: 'New money',
  initialValue: 'Starting value',
  note: 'Note',
  apiKey: 'API key',
  secret: 'Secret',
  apiUrl: 'Other address'
}

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n % 100 !== 11
      ? 'st'
      : n % 10 === 2 && n % 100 !== 12
        ? 'nd'
        : n % 10 === 3 && n % 100 !== 13
          ? 'rd'
          : 'th'
  return `${n}${suffix}`
}

/** A field's label from its contract path: ["draft", "quantity"] → "Quantity"; unknown keys in words. */
export function labelFor(path: readonly PropertyKey[]): string {
  const key = [...path].reverse().find((p): p is string => typeof p === 'string')
  if (key === undefined) return 'This field'
  if (fieldLabels[key]) return fieldLabels[key]
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined
    at = (at as Record<PropertyKey, unknown>)[key]
  }
  return at
}

/**
 * A refused input in plain words, one sentence per field: "Alert levels: the 3rd entry is not a
 * number." The zod path and wording stay in the log (see the dispatcher).
 */
export function describeInput(error: z.ZodError, input?: unknown): string {
  const sentences = error.issues.slice(0, 3).map((issue) => {
    // zod leaves the offending value out of its issues; it is read back from the input by path.
    const given = valueAt(input, issue.path)
    const label = labelFor(issue.path)
    const index = [...issue.path].reverse().find((p): p is number => typeof p === 'number')
    const which =
      index !== undefined
        ? `the ${ordinal(index + 1)} entry`
        : typeof given === 'number'
          ? String(given)
          : typeof given === 'string' && given.length <= 40
            ? `"${given}"`
            : 'the value'
    switch (issue.code) {
      case 'invalid_type':
        if (given === undefined) return `${label}: enter a value.`
        return issue.expected === 'number'
          ? `${label}: ${which} is not a number. Enter digits such as 50.`
          : `${label}: ${which} is not valid.`
      case 'too_small':
        return issue.origin === 'array' || issue.origin === 'string'
          ? `${label}: enter at least ${String(issue.minimum)} ${issue.origin === 'array' ? 'entries' : 'characters'}.`
          : `${label}: ${which} is below the smallest allowed, ${String(issue.minimum)}.`
      case 'too_big':
        return issue.origin === 'array' || issue.origin === 'string'
          ? `${label}: at most ${String(issue.maximum)} ${issue.origin === 'array' ? 'entries' : 'characters'}.`
          : `${label}: ${which} is above the largest allowed, ${String(issue.maximum)}.`
      case 'unrecognized_keys':
        return `Not a field Seasonwatch knows: ${issue.keys.join(', ')}.`
      case 'invalid_value':
        return `${label}: choose one of the offered values.`
      case 'custom':
        // Custom messages are written for people and read after the field's name.
        return typeof given === 'string' && given.length <= 40
          ? `${label}: "${given}" ${issue.message}.`.replace(/\.\.$/, '.')
          : `${label}: ${issue.message}.`.replace(/\.\.$/, '.')
      default:
        return `${label}: ${which} is not valid.`
    }
  })
  return sentences.join(' ')
}

/** A whole number in [min, max]; an empty field is refused, never read as 0. */
export function readWholeNumber(text: string, label: string, min: number, max: number): FieldRead<number> {
  const raw = text.trim()
  if (raw === '') return { ok: false, message: `${label}: enter a number from ${min} to ${max}.` }
  if (!/^[-\u2212]?\d+$/.test(raw))
    return { ok: false, message: `${label}: "${raw}" is not a whole number. Enter digits such as ${min}.` }
  const value = Number(raw.replace('\u2212', '-'))
  if (value < min || value > max)
    return { ok: false, message: `${label}: ${raw} is outside ${min} to ${max}. Enter a number in that range.` }
  return { ok: true, value }
}

/** A comma-separated list of numbers in [min, max], such as alert levels "50, 75". Empty means none. */
export function readNumberList(
  text: string,
  label: string,
  min: number,
  max: number,
  most: number
): FieldRead<number[]> {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
  if (parts.length > most) return { ok: false, message: `${label}: enter at most ${most} numbers.` }
  const values: number[] = []
  for (const part of parts) {
    if (!/^\d+(\.\d+)?$/.test(part))
      return {
        ok: false,
        message: `${label}: "${part}" is not a number. Enter numbers separated by commas, such as 50, 75.`
      }
    const value = Number(part)
    if (value < min || value > max) return { ok: false, message: `${label}: ${part} is outside ${min} to ${max}.` }
    values.push(value)
  }
  return { ok: true, value: values }
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December'
]

export interface DateBounds {
  /** Earliest date accepted (YYYY-MM-DD), inclusive. */
  min?: string
  /** Latest date accepted (YYYY-MM-DD), inclusive. */
  max?: string
  /** An empty field reads as null instead of being refused. */
  optional?: boolean
}

/**
 * A date typed as YYYY-MM-DD, whatever the computer's language: the same form every screen shows.
 * A day the calendar does not have (2024-02-30) is refused with the month's length.
 */
export function readIsoDate(text: string, label: string, bounds: DateBounds = {}): FieldRead<string | null> {
  const raw = text.trim()
  if (raw === '')
    return bounds.optional
      ? { ok: true, value: null }
      : { ok: false, message: `${label}: enter a date as YYYY-MM-DD, such as 2024-06-01.` }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw))
    return {
      ok: false,
      message: `${label}: "${raw.slice(0, 40)}" is not a date as YYYY-MM-DD. Enter year, month and day, such as 2024-06-01.`
    }
  if (dayNumberOf(raw) === null) {
    const year = Number(raw.slice(0, 4))
    const month = Number(raw.slice(5, 7))
    if (month < 1 || month > 12)
      return { ok: false, message: `${label}: ${raw} has no month ${month}. Months run from 01 to 12.` }
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
    const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
    return {
      ok: false,
      message: `${label}: ${raw} is not a day of the calendar: ${MONTH_NAMES[month - 1]} ${year} has ${days} days.`
    }
  }
  if (bounds.min !== undefined && raw < bounds.min)
    return { ok: false, message: `${label}: ${raw} is before ${bounds.min}. Enter ${bounds.min} or later.` }
  if (bounds.max !== undefined && raw > bounds.max)
    return { ok: false, message: `${label}: ${raw} is after ${bounds.max}. Enter ${bounds.max} or earlier.` }
  return { ok: true, value: raw }
}
