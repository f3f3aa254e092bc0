import type { LedgerWarning } from '../../../shared/contract/portfolio'
import { dayOfTimestamp, isoDateOfDay } from '../../../shared/dates'
import type { CostMethod, PriceSource } from '../../../shared/domain'
import { FIAT } from '../assets'
import type { Decimal } from '../decimal'
import { formatDecimal, mul, mulDiv } from '../decimal'
import { createLotPool } from './lot-pool'
import type { LotPool } from './lot-pool'
import { matchTransfers } from './match-transfers'
import { decimalPrices, priceTransaction } from './price-transactions'
import { assetKey } from './types'
import type {
  Disposal,
  DisposalCause,
  DisposalPart,
  Income,
  LedgerResult,
  LedgerTx,
  Leg,
  Lot,
  Position,
  PriceLookup
} from './types'

/** Ledger symbols are upper case already: cash is a set lookup. */
const isCash = (symbol: string) => FIAT.has(symbol)

interface State {
  key: string
  coinId: string | null
  symbol: string
  quantity: Decimal
  pool: LotPool
  /** Disposed of beyond what was held: the next arrivals are set against it (L8). */
  deficit: Decimal
  /** Lots that left with a transfer out no arrival matched, waiting to come back (L4). */
  transit: Lot[]
}

const sum = (values: readonly (Decimal | null)[]): Decimal | null => {
  let total = 0n
  for (const v of values) {
    if (v === null) return null
    total += v
  }
  return total
}

/**
 * Replays the transactions, which must come in ledger order (by time, ties by id, as the store
 * reads them), under a cost-basis method and returns the
 * open lots, every disposal with the lots it consumed, every income and each transaction's value
 * with its source. The rules are docs/cost-basis.md; the rule numbers are cited where they apply.
 */
export interface LedgerOptions {
  /** Keep each transaction's value (transaction lists need them; reports do not). Default true. */
  values?: boolean
  /** Keep every balance change (valuation over time needs them). Default true. */
  balances?: boolean
}

