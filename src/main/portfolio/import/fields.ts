import { hash } from 'node:crypto'
import { AMOUNT_TEXT_LENGTH } from '../../../shared/amount'
import { NOTE_LENGTH, excerpt } from '../../../shared/text'
import { DecimalError, formatDecimal, parseDecimal } from '../decimal'
import type { Decimal } from '../decimal'

/** A row-level problem, reported with the file's own line number. */
export class RowError extends Error {}

const GROUPED = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/
const EUROPEAN = /^-?\d{1,3}(\.\d{3})*,\d+$/
const PLAIN_AMOUNT = /^-?\d+(\.\d+)?$/

/**
 * Reads an amount as exchanges print it: "1,234.56" (thousands separators), "$1,234.56", "-0.5",
 * "1.5E-7", within the bounds every amount obeys (at most 30 digits before the point and 18 after:
 * src/shared/amount.ts). A comma decimal ("1.234,56") is refused rather than misread as a thousand
 * times more. Every refusal is a RowError in plain words, with at most a short excerpt of the cell.
 */
export function parseAmount(raw: string, what: string): Decimal {
  try {
    // Most cells are plain numbers: skip the clean-up below for them.
    if (PLAIN_AMOUNT.test(raw) || raw.length > AMOUNT_TEXT_LENGTH) return parseDecimal(raw)
    const text = raw
      .trim()
      .replace(/^([+-]?)[$€£]/, '$1')
      .replace(/\s/g, '')
    if (text === '') throw new RowError(`${what} is empty`)
    // "1,000" reads as a thousand (every supported export writes a point for decimals).
    if (GROUPED.test(text)) return parseDecimal(text.replace(/,/g, ''))
    if (EUROPEAN.test(text))
      throw new RowError(`${what} "${excerpt(raw)}" uses a comma as the decimal mark; use a point, as in 1234.56`)
    return parseDecimal(text)
  } catch (error) {
    if (error instanceof DecimalError) throw new RowError(`${what} "${excerpt(raw)}" ${error.reason}`)
    throw error
  }
}

/** The longest ticker kept: the same as the transaction editor's. */
const SYMBOL_LENGTH = 20

/** A ticker as an export writes it, upper-cased; refused when empty, too long or holding spaces. */
export function symbolText(raw: string, what: string): string {
  const symbol = raw.trim().toUpperCase()
  if (symbol === '') throw new RowError(`${what} is empty`)
  if (symbol.length > SYMBOL_LENGTH || /\s/.test(symbol))
    throw new RowError(`${what} "${excerpt(raw)}" is not a ticker such as BTC (at most ${SYMBOL_LENGTH} characters)`)
  return symbol
}

/** A note as it is stored: at most NOTE_LENGTH characters (the editor's limit too), null when empty. */
export function noteText(raw: string, what = 'note'): string | null {
  const note = raw.trim()
  if (note.length > NOTE_LENGTH)
    throw new RowError(
      `${what} is ${note.length.toLocaleString('en-US')} characters long ("${excerpt(note)}"); a note holds at most ${NOTE_LENGTH}`
    )
  return note === '' ? null : note
}

export function amountText(value: Decimal): string {
  return formatDecimal(value < 0n ? -value : value)
}

const DATE_TIME =
  /^(\d{2}|\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i

/**
 * Reads "2024-01-15", "2024-01-15 10:22:33", "2024-01-15T10:22:33.123Z", "2024-01-15 10:22:33 UTC",
 * an offset such as "+02:00", or Binance's older two-digit year "24-01-15 10:22:33". Times
 * without a zone are UTC, which is what every supported export writes. Dates in the future are refused.
 */
export function parseTimestamp(raw: string, now: number, what = 'date'): number {
  const match = DATE_TIME.exec(raw.trim())
  if (!match) throw new RowError(`${what} "${excerpt(raw)}" is not a date; expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS`)
  const year = match[1]!.length === 2 ? 2000 + Number(match[1]) : Number(match[1])
  const [month, day] = [Number(match[2]), Number(match[3])]
  const [h, m, s] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)]
  const ms = Number((match[7] ?? '0').padEnd(3, '0').slice(0, 3))
  let t = Date.UTC(year, month - 1, day, h, m, s, ms)
  const check = new Date(Date.UTC(year, month - 1, day))
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || h > 23 || m > 59 || s > 59) {
    throw new RowError(`${what} "${excerpt(raw)}" is not a real date and time`)
  }
  const zone = match[8]?.toUpperCase()
  if (zone && zone !== 'Z' && zone !== 'UTC') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)
    if (z) t -= (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60_000
  }
  if (t > now) throw new RowError(`${what} "${excerpt(raw)}" is in the future`)
  return t
}

/**
 * Counts how often each row key has appeared, so two identical rows in one file stay two rows
 * while the same file imported twice yields the same fingerprints.
 */
export function fingerprinter(format: string): (key: string) => string {
  const seen = new Map<string, number>()
  return (key) => {
    const digest = hash('sha256', `${format}\u001f${key}`, 'base64url')
    const occurrence = (seen.get(digest) ?? 0) + 1
    seen.set(digest, occurrence)
    return occurrence === 1 ? digest : `${digest}.${occurrence}`
  }
}

export function normalizeHeader(cell: string): string {
  return cell.trim().toLowerCase().replace(/\s+/g, ' ')
}
