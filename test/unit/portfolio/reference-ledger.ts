/**
 * An independent, deliberately plain reading of docs/cost-basis.md, to check the ledger engine
 * against. Written from the document only: arrays, a sort before every take, a re-scan for each
 * transfer match. Slow on purpose. Amounts use the project's exact decimals (mul, mulDiv); the
 * rounding mirrors what the engine promises: a lot's share of cost is mulDiv(cost, taken, lotQty),
 * a disposal's proceeds are split over its parts by quantity with the last part taking the rest.
 *
 * How the document is read where it leaves room:
 * - Processing order is time, then ledger order (the input order). Within one transaction: the
 *   given leg is disposed of, then the received leg is acquired, then a coin fee is disposed of.
 * - A matched move (L4) touches no lot and no balance: the moved coins stay held while in transit
 *   (a sale or a holding row in between sees them). Its network fee (left − arrived) is a disposal
 *   recorded on the departure, at the departure's time, valued at the coin's daily price of the
 *   departure's day.
 * - Transfer matching: arrivals are taken in ledger order; each picks, among unmatched departures of
 *   the same coin it may match, the one nearest in time (a tie goes to the earlier departure). No
 *   limit on how long after the departure the arrival may be.
 * - A fee on a transfer is "any other coin fee": the fee coin's daily price.
 * - Any removal no lot covers (a disposal, a fee, an unmatched transfer out) leaves a shortfall;
 *   the next coins that arrive (buys, trades, income, unmatched arrivals including returned
 *   set-aside lots, holding rises) are set against it first and leave no lot for that part.
 * - Set-aside lots come back in the order they were set aside.
 * - A holding row settles a shortfall (L9 sets the balance): only the coins beyond the lots held
 *   are a lot from outside and need a value. An unmatched arrival that only fills a shortfall still
 *   needs its value (it is coins arriving, L8).
 * - A fee whose value is unknown makes the lot cost (buy, trade) or the proceeds (sale) unknown.
 * - A fee in cash other than USD (EUR, …) has no value of its own (cash has no daily price): unknown.
 * - A coin received for a sale costs the sale's value (the fee is already off the proceeds).
 * - Average cost: one pool per coin; a returned set-aside piece keeps its date, so the pool's date
 *   is the earliest of the pool's and the piece's.
 */
import type { CostMethod, TxKind } from '../../../src/shared/contract/portfolio'
import type { PriceSource } from '../../../src/shared/domain'
import type { Leg, LedgerTx, PriceLookup } from '../../../src/main/portfolio/ledger/types'
import { FIAT } from '../../../src/main/portfolio/assets'
import { fromNumber, mul, mulDiv } from '../../../src/main/portfolio/decimal'

export const DAY_MS = 86_400_000
export const MATCH_BEFORE_MS = 3 * DAY_MS

export interface RefLot {
  txId: number
  acquiredAt: number
  seq: number
  quantity: bigint
  cost: bigint | null
}

export interface RefPart {
  /** The acquiring transaction of the lot consumed; null for the part no lot covered. */
  lotTxId: number | null
  acquiredAt: number | null
  quantity: bigint
  cost: bigint | null
  proceeds: bigint | null
}

export type RefCause = 'sale' | 'trade' | 'fee' | 'network-fee'

export interface RefDisposal {
  txId: number
  at: number
  key: string
  cause: RefCause
  quantity: bigint
  proceeds: bigint | null
  parts: RefPart[]
}

export interface RefIncome {
  txId: number
  at: number
  key: string
  quantity: bigint
  value: bigint | null
  source: PriceSource
}

export interface RefValue {
  kind: TxKind
  value: bigint | null
  source: PriceSource
  feeValue: bigint | null
  feeSource: PriceSource | null
}

export interface RefPosition {
  quantity: bigint
  /** Open lots in the method's order of consumption (average: at most one, the pool). */
  lots: RefLot[]
}

export interface RefResult {
  positions: Map<string, RefPosition>
  disposals: RefDisposal[]
  incomes: RefIncome[]
  values: Map<number, RefValue>
  unknownValues: Set<number>
  /** Matched moves: arrival id → departure id. */
  moves: Map<number, number>
}

export const isCash = (symbol: string): boolean => FIAT.has(symbol.toUpperCase())
export const keyOf = (leg: { coinId: string | null; symbol: string }): string =>
  leg.coinId ?? `symbol:${leg.symbol.toUpperCase()}`
const dayOf = (at: number): number => Math.floor(at / DAY_MS)
const TRADES: TxKind[] = ['buy', 'sell', 'trade']

