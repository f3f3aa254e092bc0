import type { LedgerWarning, TxKind } from '../../../shared/contract/portfolio'
import type { PriceSource } from '../../../shared/domain'
import type { Decimal } from '../decimal'

/** One leg of a transaction: an amount of one asset. */
export interface Leg {
  symbol: string
  coinId: string | null
  quantity: Decimal
}

/** A transaction as the ledger sees it: exact amounts, time, and any USD value stated or entered. */
export interface LedgerTx {
  id: number
  kind: TxKind
  at: number
  asset: Leg
  quote: Leg | null
  fee: Leg | null
  /** The value the file states or the user entered (V1, step 1). */
  valueUsd: Decimal | null
  /** Who stated valueUsd; null when there is none. */
  valueSource: 'file' | 'user' | null
  /** A fee value the user entered. */
  feeValueUsd: Decimal | null
}

/** USD price of a coin on a UTC day (the as-of rule), or null when none is stored near enough. */
export type PriceLookup = (coinId: string, day: number) => number | null

/** The same price as an exact decimal. */
export type DecimalPriceLookup = (coinId: string, day: number) => Decimal | null

/** What a transaction is worth and where that came from (docs/cost-basis.md, V1–V4). */
export interface TxValue {
  value: Decimal | null
  source: PriceSource
  /** The fee's value; null (with source null) when the transaction has no separate fee leg. */
  feeValue: Decimal | null
  feeSource: PriceSource | null
}

export interface Lot {
  /** The acquiring transaction and its moment; `seq` is its place in the ledger (FIFO/HIFO ties). */
  txId: number
  acquiredAt: number
  seq: number
  quantity: Decimal
  /** Total USD cost of the remaining quantity; null when unknown (V3). */
  cost: Decimal | null
  /** Where the cost came from (several for an average-cost pool). */
  costSources: PriceSource[]
}

/** Part of a disposal: the lot it consumed (or, with `lot` null, the quantity no lot covered). */
export interface DisposalPart {
  lot: { txId: number; acquiredAt: number; costSources: PriceSource[] } | null
  quantity: Decimal
  cost: Decimal | null
  proceeds: Decimal | null
}

export type DisposalCause = 'sale' | 'trade' | 'fee' | 'network-fee'

export interface Disposal {
  txId: number
  at: number
  key: string
  coinId: string | null
  symbol: string
  cause: DisposalCause
  quantity: Decimal
  proceeds: Decimal | null
  proceedsSource: PriceSource
  parts: DisposalPart[]
}

export interface Income {
  txId: number
  at: number
  key: string
  coinId: string | null
  symbol: string
  quantity: Decimal
  value: Decimal | null
  source: PriceSource
}

export interface Position {
  key: string
  coinId: string | null
  symbol: string
  /** The balance; below zero only after disposing of more than was held (warned, L8). */
  quantity: Decimal
  /** Open lots in the method's order of consumption. */
  lots: Lot[]
}

export interface LedgerResult {
  positions: Map<string, Position>
  disposals: Disposal[]
  incomes: Income[]
  /** Each transaction's value and fee value, with their sources. */
  values: Map<number, TxValue>
  /** Transactions whose value the ledger needed and could not know. */
  unknownValues: Set<number>
  /** Transactions whose fee's value (or a move's network fee) the ledger needed and could not know. */
  unknownFees: Set<number>
  /** Balance changes in ledger order (set: the balance itself, from a holding row): what valuation over time replays. */
  balanceChanges: { at: number; key: string; coinId: string | null; delta: Decimal; set: boolean }[]
  warnings: LedgerWarning[]
}

/** The key a position is filed under: the provider coin, or the bare symbol until it is mapped. */
export function assetKey(leg: { coinId: string | null; symbol: string }): string {
  return leg.coinId ?? `symbol:${leg.symbol.toUpperCase()}`
}
