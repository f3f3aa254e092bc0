import type { Database } from 'better-sqlite3'
import { dayOfTimestamp } from '../../shared/dates'
import type { CostMethod } from '../../shared/domain'
import { AS_OF_LIMIT_DAYS } from '../market/as-of'
import type { MarketReads } from '../market/market-reads'
import { loadPriceBook } from '../market/price-book'
import type { PriceBook } from '../market/price-book'
import type { LedgerWarning } from '../../shared/contract/portfolio'
import { excerpt } from '../../shared/text'
import { DecimalError, parseDecimal } from './decimal'
import type { Decimal } from './decimal'
import { runLedger } from './ledger/run-ledger'
import type { LedgerOptions } from './ledger/run-ledger'
import type { LedgerResult, LedgerTx } from './ledger/types'
import { ledgerRows } from './transactions-repo'
import type { LedgerRow, StoredTx } from './transactions-repo'

export interface Ledger {
  txs: LedgerTx[]
  book: PriceBook
  result: LedgerResult
}

/** The stored transactions the ledger can read, their prices, and a warning for each it cannot. */
export interface LoadedLedger {
  txs: LedgerTx[]
  book: PriceBook
  unreadable: LedgerWarning[]
}

/** A stored amount outside the bounds every amount obeys (written by an older version, or by hand). */
class UnreadableAmount extends Error {
  constructor(
    readonly field: string,
    readonly text: string,
    readonly reason: string
  ) {
    super(reason)
  }
}

function amount(text: string, field: string): Decimal {
  try {
    return parseDecimal(text)
  } catch (error) {
    if (error instanceof DecimalError) throw new UnreadableAmount(field, text, error.reason)
    throw error
  }
}

/** A stored transaction as the ledger reads it: exact amounts. */
export function toLedgerTx(tx: StoredTx): LedgerTx {
  return fromLedgerRow([
    tx.id,
    tx.kind,
    tx.at,
    tx.symbol,
    tx.coinId,
    tx.quantity,
    tx.quoteSymbol,
    tx.quoteCoinId,
    tx.quoteQuantity,
    tx.feeSymbol,
    tx.feeCoinId,
    tx.feeQuantity,
    tx.valueUsd,
    tx.valueSource,
    tx.feeValueUsd
  ])
}

function fromLedgerRow(row: LedgerRow): LedgerTx {
  const [id, kind, at, symbol, coinId, quantity, quoteSymbol, quoteCoinId, quoteQuantity] = row
  const [, , , , , , , , , feeSymbol, feeCoinId, feeQuantity, valueUsd, valueSource, feeValueUsd] = row
  return {
    id,
    kind,
    at,
    asset: { symbol: symbol.toUpperCase(), coinId, quantity: amount(quantity, 'quantity') },
    quote:
      quoteSymbol !== null && quoteQuantity !== null
        ? { symbol: quoteSymbol.toUpperCase(), coinId: quoteCoinId, quantity: amount(quoteQuantity, 'quote quantity') }
        : null,
    fee:
      feeSymbol !== null && feeQuantity !== null
        ? { symbol: feeSymbol.toUpperCase(), coinId: feeCoinId, quantity: amount(feeQuantity, 'fee quantity') }
        : null,
    valueUsd: valueUsd === null ? null : amount(valueUsd, 'USD value'),
    valueSource: valueUsd === null ? null : (valueSource ?? 'file'),
    feeValueUsd: feeValueUsd === null ? null : amount(feeValueUsd, 'fee USD value')
  }
}

/**
 * Every stored transaction and the stored prices of the coins they touch. A transaction with an
 * amount outside the bounds (an older version stored "1e999" or 5,000 digits) is left out with a
 * warning naming it, so one bad row cannot make the holdings, hints or reports fail.
 */
export function loadTransactionsAndPrices(db: Database, market: MarketReads): LoadedLedger {
  const txs: LedgerTx[] = []
  const unreadable: LedgerWarning[] = []
  for (const row of ledgerRows(db)) {
    try {
      txs.push(fromLedgerRow(row))
    } catch (error) {
      if (!(error instanceof UnreadableAmount)) throw error
      unreadable.push({
        kind: 'unreadable-amount',
        transactionId: row[0],
        message: `Transaction ${row[0]} (${row[1]} ${excerpt(row[3], 20)}) has a ${error.field} Seasonwatch cannot use ("${excerpt(error.text, 24)}" ${error.reason}); it is left out of holdings, gains and reports until it is edited or deleted`
      })
    }
  }
  const coins = new Set<string>()
  for (const tx of txs) for (const leg of [tx.asset, tx.quote, tx.fee]) if (leg?.coinId) coins.add(leg.coinId)
  const first = txs[0] ? dayOfTimestamp(txs[0].at) - AS_OF_LIMIT_DAYS : undefined
  return { txs, book: loadPriceBook(market, coins, first), unreadable }
}

/** Replays loaded transactions under a method; the warnings start with the transactions left out. */
export function replayLedger(loaded: LoadedLedger, method: CostMethod, options: LedgerOptions): LedgerResult {
  const { book } = loaded
  const result = runLedger(loaded.txs, method, (coin, day) => book.at(coin, day), options)
  if (loaded.unreadable.length > 0) result.warnings = [...loaded.unreadable, ...result.warnings]
  return result
}

/** Replays every stored transaction with the stored prices: the basis of every portfolio view. */
export function loadLedger(
  db: Database,
  market: MarketReads,
  method: CostMethod,
  options: LedgerOptions = { values: false, balances: false }
): Ledger {
  const loaded = loadTransactionsAndPrices(db, market)
  return { txs: loaded.txs, book: loaded.book, result: replayLedger(loaded, method, options) }
}