/** L4: arrival id → departure id, in ledger order, nearest departure in time. */
export function referenceMoves(ordered: readonly LedgerTx[]): Map<number, number> {
  const moves = new Map<number, number>()
  const taken = new Set<number>()
  for (const arrival of ordered) {
    if (arrival.kind !== 'transfer_in' || isCash(arrival.asset.symbol)) continue
    let best: LedgerTx | null = null
    for (const departure of ordered) {
      if (departure.kind !== 'transfer_out' || taken.has(departure.id)) continue
      if (isCash(departure.asset.symbol) || keyOf(departure.asset) !== keyOf(arrival.asset)) continue
      const left = departure.asset.quantity
      const arrived = arrival.asset.quantity
      if (arrived > left || arrived * 100n < left * 95n) continue
      if (arrival.at < departure.at - MATCH_BEFORE_MS) continue
      if (best === null || Math.abs(arrival.at - departure.at) < Math.abs(arrival.at - best.at)) best = departure
    }
    if (best !== null) {
      moves.set(arrival.id, best.id)
      taken.add(best.id)
    }
  }
  return moves
}

interface CoinState {
  balance: bigint
  lots: RefLot[]
  shortfall: bigint
  aside: RefLot[]
}

/** FIFO order: oldest first, then ledger order. */
function fifoOrder(a: RefLot, b: RefLot): number {
  return a.acquiredAt - b.acquiredAt || a.seq - b.seq
}

/** HIFO order: known costs before unknown; highest cost per unit first; then oldest, then ledger order. */
function hifoOrder(a: RefLot, b: RefLot): number {
  if (a.cost === null || b.cost === null) {
    if (a.cost !== null) return -1
    if (b.cost !== null) return 1
    return fifoOrder(a, b)
  }
  const left = a.cost * b.quantity
  const right = b.cost * a.quantity
  if (left !== right) return left > right ? -1 : 1
  return fifoOrder(a, b)
}

