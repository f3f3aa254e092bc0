// Pure display helpers for the Portfolio and Reports pages (no DOM), shared by their components.
import type { PriceSource } from '@shared/domain'
import { priceSourceLabels } from '@shared/domain'

const MINUS = '\u2212'
const cents = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2
})
const smallPrice = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumSignificantDigits: 2,
  maximumSignificantDigits: 4
})

/** A number from the core: a JS number, or exact decimal text as the reports send it. */
type Amount = number | string | null | undefined

function toNumber(value: Amount): number | null {
  if (value === null || value === undefined || value === '') return null
  const n = typeof value === 'number' ? value : Number(value)
  return Number.isFinite(n) ? n : null
}

/** Puts a real minus sign in front of a formatted amount, and none in front of one that rounds to zero. */
function withSign(n: number, formatted: string, plus: boolean): string {
  const zero = !/[1-9]/.test(formatted)
  if (zero) return formatted
  if (n < 0) return `${MINUS}${formatted}`
  return plus ? `+${formatted}` : formatted
}

/**
 * US dollars with thousands separators and cents ("$1,234.50", "−$12.00"); "unknown" when the
 * core does not know the amount (it never counts an unknown value as zero, nor do we).
 */
export function usd(value: Amount): string {
  const n = toNumber(value)
  if (n === null) return 'unknown'
  return withSign(n, cents.format(Math.abs(n)), false)
}

/** A gain or loss: "+$25.00", "−$3.10", "$0.00"; "unknown" when not known. */
export function signedUsd(value: Amount): string {
  const n = toNumber(value)
  if (n === null) return 'unknown'
  return withSign(n, cents.format(Math.abs(n)), true)
}

/** A unit price: cents for a dollar and more, four significant digits below ("$0.3912"). */
export function unitPrice(value: Amount): string {
  const n = toNumber(value)
  if (n === null) return 'unknown'
  const abs = Math.abs(n)
  return withSign(n, abs > 0 && abs < 1 ? smallPrice.format(abs) : cents.format(abs), false)
}

/** The CSS class for a gain or a loss; none for zero or unknown. */
export function pnlClass(value: Amount): string | undefined {
  const n = toNumber(value)
  return n === null || n === 0 ? undefined : n > 0 ? 'gain' : 'loss'
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`
}

/** Decimal text with thousands grouping, keeping every stored digit after the point. */
export function quantity(text: string): string {
  const [whole = '0', frac] = text.replace('-', '').split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${text.startsWith('-') ? MINUS : ''}${grouped}${frac ? `.${frac}` : ''}`
}

/** "1 transaction", "3 transactions". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/** Where a value came from, in words: "from the daily price", "unknown". */
export function sourceWords(source: PriceSource): string {
  return source === 'unknown' ? 'unknown' : `from ${priceSourceLabels[source]}`
}

export const bucketWords: Record<string, string> = {
  bitcoin: 'Bitcoin (incl. wrapped)',
  'altcoin-ranked': 'Altcoins in the index',
  'altcoin-other': 'Other altcoins',
  stablecoin: 'Stablecoins',
  unpriced: 'No price yet'
}

export const kindWords: Record<string, string> = {
  buy: 'Buy',
  sell: 'Sell',
  trade: 'Trade',
  transfer_in: 'Transfer in',
  transfer_out: 'Transfer out',
  income: 'Income',
  fee: 'Fee',
  holding: 'I hold'
}

export const causeWords: Record<string, string> = {
  sale: 'Sale',
  trade: 'Trade',
  fee: 'Fee',
  'network-fee': 'Network fee'
}

/** The key `portfolio:get-asset` files a holding under: its coin, or its bare symbol until matched. */
export function assetKey(h: { coinId: string | null; symbol: string }): string {
  return h.coinId ?? `symbol:${h.symbol.toUpperCase()}`
}