export function runLedger(
  transactions: readonly LedgerTx[],
  method: CostMethod,
  lookup: PriceLookup,
  options: LedgerOptions = {}
): LedgerResult {
  const keepValues = options.values !== false
  const keepBalances = options.balances !== false
  const price = decimalPrices(lookup)
  const transfers = matchTransfers(transactions)
  const states = new Map<string, State>()
  const disposals: Disposal[] = []
  const incomes: Income[] = []
  const values: LedgerResult['values'] = new Map()
  const unknownValues = new Set<number>()
  const unknownFees = new Set<number>()
  const balanceChanges: LedgerResult['balanceChanges'] = []
  const warnings: LedgerWarning[] = []
  let seq = 0

  const stateOf = (leg: Leg): State => {
    const key = assetKey(leg)
    let state = states.get(key)
    if (!state) {
      state = {
        key,
        coinId: leg.coinId,
        symbol: leg.symbol,
        quantity: 0n,
        pool: createLotPool(method),
        deficit: 0n,
        transit: []
      }
      states.set(key, state)
    }
    return state
  }

  const change = (tx: LedgerTx, state: State, delta: Decimal, set = false) => {
    if (keepBalances) balanceChanges.push({ at: tx.at, key: state.key, coinId: state.coinId, delta, set })
  }

  /** Puts a lot in the pool, after setting it against any earlier shortfall (L8). */
  const addLot = (state: State, lot: Lot): void => {
    if (state.deficit > 0n) {
      const covered = state.deficit < lot.quantity ? state.deficit : lot.quantity
      state.deficit -= covered
      if (covered === lot.quantity) return
      const left = lot.quantity - covered
      lot = { ...lot, quantity: left, cost: lot.cost === null ? null : mulDiv(lot.cost, left, lot.quantity) }
    }
    state.pool.add(lot)
  }

  const acquire = (tx: LedgerTx, leg: Leg, cost: Decimal | null, sources: PriceSource[]): void => {
    if (isCash(leg.symbol) || leg.quantity === 0n) return
    const state = stateOf(leg)
    state.quantity += leg.quantity
    change(tx, state, leg.quantity)
    addLot(state, { txId: tx.id, acquiredAt: tx.at, seq: seq++, quantity: leg.quantity, cost, costSources: sources })
  }

  /** Takes coins out of the pool (a disposal, a departure, a lower balance); warns on a shortfall. */
  const takeOut = (tx: LedgerTx, state: State, quantity: Decimal): { taken: Lot[]; missing: Decimal } => {
    const taken = state.pool.take(quantity)
    let missing = quantity
    for (const lot of taken) missing -= lot.quantity
    state.quantity -= quantity
    change(tx, state, -quantity)
    if (missing > 0n) {
      state.deficit += missing
      warnings.push({
        kind: 'negative-balance',
        transactionId: tx.id,
        message: `${state.symbol} balance falls to ${formatDecimal(state.quantity)} on ${isoDateOfDay(dayOfTimestamp(tx.at))}: this moves out more than was held`
      })
    }
    return { taken, missing }
  }

  /** L2, L3: a disposal at `proceeds`, split over the lots it consumes by quantity. */
  const dispose = (
    tx: LedgerTx,
    leg: Leg,
    proceeds: Decimal | null,
    source: PriceSource,
    cause: DisposalCause
  ): void => {
    if (isCash(leg.symbol) || leg.quantity === 0n) return
    const state = stateOf(leg)
    const { taken, missing } = takeOut(tx, state, leg.quantity)
    const parts: DisposalPart[] = taken.map((lot) => ({
      lot: { txId: lot.txId, acquiredAt: lot.acquiredAt, costSources: lot.costSources },
      quantity: lot.quantity,
      cost: lot.cost,
      proceeds: null
    }))
    if (missing > 0n) parts.push({ lot: null, quantity: missing, cost: null, proceeds: null })
    if (proceeds !== null) {
      let left = proceeds
      parts.forEach((part, i) => {
        part.proceeds = i === parts.length - 1 ? left : mulDiv(proceeds, part.quantity, leg.quantity)
        left -= part.proceeds
      })
    }
    disposals.push({
      txId: tx.id,
      at: tx.at,
      key: state.key,
      coinId: state.coinId,
      symbol: state.symbol,
      cause,
      quantity: leg.quantity,
      proceeds,
      proceedsSource: proceeds === null ? 'unknown' : source,
      parts
    })
  }

  /** L4: a transfer in that completes no departure takes set-aside lots back, then counts as from outside. */
  const arrive = (tx: LedgerTx, value: Decimal | null, source: PriceSource): void => {
    const state = stateOf(tx.asset)
    let left = tx.asset.quantity
    let restored = 0n
    while (left > 0n && state.transit.length > 0) {
      const lot = state.transit[0] as Lot
      const take = lot.quantity < left ? lot.quantity : left
      const cost = lot.cost === null ? null : take === lot.quantity ? lot.cost : mulDiv(lot.cost, take, lot.quantity)
      addLot(state, { ...lot, quantity: take, cost })
      lot.quantity -= take
      if (lot.cost !== null && cost !== null) lot.cost -= cost
      if (lot.quantity === 0n) state.transit.shift()
      left -= take
      restored += take
    }
    state.quantity += restored
    if (restored > 0n) change(tx, state, restored)
    if (left === 0n) return
    const cost = value === null ? null : left === tx.asset.quantity ? value : mulDiv(value, left, tx.asset.quantity)
    if (cost === null) unknownValues.add(tx.id)
    acquire(tx, { ...tx.asset, quantity: left }, cost, [cost === null ? 'unknown' : source])
  }

  for (const tx of transactions) {
    // L5: cash alone is not a holding.
    if (isCash(tx.asset.symbol)) continue
    const v = priceTransaction(tx, price)
    if (keepValues) values.set(tx.id, v)
    const fee = tx.fee && tx.kind !== 'fee' && !isCash(tx.fee.symbol) ? tx.fee : null
    const needsValue = tx.kind === 'buy' || tx.kind === 'sell' || tx.kind === 'trade' || tx.kind === 'income'
    if ((needsValue || tx.kind === 'fee') && v.value === null) unknownValues.add(tx.id)
    if (tx.fee && tx.kind !== 'fee' && tx.fee.symbol !== 'USD' && v.feeValue === null) unknownFees.add(tx.id)
    const feeValue = tx.fee && tx.kind !== 'fee' ? v.feeValue : 0n
    const quote = tx.quote && !isCash(tx.quote.symbol) ? tx.quote : null

    switch (tx.kind) {
      case 'buy':
      case 'trade': {
        // L1: cost = value + fee; the given side is disposed of at the same value (L2).
        const cost = sum([v.value, feeValue])
        acquire(
          tx,
          tx.asset,
          cost,
          cost === null ? ['unknown'] : [v.source, ...(tx.fee ? [v.feeSource ?? v.source] : [])]
        )
        if (quote) dispose(tx, quote, v.value, v.source, 'trade')
        break
      }
      case 'sell': {
        const proceeds = v.value === null || feeValue === null ? null : v.value - feeValue
        dispose(tx, tx.asset, proceeds, v.source, 'sale')
        if (quote) acquire(tx, quote, v.value, [v.value === null ? 'unknown' : v.source])
        break
      }
      case 'income':
        acquire(tx, tx.asset, v.value, [v.source])
        incomes.push({
          txId: tx.id,
          at: tx.at,
          key: assetKey(tx.asset),
          coinId: tx.asset.coinId,
          symbol: tx.asset.symbol,
          quantity: tx.asset.quantity,
          value: v.value,
          source: v.source
        })
        break
      case 'fee':
        dispose(tx, tx.asset, v.value, v.source, 'fee')
        break
      case 'transfer_out': {
        const move = transfers.get(tx.id)
        if (move) {
          // L4: a move between own wallets leaves every lot in place; what did not arrive was a fee.
          if (move.shortfall > 0n) {
            const p = tx.asset.coinId === null ? null : price(tx.asset.coinId, dayOfTimestamp(tx.at))
            const value = tx.feeValueUsd ?? (p === null ? null : mul(move.shortfall, p))
            if (value === null) unknownFees.add(tx.id)
            const source = tx.feeValueUsd !== null ? 'user' : 'market'
            dispose(tx, { ...tx.asset, quantity: move.shortfall }, value, source, 'network-fee')
          }
        } else {
          const state = stateOf(tx.asset)
          state.transit.push(...takeOut(tx, state, tx.asset.quantity).taken)
        }
        break
      }
      case 'transfer_in':
        if (!transfers.has(tx.id)) arrive(tx, v.value, v.source)
        break
      case 'holding': {
        // L9: the balance from this date on; earlier shortfalls are settled by it.
        const state = stateOf(tx.asset)
        const held = state.quantity + state.deficit
        const diff = tx.asset.quantity - held
        state.deficit = 0n
        state.quantity = held
        if (diff > 0n) {
          const p = tx.asset.coinId === null ? null : price(tx.asset.coinId, dayOfTimestamp(tx.at))
          const cost = tx.valueUsd ?? (p === null ? null : mul(diff, p))
          const source: PriceSource =
            tx.valueUsd !== null ? (tx.valueSource ?? 'file') : cost === null ? 'unknown' : 'market'
          if (cost === null) unknownValues.add(tx.id)
          acquire(tx, { ...tx.asset, quantity: diff }, cost, [source])
        } else if (diff < 0n) state.pool.take(-diff)
        state.quantity = tx.asset.quantity
        change(tx, state, tx.asset.quantity, true)
        break
      }
    }
    // L3: a fee paid in a coin leaves that coin at the fee's value.
    if (fee) dispose(tx, fee, v.feeValue, v.feeSource ?? 'unknown', 'fee')
  }

  const positions = new Map<string, Position>()
  for (const state of states.values()) {
    positions.set(state.key, {
      key: state.key,
      coinId: state.coinId,
      symbol: state.symbol,
      quantity: state.quantity,
      lots: state.pool.lots()
    })
  }
  return { positions, disposals, incomes, values, unknownValues, unknownFees, balanceChanges, warnings }
}
