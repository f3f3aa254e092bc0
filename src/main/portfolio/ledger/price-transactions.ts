import { dayOfTimestamp } from '../../../shared/dates'
import type { PriceSource } from '../../../shared/domain'
import { FIAT } from '../assets'
import type { Decimal } from '../decimal'
import { fromNumber, mul, mulDiv } from '../decimal'
import { assetKey } from './types'
import type { DecimalPriceLookup, Leg, LedgerTx, PriceLookup, TxValue } from './types'

/** Ledger symbols are upper case already: cash is a set lookup. */
const isCash = (symbol: string) => FIAT.has(symbol)

/** A coin leg's worth on a day: its quantity times the coin's daily price; null for cash or no price. */
function legValue(leg: Leg, day: number, price: DecimalPriceLookup): Decimal | null {
  if (leg.coinId === null || isCash(leg.symbol)) return null
  const p = price(leg.coinId, day)
  return p === null ? null : mul(leg.quantity, p)
}

/**
 * Prices as exact decimals, each converted once: a long ledger asks for the same coin-day often,
 * and the conversion from a float goes through its text.
 */
export function decimalPrices(price: PriceLookup): DecimalPriceLookup {
  const byCoin = new Map<string, Map<number, Decimal | null>>()
  return (coinId, day) => {
    let days = byCoin.get(coinId)
    if (!days) {
      days = new Map()
      byCoin.set(coinId, days)
    }
    let p = days.get(day)
    if (p === undefined) {
      const found = price(coinId, day)
      p = found === null ? null : fromNumber(found)
      days.set(day, p)
    }
    return p
  }
}

/**
 * A transaction's USD value and its fee's value (docs/cost-basis.md V1–V4): the stated or entered
 * value; else, for trades, the other leg; else the daily price of the coin itself; else unknown.
 * Stablecoins get no special treatment (V5).
 */
export function priceTransaction(tx: LedgerTx, price: DecimalPriceLookup): TxValue {
  const day = dayOfTimestamp(tx.at)
  let value: Decimal | null = null
  let source: PriceSource = 'unknown'
  if (tx.valueUsd !== null) {
    value = tx.valueUsd
    source = tx.valueSource ?? 'file'
  } else {
    const quote = tx.quote
    if (quote && (tx.kind === 'buy' || tx.kind === 'sell' || tx.kind === 'trade')) {
      value = quote.symbol === 'USD' ? quote.quantity : legValue(quote, day, price)
      if (value !== null) source = 'trade'
    }
    if (value === null) {
      value = legValue(tx.asset, day, price)
      if (value !== null) source = 'market'
    }
  }
  const out: TxValue = { value, source, feeValue: null, feeSource: null }
  const fee = tx.fee
  if (!fee || tx.kind === 'fee') return out
  if (tx.feeValueUsd !== null) {
    out.feeValue = tx.feeValueUsd
    out.feeSource = 'user'
  } else if (fee.symbol === 'USD') {
    out.feeValue = fee.quantity
    out.feeSource = 'file'
  } else if (isCash(fee.symbol)) out.feeSource = 'unknown'
  else {
    // A fee in a coin of the same trade is worth that trade's unit value (V4).
    const key = assetKey(fee)
    const same = [tx.asset, tx.quote].find(
      (leg) => leg !== null && value !== null && leg.quantity > 0n && !isCash(leg.symbol) && assetKey(leg) === key
    )
    if (same && value !== null) {
      out.feeValue = mulDiv(value, fee.quantity, same.quantity)
      out.feeSource = source
    } else {
      out.feeValue = legValue(fee, day, price)
      out.feeSource = out.feeValue === null ? 'unknown' : 'market'
    }
  }
  return out
}
