import type { CostMethod, LedgerWarning, TxKind } from '../../shared/contract/portfolio'
import { dayOfTimestamp, isoDateOfDay } from '../../shared/dates'
import { USD_STABLE_SYMBOLS, isFiat } from './assets'
import type { Decimal } from './decimal'
import { ZERO, div, formatDecimal, fromNumber, mul, mulDiv, parseDecimal } from './decimal'

/** One leg of a transaction: an amount of one asset. */
export interface Leg {
  symbol: string
  coinId: string | null
  quantity: Decimal
}

/** A transaction as the ledger sees it: exact amounts, time, and what the source said it was worth. */
export interface LedgerTx {
  id: number
  kind: TxKind
  at: number
  asset: Leg
  quote: Leg | null
  fee: Leg | null
  valueUsd: Decimal | null
}

export interface Lot {
  acquiredAt: number
  quantity: Decimal
  /** Total USD cost of the lot's remaining quantity. */
  cost: Decimal
}

export interface Position {
  key: string
  coinId: string | null
  symbol: string
  /** The balance; negative only after a disposal the ledger could not cover (warned). */
  quantity: Decimal
  lots: Lot[]
  realized: Decimal
  income: Decimal
}

export type { LedgerWarning }

export interface LedgerResult {
  positions: Map<string, Position>
  warnings: LedgerWarning[]
}

/** USD price of a coin on a UTC day, or null when none is stored near enough. */
export type PriceLookup = (coinId: string, day: number) => number | null

/** The key a position is filed under: the provider coin, or the bare symbol until it is mapped. */
export function assetKey(leg: { coinId: string | null; symbol: string }): string {
  return leg.coinId ?? `symbol:${leg.symbol.toUpperCase()}`
}

export function toLedgerTx(tx: {
  id: number
  kind: TxKind
  at: number
  symbol: string
  coinId: string | null
  quantity: string
  quoteSymbol: string | null
  quoteCoinId: string | null
  quoteQuantity: string | null
  feeSymbol: string | null
  feeCoinId: string | null
  feeQuantity: string | null
  valueUsd: string | null
}): LedgerTx {
  const leg = (symbol: string | null, coinId: string | null, quantity: string | null): Leg | null =>
    symbol !== null && quantity !== null
      ? { symbol: symbol.toUpperCase(), coinId, quantity: parseDecimal(quantity) }
      : null
  return {
    id: tx.id,
    kind: tx.kind,
    at: tx.at,
    asset: { symbol: tx.symbol.toUpperCase(), coinId: tx.coinId, quantity: parseDecimal(tx.quantity) },
    quote: leg(tx.quoteSymbol, tx.quoteCoinId, tx.quoteQuantity),
    fee: leg(tx.feeSymbol, tx.feeCoinId, tx.feeQuantity),
    valueUsd: tx.valueUsd === null ? null : parseDecimal(tx.valueUsd)
  }
}

/**
 * Replays the transactions in time order and keeps, per asset, the open lots and the realized
 * gains. Rules: a buy or trade acquires at its USD value plus fees and disposes of what paid for
 * it at that same value; a sell disposes at its value less fees; income is acquired at its market
 * value; a transfer out sets its lots aside and a later transfer in of the same asset takes them
 * back with their original dates and cost (moving coins between wallets is not a sale); a fee paid
 * in a coin disposes of that coin; "holding" sets the balance from then on.
 */
