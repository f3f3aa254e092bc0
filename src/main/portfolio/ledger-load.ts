import type { Database } from 'better-sqlite3'
import { dayOfTimestamp } from '../../shared/dates'
import type { CostMethod } from '../../shared/domain'
import { AS_OF_LIMIT_DAYS } from '../market/as-of'
import type { MarketReads } from '../market/market-reads'
import { loadPriceBook } from '../market/price-book'
import type { PriceBook } from '../market/price-book'
import { parseDecimal } from './decimal'
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
    asset: { symbol: symbol.toUpperCase(), coinId, quantity: parseDecimal(quantity) },
    quote:
      quoteSymbol !== null && quoteQuantity !== null
        ? { symbol: quoteSymbol.toUpperCase(), coinId: quoteCoinId, quantity: parseDecimal(quoteQuantity) }
        : null,
    fee:
      feeSymbol !== null && feeQuantity !== null
        ? { symbol: feeSymbol.toUpperCase(), coinId: feeCoinId, quantity: parseDecimal(feeQuantity) }
        : null,
    valueUsd: valueUsd === null ? null : parseDecimal(valueUsd),
    valueSource: valueUsd === null ? null : (valueSource ?? 'file'),
    feeValueUsd: feeValueUsd === null ? null : parseDecimal(feeValueUsd)
  }
}

/** Every stored transaction and the stored prices of the coins they touch. */
export function loadTransactionsAndPrices(db: Database, market: MarketReads): { txs: LedgerTx[]; book: PriceBook } {
  const txs = ledgerRows(db).map(fromLedgerRow)
  const coins = new Set<string>()
  for (const tx of txs) for (const leg of [tx.asset, tx.quote, tx.fee]) if (leg?.coinId) coins.add(leg.coinId)
  const first = txs[0] ? dayOfTimestamp(txs[0].at) - AS_OF_LIMIT_DAYS : undefined
  return { txs, book: loadPriceBook(market, coins, first) }
}

/** Replays every stored transaction with the stored prices: the basis of every portfolio view. */
export function loadLedger(
  db: Database,
  market: MarketReads,
  method: CostMethod,
  options: LedgerOptions = { values: false, balances: false }
): Ledger {
  const { txs, book } = loadTransactionsAndPrices(db, market)
  return { txs, book, result: runLedger(txs, method, (coin, day) => book.at(coin, day), options) }
}
