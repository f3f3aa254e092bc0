// The one place numbers, dates and counts become text, for the window and the command line alike, so
// "$61.0B" never sits beside "$461.64B" and a minus is always the same sign. Pure and Intl-based; every
// formatter is built once because making one costs far more than using it.

/** The minus sign every negative number shows (U+2212), never a hyphen. */
export const MINUS = '\u2212'

/** A number from the core: a JS number, or exact decimal text as the ledger and reports send it. */
export type Amount = number | string | null | undefined

const cents = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2
})
const wholeDollars = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0
})
const smallPrice = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumSignificantDigits: 2,
  maximumSignificantDigits: 4
})
// Three significant digits at every size: "$61.0B", "$462B", "$1.23T".
const compact = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  minimumSignificantDigits: 3,
  maximumSignificantDigits: 3
})
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const fixedFormats = new Map<number, Intl.NumberFormat>()
const significantFormats = new Map<number, Intl.NumberFormat>()

function fixed(digits: number): Intl.NumberFormat {
  let f = fixedFormats.get(digits)
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    fixedFormats.set(digits, f)
  }
  return f
}

function significant(digits: number): Intl.NumberFormat {
  let f = significantFormats.get(digits)
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumSignificantDigits: digits, useGrouping: true })
    significantFormats.set(digits, f)
  }
  return f
}

export function toNumber(value: Amount): number | null {
  if (value === null || value === undefined || value === '') return null
  const n = typeof value === 'number' ? value : Number(value)
  return Number.isFinite(n) ? n : null
}

/** Puts a real minus in front of a formatted magnitude, and no sign in front of one that rounds to zero. */
function withSign(n: number, formatted: string, plus: boolean): string {
  if (!/[1-9]/.test(formatted)) return formatted
  if (n < 0) return `${MINUS}${formatted}`
  return plus ? `+${formatted}` : formatted
}

/** US dollars with cents ("$1,234.50", "−$12.00"); "unknown" when the amount is not known (never 0). */
export function usd(value: Amount): string {
  const n = toNumber(value)
  return n === null ? 'unknown' : withSign(n, cents.format(Math.abs(n)), false)
}

/** A gain, loss or change: "+$25.00", "−$3.10", "$0.00". */
export function signedUsd(value: Amount): string {
  const n = toNumber(value)
  return n === null ? 'unknown' : withSign(n, cents.format(Math.abs(n)), true)
}

/** Whole dollars for chart axes and large totals: "$12,345". */
export function usdWhole(value: Amount): string {
  const n = toNumber(value)
  return n === null ? 'unknown' : withSign(n, wholeDollars.format(Math.abs(n)), false)
}

/** A unit price: cents from a dollar up, four significant digits below ("$0.3912"). */
export function unitPrice(value: Amount): string {
  const n = toNumber(value)
  if (n === null) return 'unknown'
  const abs = Math.abs(n)
  return withSign(n, abs > 0 && abs < 1 ? smallPrice.format(abs) : cents.format(abs), false)
}

/** Market caps and other large sums: three significant digits, "$61.0B", "$1.23T". */
export function compactUsd(value: Amount): string {
  const n = toNumber(value)
  return n === null ? 'unknown' : withSign(n, compact.format(Math.abs(n)), false)
}

/** A plain number with fixed decimals and a real minus: number(−3.14159, 2) → "−3.14". */
export function number(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '—'
  return withSign(value, fixed(digits).format(Math.abs(value)), false)
}

/** A signed number: "+4", "−2", "±0" (for index-point changes). */
export function signedNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '—'
  const text = fixed(digits).format(Math.abs(value))
  return /[1-9]/.test(text) ? withSign(value, text, true) : `±${text}`
}

/** A share of a whole: 0.253 → "25.3%"; "n/a" when not known. */
export function percent(share: number | null, digits = 1): string {
  if (share === null || !Number.isFinite(share)) return 'n/a'
  return withSign(share, `${fixed(digits).format(Math.abs(share * 100))}%`, false)
}

/** A value already in percent: 25.3 → "25.3%". */
export function percentOf(value: number | null, digits = 1): string {
  return value === null ? 'n/a' : percent(value / 100, digits)
}

/** Percentage points, signed: "+3.2 pts", "−0.4 pts". */
export function points(value: number, digits = 1): string {
  return `${signedNumber(value, digits)} pts`
}

/**
 * A growth ratio as a return, the one way returns are shown: 1.25 → "+25.0%", 0.932 → "−6.8%",
 * 30.56 → "+2,956%". "—" when unknown (a coin too new for its window).
 */
export function returnPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—'
  const pct = (ratio - 1) * 100
  const digits = Math.abs(pct) >= 1000 ? 0 : 1
  return withSign(pct, `${fixed(digits).format(Math.abs(pct))}%`, true)
}

/** A multiplier for ending value over starting value: "×1.42". */
export function multiplier(ratio: number | null, digits = 2): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—'
  return `×${fixed(digits).format(ratio)}`
}

/** "1 day", "250 coins", with thousands grouped. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${grouped.format(n)} ${n === 1 ? one : many}`
}

/** A calendar date in ISO form, UTC: "2024-11-12". Accepts epoch milliseconds or a Date. */
export function isoDate(at: number | Date): string {
  const d = typeof at === 'number' ? new Date(at) : at
  return Number.isNaN(d.getTime()) ? '—' : d.toISOString().slice(0, 10)
}

/** A moment in ISO form to the minute, in UTC: "2024-11-12 14:05 UTC". */
export function isoDateTime(at: number | Date): string {
  const d = typeof at === 'number' ? new Date(at) : at
  return Number.isNaN(d.getTime()) ? '—' : `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`
}

/** Decimal text with thousands grouping, every stored digit kept ("1,162.52800528"): the exact value. */
export function exactQuantity(text: string): string {
  const negative = text.startsWith('-')
  const [whole = '0', frac] = text.replace('-', '').split('.')
  const groupedWhole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${negative ? MINUS : ''}${groupedWhole}${frac ? `.${frac}` : ''}`
}

/**
 * A quantity to order, rounded to significant digits as exchanges accept them (their lot sizes are
 * a few significant digits, not eight decimals): 1162.52800528 → "1,162.5", 0.0123456 → "0.01235".
 */
export function orderQuantity(value: Amount, digits = 5): string {
  const n = toNumber(value)
  if (n === null) return 'unknown'
  return withSign(n, significant(digits).format(Math.abs(n)), false)
}

/** A file size in megabytes: "12.3 MB". */
export function megabytes(bytes: number): string {
  return `${fixed(1).format(bytes / 1_048_576)} MB`
}

/** Seconds with one decimal: "4.2 s". */
export function seconds(ms: number): string {
  return `${fixed(1).format(ms / 1000)} s`
}

/** A change given as a fraction, signed: 0.052 → "+5.2%", −0.031 → "−3.1%"; "—" when unknown. */
export function signedPercent(change: number | null, digits = 1): string {
  if (change === null || !Number.isFinite(change)) return '—'
  return withSign(change, `${fixed(digits).format(Math.abs(change * 100))}%`, true)
}

/** A number to a few significant digits (prices in Bitcoin: 0.0523, 0.00001234); "—" when unknown. */
export function significantNumber(value: number | null, digits = 6): string {
  if (value === null || !Number.isFinite(value)) return '—'
  return withSign(value, significant(digits).format(Math.abs(value)), false)
}
