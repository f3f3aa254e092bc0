import { z } from 'zod'
import { formatDecimal, parseDecimal } from '../../portfolio/decimal'
import type { Decimal } from '../../portfolio/decimal'

/**
 * Field checks shared by the adapters. ccxt may hand an exchange's numbers over as numbers or as
 * their exact source digits; both are read as exact decimals, never through a float's rounding.
 */
const AMOUNT = /^\d{1,40}(\.\d{1,30})?([eE][+-]?\d{1,3})?$/

export const amountField = z
  .union([z.string().max(80), z.number().nonnegative()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .refine((text) => AMOUNT.test(text), 'not an amount')

export const idField = z.union([z.string().min(1).max(100), z.number().int().nonnegative()]).transform(String)
export const timeField = z.coerce.number().int().positive().max(8_640_000_000_000)

export function amountOf(text: string): Decimal {
  return parseDecimal(text)
}

/** "0.00100000" → "0.001": the ledger's text for an amount. */
export function amountText(text: string): string {
  return formatDecimal(parseDecimal(text))
}

export { formatDecimal }
