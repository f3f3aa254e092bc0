import {
  AMOUNT_DECIMAL_PLACES,
  AMOUNT_EXPONENT_LIMIT,
  AMOUNT_INTEGER_DIGITS,
  AMOUNT_TEXT_LENGTH,
  amountDigitsProblem
} from '../../shared/amount'
import { excerpt } from '../../shared/text'

/**
 * Exact decimals for quantities and money: a bigint counting units of 10^-18, so sums of exchange
 * amounts never drift the way binary floats do (0.1 + 0.2 stays 0.3). Eighteen places cover every
 * token's smallest unit (ETH's wei is the finest common one).
 */
export type Decimal = bigint

export const SCALE = AMOUNT_DECIMAL_PLACES
const ONE_RAW = 10n ** BigInt(SCALE)
export const ZERO: Decimal = 0n
export const ONE: Decimal = ONE_RAW

/** An amount that cannot be read; `reason` says why in words that follow the amount's name. */
export class DecimalError extends Error {
  constructor(
    message: string,
    readonly reason: string = message
  ) {
    super(message)
    this.name = 'DecimalError'
  }
}

const DECIMAL_TEXT = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,6}))?$/

/** The common plain form already within the bounds: read without any other work. */
const PLAIN_IN_BOUNDS = new RegExp(`^(-?)(\\d{1,${AMOUNT_INTEGER_DIGITS}})(?:\\.(\\d{1,${SCALE}}))?$`)

function refuse(text: string, reason: string): never {
  throw new DecimalError(`"${excerpt(text)}" ${reason}`, reason)
}

/**
 * Parses "12", "-0.5", ".25", "1.5e-7" (exchanges print tiny amounts in exponent form) within the
 * bounds every amount obeys (src/shared/amount.ts): at most 30 digits before the point and 18
 * after, checked before any big number is built, so "1e999" or a 10 MB run of digits costs nothing
 * and is refused with a reason. Never rounds silently.
 */
export function parseDecimal(text: string): Decimal {
  // Fast path for the common plain form: one BigInt built from the digits.
  const plain = PLAIN_IN_BOUNDS.exec(text)
  if (plain) {
    const raw = BigInt((plain[2] as string) + (plain[3] ?? '').padEnd(SCALE, '0'))
    return plain[1] === '-' ? -raw : raw
  }
  if (text.length > AMOUNT_TEXT_LENGTH)
    refuse(
      text,
      `is ${text.length.toLocaleString('en-US')} characters long; an amount has at most ${AMOUNT_INTEGER_DIGITS} digits before the point and ${SCALE} after`
    )
  const trimmed = text.trim()
  const match = DECIMAL_TEXT.exec(trimmed)
  if (!match || ((match[2] ?? '') === '' && (match[3] ?? '') === '')) refuse(text, 'is not a number')
  const sign = match[1] === '-' ? -1n : 1n
  let whole = match[2] ?? ''
  let frac = match[3] ?? ''
  const exponent = match[4] ? Number(match[4]) : 0
  if (/^0*$/.test(whole + frac)) return 0n
  // A shift further than the bounds allow cannot give an amount inside them.
  if (exponent > AMOUNT_EXPONENT_LIMIT)
    refuse(text, `is too large; the most is ${AMOUNT_INTEGER_DIGITS} digits before the point`)
  if (exponent < -AMOUNT_EXPONENT_LIMIT) refuse(text, `has more than ${SCALE} decimal places`)
  if (exponent > 0) {
    const moved = frac.slice(0, exponent).padEnd(exponent, '0')
    whole += moved
    frac = frac.slice(exponent)
  } else if (exponent < 0) {
    const shift = -exponent
    const padded = whole.padStart(shift, '0')
    frac = padded.slice(padded.length - shift) + frac
    whole = padded.slice(0, padded.length - shift)
  }
  const problem = amountDigitsProblem(whole, frac)
  if (problem) refuse(text, problem)
  frac = frac.replace(/0+$/, '')
  const raw = BigInt(whole === '' ? '0' : whole) * ONE_RAW + BigInt(frac.padEnd(SCALE, '0') || '0')
  return sign * raw
}

/**
 * Amount text as it is stored: read within the bounds and written back in its shortest plain form
 * ("1.50" → "1.5"), so every way in stores the same text for the same amount.
 */
export function normalizeAmount(text: string): string {
  return formatDecimal(parseDecimal(text))
}

/** The shortest plain decimal text: "1.5", "-0.00000001", "0". Never exponent form. */
export function formatDecimal(value: Decimal, maxPlaces = SCALE): string {
  let v = value
  if (maxPlaces < SCALE) v = roundTo(v, maxPlaces)
  const negative = v < 0n
  const digits = (negative ? -v : v).toString().padStart(SCALE + 1, '0')
  const whole = digits.slice(0, digits.length - SCALE)
  let end = digits.length
  while (end > whole.length && digits.charCodeAt(end - 1) === 48) end -= 1
  const text = end === whole.length ? whole : `${whole}.${digits.slice(whole.length, end)}`
  return negative ? `-${text}` : text
}

