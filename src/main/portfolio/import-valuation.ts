import type { ImportResult, Transaction } from '../../shared/contract/portfolio'
import { dayOfTimestamp } from '../../shared/dates'
import { AS_OF_LIMIT_DAYS } from '../market/as-of'
import type { MarketReads } from '../market/market-reads'
import { loadPriceBook } from '../market/price-book'
import { isFiat } from './assets'
import { formatDecimal } from './decimal'
import type { ParsedTx } from './import/types'
import { matchTransfers } from './ledger/match-transfers'
import { decimalPrices, priceTransaction } from './ledger/price-transactions'
import type { LedgerTx, TxValue } from './ledger/types'
import type { TxRecord } from './transactions-repo'
import { toLedgerTx } from './ledger-load'

/**
 * Cash alone is not a holding (docs/cost-basis.md, L5): a row whose asset is cash is skipped,
 * unless a coin is on its other side, in which case it is the same trade seen from the coin
 * (bought EUR with BTC = sold BTC for EUR). Returns null for a row to skip.
 */
export function withoutCashAsset(tx: ParsedTx): ParsedTx | null {
  if (!isFiat(tx.symbol)) return tx
  const trade = tx.kind === 'buy' || tx.kind === 'sell' || tx.kind === 'trade'
  if (!trade || tx.quoteSymbol === null || tx.quoteQuantity === null || isFiat(tx.quoteSymbol)) return null
  return {
    ...tx,
    kind: tx.kind === 'sell' ? 'buy' : 'sell',
    symbol: tx.quoteSymbol,
    quantity: tx.quoteQuantity,
    quoteSymbol: tx.symbol,
    quoteQuantity: tx.quantity
  }
}

/**
 * Whether the ledger needs a USD value for the transaction: transfers that complete a move do not;
 * a holding row needs one only when it raises the balance, which depends on the transactions
 * before it, so the preview counts it as needing none and the holdings say so after the import.
 */
function needsValue(record: TxRecord, matched: boolean): boolean {
  if (record.kind === 'transfer_out' || record.kind === 'holding') return false
  if (record.kind === 'transfer_in') return !matched
  return true
}

/** Transactions handled between chances to pause. */
const STEP = 512

/**
 * How the transactions about to be imported would be valued with the prices stored now (V1): a
 * count per price source, and each one's value for the preview. Matching transfers within the file
 * need no value. Yields where the caller may pause.
 */
export function* valueSteps(
  records: readonly TxRecord[],
  market: MarketReads
): Generator<void, { valuation: ImportResult['valuation']; priced: Transaction['priced'][] }, undefined> {
  const txs: LedgerTx[] = []
  for (let id = 0; id < records.length; id += 1) {
    txs.push(toLedgerTx({ ...(records[id] as TxRecord), id }))
    if (id % STEP === STEP - 1) yield
  }
  const coins = new Set<string>()
  let first = Infinity
  for (const tx of txs) {
    for (const leg of [tx.asset, tx.quote, tx.fee]) if (leg?.coinId) coins.add(leg.coinId)
    first = Math.min(first, dayOfTimestamp(tx.at))
  }
  const book = loadPriceBook(market, coins, first - AS_OF_LIMIT_DAYS)
  yield
  const ordered = [...txs].sort((a, b) => a.at - b.at || a.id - b.id)
  const moves = matchTransfers(ordered)
  yield
  const valuation = { file: 0, trade: 0, market: 0, unknown: 0, none: 0 }
  const price = decimalPrices((coin, day) => book.at(coin, day))
  const priced: Transaction['priced'][] = []
  for (let i = 0; i < txs.length; i += 1) {
    if (i % STEP === STEP - 1) yield
    const tx = txs[i] as LedgerTx
    const record = records[i] as TxRecord
    const v: TxValue = priceTransaction(tx, price)
    const feeMissing = tx.fee !== null && !isFiat(tx.fee.symbol) && v.feeValue === null
    const needed = needsValue(record, moves.has(tx.id))
    const missing = (needed && v.value === null) || feeMissing
    if (!needed && !feeMissing) valuation.none += 1
    else if (missing) valuation.unknown += 1
    else if (v.source === 'file' || v.source === 'user') valuation.file += 1
    else if (v.source === 'trade') valuation.trade += 1
    else valuation.market += 1
    priced.push({
      value: v.value === null ? null : formatDecimal(v.value),
      source: v.source,
      feeValue: v.feeValue === null ? null : formatDecimal(v.feeValue),
      feeSource: v.feeSource,
      missing,
      missingValue: needed && v.value === null,
      missingFee: feeMissing
    })
  }
  return { valuation, priced }
}
