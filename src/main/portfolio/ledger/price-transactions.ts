import { dayOfTimestamp } from '../../../shared/dates'
import type { PriceSource } from '../../../shared/domain'
import { isFiat } from '../assets'
import type { Decimal } from '../decimal'
import { fromNumber, mul, mulDiv } from '../decimal'
import { assetKey } from './types'
import type { DecimalPriceLookup, Leg, LedgerTx, PriceLookup, TxValue } from './types'

interface Valued {
  value: Decimal | null
  source: PriceSource
}

const UNKNOWN: Valued = { value: null, source: 'unknown' }

/** A coin leg's worth on a day: its quantity times the coin's daily price (cash has no price here). */
function legValue(leg: Leg, day: number, price: DecimalPriceLookup, coinSource: PriceSource): Valued {
  if (isFiat(leg.symbol) || leg.coinId === null) return UNKNOWN
  const p = price(leg.coinId, day)
  return p === null ? UNKNOWN : { value: mul(leg.quantity, p), source: coinSource }
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
  let main: Valued = UNKNOWN
  if (tx.valueUsd !== null) main = { value: tx.valueUsd, source: tx.valueSource ?? 'file' }
  else {
    const trade = tx.kind === 'buy' || tx.kind === 'sell' || tx.kind === 'trade'
    if (trade && tx.quote) {
      const other = tx.quote.symbol === 'USD' ? { value: tx.quote.quantity, source: 'trade' as const } : null
      main = other ?? legValue(tx.quote, day, price, 'trade')
    }
    if (main.value === null) main = legValue(tx.asset, day, price, 'market')
  }
  if (!tx.fee || tx.kind === 'fee') return { ...main, feeValue: null, feeSource: null }
  return { ...main, ...feeValue(tx, tx.fee, main, day, price) }
}

function feeValue(
  tx: LedgerTx,
  fee: Leg,
  main: Valued,
  day: number,
  price: DecimalPriceLookup
): { feeValue: Decimal | null; feeSource: PriceSource } {
  if (tx.feeValueUsd !== null) return { feeValue: tx.feeValueUsd, feeSource: 'user' }
  if (fee.symbol === 'USD') return { feeValue: fee.quantity, feeSource: 'file' }
  if (isFiat(fee.symbol)) return { feeValue: null, feeSource: 'unknown' }
  // A fee in a coin of the same trade is worth that trade's unit value (V4).
  if (main.value !== null) {
    const key = assetKey(fee)
    for (const leg of [tx.asset, tx.quote]) {
      if (leg && leg.quantity > 0n && !isFiat(leg.symbol) && assetKey(leg) === key)
        return { feeValue: mulDiv(main.value, fee.quantity, leg.quantity), feeSource: main.source }
    }
  }
  const valued = legValue(fee, day, price, 'market')
  return { feeValue: valued.value, feeSource: valued.source }
}
