/**
 * Exact decimals for quantities and money: a bigint counting units of 10^-18, so sums of exchange
 * amounts never drift the way binary floats do (0.1 + 0.2 stays 0.3). Eighteen places cover every
 * token's smallest unit (ETH's wei is the finest common one).
 */
export type Decimal = bigint

export const SCALE = 18
const ONE_RAW = 10n ** BigInt(SCALE)
export const ZERO: Decimal = 0n
export const ONE: Decimal = ONE_RAW

export class DecimalError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DecimalError'
  }
}

const DECIMAL_TEXT = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/

/**
 * Parses "12", "-0.5", ".25", "1.5e-7" (exchanges print tiny amounts in exponent form). Refuses
 * anything else, and values finer than 18 places rather than rounding them silently.
 */
const PLAIN = /^(-?)(\d{1,40})(?:\.(\d{1,18}))?$/

export function parseDecimal(text: string): Decimal {
  // Fast path for the common plain form: one BigInt built from the digits.
  const plain = PLAIN.exec(text)
  if (plain) {
    const raw = BigInt((plain[2] as string) + (plain[3] ?? '').padEnd(SCALE, '0'))
    return plain[1] === '-' ? -raw : raw
  }
  const trimmed = text.trim()
  const match = DECIMAL_TEXT.exec(trimmed)
  if (!match || ((match[2] ?? '') === '' && (match[3] ?? '') === ''))
    throw new DecimalError(`"${text}" is not a number`)
  const sign = match[1] === '-' ? -1n : 1n
  let whole = match[2] ?? ''
  let frac = match[3] ?? ''
  const exponent = match[4] ? Number(match[4]) : 0
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
  frac = frac.replace(/0+$/, '')
  if (frac.length > SCALE) throw new DecimalError(`"${text}" has more than ${SCALE} decimal places`)
  const raw = BigInt(whole === '' ? '0' : whole) * ONE_RAW + BigInt(frac.padEnd(SCALE, '0') || '0')
  return sign * raw
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

/** Converts a float (a stored USD price) to a decimal through its shortest round-trip text. */
export function fromNumber(value: number): Decimal {
  if (!Number.isFinite(value)) throw new DecimalError(`${value} is not a finite number`)
  // Most prices print as plain digits with at most 18 places: read them like any decimal text.
  const text = String(value)
  const plain = PLAIN.exec(text)
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

/** Approximate float for display and charting; never fed back into stored amounts. */
export function toNumber(value: Decimal): number {
  return Number(formatDecimal(value))
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
