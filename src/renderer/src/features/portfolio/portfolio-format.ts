// Pure display helpers for the Portfolio and Reports pages (no DOM), shared by their components.
import type { PriceSource } from '@shared/domain'
import { priceSourceLabels } from '@shared/domain'

export { usd, signedUsd, unitPrice } from '@shared/format'
import { exactQuantity, percent as sharePercent, plural, toNumber, type Amount } from '@shared/format'

/** The CSS class for a gain or a loss; none for zero or unknown. */
export function pnlClass(value: Amount): string | undefined {
  const n = toNumber(value)
  return n === null || n === 0 ? undefined : n > 0 ? 'gain' : 'loss'
}

export function percent(share: number): string {
  return sharePercent(share)
}

/** Decimal text with thousands grouping, keeping every stored digit after the point. */
export function quantity(text: string): string {
  return exactQuantity(text)
}

/** "1 transaction", "3 transactions". */
export function count(n: number, one: string, many = `${one}s`): string {
  return plural(n, one, many)
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