export function referenceLedger(transactions: readonly LedgerTx[], method: CostMethod, price: PriceLookup): RefResult {
  const ordered = transactions
    .map((tx, index) => ({ tx, index }))
    .sort((a, b) => a.tx.at - b.tx.at || a.index - b.index)
    .map((e) => e.tx)
  const seqOf = new Map(transactions.map((tx, index) => [tx.id, index]))
  const moves = referenceMoves(ordered)
  const departures = new Map([...moves].map(([arrival, departure]) => [departure, arrival]))
  const byId = new Map(transactions.map((tx) => [tx.id, tx]))

  const coins = new Map<string, CoinState>()
  const disposals: RefDisposal[] = []
  const incomes: RefIncome[] = []
  const values = new Map<number, RefValue>()
  const unknownValues = new Set<number>()

  const state = (leg: Leg): CoinState => {
    const key = keyOf(leg)
    let s = coins.get(key)
    if (!s) {
      s = { balance: 0n, lots: [], shortfall: 0n, aside: [] }
      coins.set(key, s)
    }
    return s
  }

  const marketValue = (leg: Leg, day: number): bigint | null => {
    if (leg.coinId === null || isCash(leg.symbol)) return null
    const p = price(leg.coinId, day)
    return p === null ? null : mul(leg.quantity, fromNumber(p))
  }

  /** V1: stated, the other leg of a trade, the coin's daily price, unknown. */
  const valueOf = (tx: LedgerTx): { value: bigint | null; source: PriceSource } => {
    if (tx.valueUsd !== null) return { value: tx.valueUsd, source: tx.valueSource ?? 'file' }
    const day = dayOf(tx.at)
    if (TRADES.includes(tx.kind) && tx.quote) {
      if (tx.quote.symbol.toUpperCase() === 'USD') return { value: tx.quote.quantity, source: 'trade' }
      const other = marketValue(tx.quote, day)
      if (other !== null) return { value: other, source: 'trade' }
    }
    const own = marketValue(tx.asset, day)
    if (own !== null) return { value: own, source: 'market' }
    return { value: null, source: 'unknown' }
  }

  /** V4: a fee in USD is its value; in a leg of the same trade, that leg's unit value; else its daily price. */
  const feeValueOf = (tx: LedgerTx, value: bigint | null, source: PriceSource) => {
    const fee = tx.fee
    if (fee === null) return { feeValue: null, feeSource: null }
    if (tx.feeValueUsd !== null) return { feeValue: tx.feeValueUsd, feeSource: 'user' as PriceSource }
    if (fee.symbol.toUpperCase() === 'USD') return { feeValue: fee.quantity, feeSource: 'trade' as PriceSource }
    if (TRADES.includes(tx.kind)) {
      for (const leg of [tx.asset, tx.quote]) {
        if (leg === null || isCash(leg.symbol) || keyOf(leg) !== keyOf(fee)) continue
        if (value === null) return { feeValue: null, feeSource: 'unknown' as PriceSource }
        return { feeValue: mulDiv(value, fee.quantity, leg.quantity), feeSource: source }
      }
    }
    const v = marketValue(fee, dayOf(tx.at))
    return v === null
      ? { feeValue: null, feeSource: 'unknown' as PriceSource }
      : { feeValue: v, feeSource: 'market' as PriceSource }
  }

  const orderLots = (lots: RefLot[]): RefLot[] => {
    if (method === 'fifo') return [...lots].sort(fifoOrder)
    if (method === 'hifo') return [...lots].sort(hifoOrder)
    return [...lots]
  }

  /** Takes `quantity` from the lots in the method's order; returns the pieces and what no lot covered. */
  const take = (s: CoinState, quantity: bigint): { pieces: RefLot[]; uncovered: bigint } => {
    const pieces: RefLot[] = []
    let left = quantity
    for (const lot of orderLots(s.lots)) {
      if (left === 0n) break
      const t = lot.quantity < left ? lot.quantity : left
      const c = lot.cost === null ? null : t === lot.quantity ? lot.cost : mulDiv(lot.cost, t, lot.quantity)
      pieces.push({ ...lot, quantity: t, cost: c })
      lot.quantity -= t
      if (lot.cost !== null && c !== null) lot.cost -= c
      left -= t
    }
    s.lots = s.lots.filter((lot) => lot.quantity > 0n)
    return { pieces, uncovered: left }
  }

  /** Coins arriving: first set against a shortfall (L8), the rest becomes a lot (or joins the pool). */
  const arrive = (s: CoinState, piece: RefLot): void => {
    let lot = { ...piece }
    if (s.shortfall > 0n) {
      const covered = s.shortfall < lot.quantity ? s.shortfall : lot.quantity
      s.shortfall -= covered
      const coveredCost = lot.cost === null ? null : mulDiv(lot.cost, covered, lot.quantity)
      lot = {
        ...lot,
        quantity: lot.quantity - covered,
        cost: lot.cost === null || coveredCost === null ? null : lot.cost - coveredCost
      }
    }
    if (lot.quantity === 0n) return
    if (method !== 'average') {
      s.lots.push(lot)
      return
    }
    const pool = s.lots[0]
    if (!pool) {
      s.lots.push(lot)
      return
    }
    pool.quantity += lot.quantity
    pool.cost = pool.cost === null || lot.cost === null ? null : pool.cost + lot.cost
    if (lot.acquiredAt < pool.acquiredAt) pool.acquiredAt = lot.acquiredAt
  }

  const dispose = (tx: LedgerTx, leg: Leg, cause: RefCause, proceeds: bigint | null, at = tx.at): void => {
    const s = state(leg)
    const { pieces, uncovered } = take(s, leg.quantity)
    s.shortfall += uncovered
    const parts: RefPart[] = pieces.map((p) => ({
      lotTxId: p.txId,
      acquiredAt: p.acquiredAt,
      quantity: p.quantity,
      cost: p.cost,
      proceeds: null
    }))
    if (uncovered > 0n) parts.push({ lotTxId: null, acquiredAt: null, quantity: uncovered, cost: null, proceeds: null })
    if (proceeds !== null) {
      let rest = proceeds
      parts.forEach((part, i) => {
        const share = i === parts.length - 1 ? rest : mulDiv(proceeds, part.quantity, leg.quantity)
        part.proceeds = share
        rest -= share
      })
    }
    disposals.push({ txId: tx.id, at, key: keyOf(leg), cause, quantity: leg.quantity, proceeds, parts })
  }

  const newLot = (tx: LedgerTx, quantity: bigint, cost: bigint | null): RefLot => ({
    txId: tx.id,
    acquiredAt: tx.at,
    seq: seqOf.get(tx.id) ?? 0,
    quantity,
    cost
  })

  const plus = (a: bigint | null, b: bigint | null, hasB: boolean): bigint | null =>
    a === null || (hasB && b === null) ? null : a + (b ?? 0n)
  const minus = (a: bigint | null, b: bigint | null, hasB: boolean): bigint | null =>
    a === null || (hasB && b === null) ? null : a - (b ?? 0n)

  for (const tx of ordered) {
    if (isCash(tx.asset.symbol)) continue // L5: cash alone is not a holding
    const day = dayOf(tx.at)
    const { value, source } = valueOf(tx)
    const { feeValue, feeSource } = feeValueOf(tx, value, source)
    values.set(tx.id, { kind: tx.kind, value, source, feeValue, feeSource })
    const coinFee = tx.fee !== null && !isCash(tx.fee.symbol) ? tx.fee : null
    const hasFee = tx.fee !== null
    const asset = state(tx.asset)
    let needsValue = false

    switch (tx.kind) {
      case 'buy':
      case 'trade': {
        needsValue = true
        if (tx.quote && !isCash(tx.quote.symbol)) {
          state(tx.quote).balance -= tx.quote.quantity
          dispose(tx, tx.quote, 'trade', value)
        }
        asset.balance += tx.asset.quantity
        arrive(asset, newLot(tx, tx.asset.quantity, plus(value, feeValue, hasFee)))
        break
      }
      case 'sell': {
        needsValue = true
        asset.balance -= tx.asset.quantity
        dispose(tx, tx.asset, 'sale', minus(value, feeValue, hasFee))
        if (tx.quote && !isCash(tx.quote.symbol)) {
          const quote = state(tx.quote)
          quote.balance += tx.quote.quantity
          arrive(quote, newLot(tx, tx.quote.quantity, value))
        }
        break
      }
      case 'income': {
        needsValue = true
        asset.balance += tx.asset.quantity
        arrive(asset, newLot(tx, tx.asset.quantity, value))
        incomes.push({ txId: tx.id, at: tx.at, key: keyOf(tx.asset), quantity: tx.asset.quantity, value, source })
        break
      }
      case 'fee': {
        needsValue = true
        asset.balance -= tx.asset.quantity
        dispose(tx, tx.asset, 'fee', value)
        break
      }
      case 'transfer_out': {
        const arrivalId = departures.get(tx.id)
        if (arrivalId !== undefined) {
          // The coins in transit are still held: only what does not arrive leaves the balance.
          const arrived = (byId.get(arrivalId) as LedgerTx).asset.quantity
          const lost = tx.asset.quantity - arrived
          asset.balance -= lost
          if (lost > 0n) {
            const leg = { ...tx.asset, quantity: lost }
            const v = marketValue(leg, day)
            if (v === null) unknownValues.add(tx.id)
            dispose(tx, leg, 'network-fee', v)
          }
        } else {
          asset.balance -= tx.asset.quantity
          const { pieces, uncovered } = take(asset, tx.asset.quantity)
          asset.aside.push(...pieces)
          asset.shortfall += uncovered
        }
        break
      }
      case 'transfer_in': {
        if (moves.has(tx.id)) break
        asset.balance += tx.asset.quantity
        let left = tx.asset.quantity
        while (left > 0n && asset.aside.length > 0) {
          const lot = asset.aside[0] as RefLot
          const t = lot.quantity < left ? lot.quantity : left
          const c = lot.cost === null ? null : t === lot.quantity ? lot.cost : mulDiv(lot.cost, t, lot.quantity)
          arrive(asset, { ...lot, quantity: t, cost: c })
          lot.quantity -= t
          if (lot.cost !== null && c !== null) lot.cost -= c
          if (lot.quantity === 0n) asset.aside.shift()
          left -= t
        }
        if (left > 0n) {
          if (value === null) unknownValues.add(tx.id)
          const cost =
            value === null ? null : left === tx.asset.quantity ? value : mulDiv(value, left, tx.asset.quantity)
          arrive(asset, newLot(tx, left, cost))
        }
        break
      }
      case 'holding': {
        // The row states the balance: it settles any shortfall, and only coins beyond the lots held
        // come from outside (and need a value).
        const held = asset.balance + asset.shortfall
        asset.shortfall = 0n
        const diff = tx.asset.quantity - held
        asset.balance = tx.asset.quantity
        if (diff > 0n) {
          const leg = { ...tx.asset, quantity: diff }
          const v = tx.valueUsd ?? marketValue(leg, day)
          if (v === null) unknownValues.add(tx.id)
          arrive(asset, newLot(tx, diff, v))
        } else if (diff < 0n) {
          take(asset, -diff)
        }
        break
      }
    }
    if (coinFee) {
      state(coinFee).balance -= coinFee.quantity
      dispose(tx, coinFee, 'fee', feeValue)
    }
    if (needsValue && value === null) unknownValues.add(tx.id)
    if (hasFee && feeValue === null) unknownValues.add(tx.id)
  }

  const positions = new Map<string, RefPosition>()
  for (const [key, s] of coins) positions.set(key, { quantity: s.balance, lots: orderLots(s.lots) })
  return { positions, disposals, incomes, values, unknownValues, moves }
}