export function runLedger(transactions: readonly LedgerTx[], method: CostMethod, price: PriceLookup): LedgerResult {
  const positions = new Map<string, Position>()
  const transit = new Map<string, Lot[]>()
  const deficit = new Map<string, Decimal>()
  const warnings: LedgerWarning[] = []

  const position = (leg: Leg): Position => {
    const key = assetKey(leg)
    let p = positions.get(key)
    if (!p) {
      p = { key, coinId: leg.coinId, symbol: leg.symbol, quantity: ZERO, lots: [], realized: ZERO, income: ZERO }
      positions.set(key, p)
    }
    return p
  }

  const usdOf = (leg: Leg, day: number): Decimal | null => {
    if (leg.symbol === 'USD') return leg.quantity
    const p = leg.coinId !== null ? price(leg.coinId, day) : null
    if (p !== null) return mul(leg.quantity, fromNumber(p))
    if (USD_STABLE_SYMBOLS.has(leg.symbol)) return leg.quantity
    return null
  }

  const addLot = (p: Position, lot: Lot): void => {
    // A disposal the ledger could not cover earlier is matched with the first coins that arrive.
    const owed = deficit.get(p.key) ?? ZERO
    if (owed > ZERO && lot.quantity > ZERO) {
      const covered = owed < lot.quantity ? owed : lot.quantity
      const coveredCost = mulDiv(lot.cost, covered, lot.quantity)
      p.realized -= coveredCost
      lot = { ...lot, quantity: lot.quantity - covered, cost: lot.cost - coveredCost }
      deficit.set(p.key, owed - covered)
    }
    if (lot.quantity <= ZERO) return
    if (method === 'average') {
      const pool = p.lots[0]
      if (pool) {
        pool.quantity += lot.quantity
        pool.cost += lot.cost
        if (lot.acquiredAt < pool.acquiredAt) pool.acquiredAt = lot.acquiredAt
      } else p.lots.push({ ...lot })
      return
    }
    // Lots stay in acquisition order (restored transfers can be older than the newest lot).
    let i = p.lots.length
    while (i > 0 && (p.lots[i - 1] as Lot).acquiredAt > lot.acquiredAt) i -= 1
    p.lots.splice(i, 0, { ...lot })
  }

  /** Takes `quantity` out of the lots in the method's order; returns what was taken. */
  const takeLots = (p: Position, quantity: Decimal, tx: LedgerTx): Lot[] => {
    const taken: Lot[] = []
    let left = quantity
    const order =
      method === 'hifo' ? [...p.lots].sort((a, b) => compareUnitCost(b, a) || a.acquiredAt - b.acquiredAt) : [...p.lots]
    for (const lot of order) {
      if (left <= ZERO) break
      const take = lot.quantity < left ? lot.quantity : left
      const cost = take === lot.quantity ? lot.cost : mulDiv(lot.cost, take, lot.quantity)
      taken.push({ acquiredAt: lot.acquiredAt, quantity: take, cost })
      lot.quantity -= take
      lot.cost -= cost
      left -= take
    }
    p.lots = p.lots.filter((lot) => lot.quantity > ZERO)
    p.quantity -= quantity
    if (left > ZERO) {
      deficit.set(p.key, (deficit.get(p.key) ?? ZERO) + left)
      warnings.push({
        kind: 'negative-balance',
        transactionId: tx.id,
        message: `${p.symbol} balance falls to ${formatDecimal(p.quantity)} on ${isoDateOfDay(dayOfTimestamp(tx.at))}: this moves out more than was held`
      })
    }
    return taken
  }

  const dispose = (leg: Leg, proceeds: Decimal, tx: LedgerTx): void => {
    const p = position(leg)
    const basis = takeLots(p, leg.quantity, tx).reduce((sum, lot) => sum + lot.cost, ZERO)
    p.realized += proceeds - basis
  }

  const acquire = (leg: Leg, cost: Decimal, at: number): Position => {
    const p = position(leg)
    p.quantity += leg.quantity
    addLot(p, { acquiredAt: at, quantity: leg.quantity, cost })
    return p
  }

  const warnNoValue = (tx: LedgerTx, what: string): void => {
    warnings.push({
      kind: 'unknown-value',
      transactionId: tx.id,
      message: `No USD value is known for ${what} on ${isoDateOfDay(dayOfTimestamp(tx.at))}; it counts as 0 in cost basis`
    })
  }

  for (const tx of transactions) {
    const day = dayOfTimestamp(tx.at)
    // What the transaction was worth: as stated, else what was paid in dollars or dollar
    // stablecoins, else the stored price of the asset, else of what paid for it.
    const quote = tx.quote && !isFiat(tx.quote.symbol) ? tx.quote : null
    const value =
      tx.valueUsd ??
      (tx.quote?.symbol === 'USD' ? tx.quote.quantity : null) ??
      (quote && USD_STABLE_SYMBOLS.has(quote.symbol) ? usdOf(quote, day) : null) ??
      usdOf(tx.asset, day) ??
      (quote ? usdOf(quote, day) : null)
    const fee = tx.fee && tx.kind !== 'fee' ? tx.fee : null
    let feeUsd: Decimal = ZERO
    if (fee) {
      const known = usdOf(fee, day)
      if (known === null) warnNoValue(tx, `the fee in ${fee.symbol}`)
      feeUsd = known ?? ZERO
    }
    const needsValue = tx.kind === 'buy' || tx.kind === 'sell' || tx.kind === 'trade' || tx.kind === 'income'
    if (needsValue && value === null) warnNoValue(tx, `${formatDecimal(tx.asset.quantity)} ${tx.asset.symbol}`)
    const v = value ?? ZERO
    let feeCounted = false

    switch (tx.kind) {
      case 'buy':
      case 'trade':
        acquire(tx.asset, v + feeUsd, tx.at)
        if (quote) dispose(quote, v, tx)
        feeCounted = true
        break
      case 'sell':
        dispose(tx.asset, v - feeUsd, tx)
        if (quote) acquire(quote, v, tx.at)
        feeCounted = true
        break
      case 'income': {
        const p = acquire(tx.asset, v, tx.at)
        p.income += v
        break
      }
      case 'fee':
        dispose(tx.asset, ZERO, tx)
        break
      case 'transfer_out': {
        const p = position(tx.asset)
        const key = p.key
        transit.set(key, [...(transit.get(key) ?? []), ...takeLots(p, tx.asset.quantity, tx)])
        break
      }
      case 'transfer_in': {
        const p = position(tx.asset)
        p.quantity += tx.asset.quantity
        let left = tx.asset.quantity
        const waiting = transit.get(p.key) ?? []
        while (left > ZERO && waiting.length > 0) {
          const lot = waiting[0] as Lot
          const take = lot.quantity < left ? lot.quantity : left
          const cost = take === lot.quantity ? lot.cost : mulDiv(lot.cost, take, lot.quantity)
          addLot(p, { acquiredAt: lot.acquiredAt, quantity: take, cost })
          lot.quantity -= take
          lot.cost -= cost
          if (lot.quantity <= ZERO) waiting.shift()
          left -= take
        }
        if (left > ZERO) {
          // Coins arriving from outside the ledger: their basis is their market value on arrival.
          const unit =
            tx.valueUsd !== null
              ? div(tx.valueUsd, tx.asset.quantity)
              : (() => {
                  const p1 = tx.asset.coinId !== null ? price(tx.asset.coinId, day) : null
                  return p1 === null ? null : fromNumber(p1)
                })()
          if (unit === null) warnNoValue(tx, `${formatDecimal(left)} ${tx.asset.symbol} received`)
          addLot(p, { acquiredAt: tx.at, quantity: left, cost: unit === null ? ZERO : mul(unit, left) })
        }
        break
      }
      case 'holding': {
        const p = position(tx.asset)
        const diff = tx.asset.quantity - p.quantity
        if (diff > ZERO) {
          const unitPrice = tx.asset.coinId !== null ? price(tx.asset.coinId, day) : null
          const cost = tx.valueUsd ?? (unitPrice === null ? null : mul(diff, fromNumber(unitPrice)))
          if (cost === null) warnNoValue(tx, `${formatDecimal(diff)} ${tx.asset.symbol}`)
          p.quantity += diff
          addLot(p, { acquiredAt: tx.at, quantity: diff, cost: cost ?? ZERO })
        } else if (diff < ZERO) {
          takeLots(p, -diff, tx)
        }
        deficit.delete(p.key)
        break
      }
    }
    // A fee in cash is already in the cost or proceeds; a fee in a coin also leaves that coin's lots.
    if (fee && !isFiat(fee.symbol)) dispose(fee, feeCounted ? feeUsd : ZERO, tx)
  }
  return { positions, warnings }
}

/** Compares unit costs a.cost/a.quantity and b.cost/b.quantity exactly, without dividing. */
function compareUnitCost(a: Lot, b: Lot): number {
  const left = a.cost * b.quantity
  const right = b.cost * a.quantity
  return left < right ? -1 : left > right ? 1 : 0
}