/** Rounds half away from zero to `places` decimal places. */
export function roundTo(value: Decimal, places: number): Decimal {
  const step = 10n ** BigInt(SCALE - places)
  return divRound(value, step) * step
}

function divRound(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n
  const n = numerator < 0n ? -numerator : numerator
  const d = denominator < 0n ? -denominator : denominator
  const q = (n + d / 2n) / d
  return negative ? -q : q
}

export const add = (a: Decimal, b: Decimal): Decimal => a + b
export const sub = (a: Decimal, b: Decimal): Decimal => a - b
export const neg = (a: Decimal): Decimal => -a
export const abs = (a: Decimal): Decimal => (a < 0n ? -a : a)
export const min = (a: Decimal, b: Decimal): Decimal => (a < b ? a : b)
export const max = (a: Decimal, b: Decimal): Decimal => (a > b ? a : b)

/** a × b, rounded half away from zero at the 18th place. */
export function mul(a: Decimal, b: Decimal): Decimal {
  return divRound(a * b, ONE_RAW)
}

/** a ÷ b, rounded half away from zero at the 18th place. */
export function div(a: Decimal, b: Decimal): Decimal {
  if (b === 0n) throw new DecimalError('division by zero')
  return divRound(a * ONE_RAW, b)
}

/** a × b ÷ c in one step, so a share of a lot's cost is exact whenever it can be. */
export function mulDiv(a: Decimal, b: Decimal, c: Decimal): Decimal {
  if (c === 0n) throw new DecimalError('division by zero')
  return divRound(a * b, c)
}

const PRICE_TEXT = /^(-?)(\d{1,40})(?:\.(\d{1,18}))?$/

/** Converts a float (a stored USD price) to a decimal through its shortest round-trip text. */
export function fromNumber(value: number): Decimal {
  if (!Number.isFinite(value)) throw new DecimalError(`${value} is not a finite number`)
  // Most prices print as plain digits with at most 18 places: read them like any decimal text.
  const text = String(value)
  const plain = PRICE_TEXT.exec(text)
  if (plain) {
    const raw = BigInt((plain[2] as string) + (plain[3] ?? '').padEnd(SCALE, '0'))
    return plain[1] === '-' ? -raw : raw
  }
  // String() gives the shortest text that reads back as the same float; tiny values may need
  // more than 18 places, so they are rounded rather than refused.
  const [mantissa = '0', exp = '0'] = String(Math.abs(value)).toLowerCase().split('e')
  const [w = '0', f = ''] = mantissa.split('.')
  const digits = BigInt(w + f)
  const power = Number(exp) - f.length + SCALE
  const scaled = power >= 0 ? digits * 10n ** BigInt(power) : divRound(digits, 10n ** BigInt(-power))
  return value < 0 ? -scaled : scaled
}

/**
 * Approximate float for display and charting; never fed back into stored amounts. Amounts are
 * bounded (30 digits before the point), so this is finite for anything the ledger adds up; a
 * result beyond the float range would still be refused rather than passed on as Infinity.
 */
export function toNumber(value: Decimal): number {
  const n = Number(formatDecimal(value))
  if (!Number.isFinite(n)) throw new DecimalError('an amount is beyond the range Seasonwatch can show')
  return n
}

/** A float of the decimal, or null when it is beyond the float range: where null already means "not known". */
export function toFiniteNumber(value: Decimal): number | null {
  const n = Number(formatDecimal(value))
  return Number.isFinite(n) ? n : null
}

/** a ÷ b as a float (a lot's cost per unit); null when a is unknown, b is zero or the result is beyond the float range. */
export function floatRatio(a: Decimal | null, b: Decimal): number | null {
  if (a === null || b === 0n) return null
  const x = toFiniteNumber(a)
  const y = toFiniteNumber(b)
  return x === null || y === null ? null : finiteOrNull(x / y)
}

/** A float result kept only when finite: a product of two finite floats can still overflow. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null
}

export function isZero(value: Decimal): boolean {
  return value === 0n
}

const CENT = 10n ** BigInt(SCALE - 2)

/** A decimal in whole cents, rounded half away from zero: what a report lists and sums. */
export function centsOf(value: Decimal): bigint {
  return divRound(value, CENT)
}

/** Whole cents as money text with two decimals ("-12.50"). */
export function formatCentUnits(cents: bigint): string {
  const negative = cents < 0n
  const digits = (negative ? -cents : cents).toString().padStart(3, '0')
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`
}

/** Money for reports: rounded half away from zero to cents, always with two decimals ("-12.50"). */
export function formatCents(value: Decimal): string {
  return formatCentUnits(centsOf(value))
}

/** A decimal rounded to cents (the amounts a report lists and sums). */
export function toCents(value: Decimal): Decimal {
  return centsOf(value) * CENT
}
