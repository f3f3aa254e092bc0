import type { Database } from 'better-sqlite3'
import type { MarketReads } from '../market/market-reads'
import { isFiat, resolveSymbols } from './assets'
import { formatDecimal, parseDecimal } from './decimal'
import { withoutCashAsset } from './import-valuation'
import type { ParsedTx } from './import/types'
import { prepareInsert } from './transactions-repo'
import type { TxRecord } from './transactions-repo'

/** A transaction an exchange's API reported, with the exchange's own id. */
export interface ExternalTx extends Omit<ParsedTx, 'line' | 'fingerprint' | 'valueUsd'> {
  externalId: string
  /** The fingerprint a CSV import gives the same transaction (Kraken's ledger ids), so either order stores it once. */
  fingerprint?: string
}

export interface ExternalWrite {
  written: number
  duplicates: number
  /** Cash-only movements (a EUR deposit): not holdings, not stored. */
  skipped: number
}

/**
 * Stores one page of an exchange's transactions in the ledger, as a CSV import would, and runs
 * `alongside` (the cursor's move, the usage count) in the same transaction, so a crash leaves
 * either both or neither. Nothing is awaited inside.
 *
 * The same transaction is stored once (docs/connections.md, "Stored once"):
 * 1. an exchange id already stored for this source is skipped;
 * 2. Binance's and Coinbase's CSV exports carry no id the API knows, so an API fill is taken as
 *    already imported when that export has a trade of the same two assets and direction in the
 *    same second, and an API transfer when it has one of the same asset and direction in the same
 *    second whose quantity is the transfer's, with or without its network fee in the same coin.
 *    Binance's rewards and distributions (income, or a fee where one is taken back) match as its
 *    transfers do: same asset, kind and second, and the same quantity, since the export writes the
 *    API's exact amount and several rewards of one asset can share a second. Where the export
 *    splits a second into legs (several assets bought or given at once, as a conversion of small
 *    balances to BNB is written), an API trade matches the leg of the asset it received or gave.
 * 3. Kraken's export carries its ledger ids: an API row carries the fingerprint the CSV import
 *    gives the same entry, so a row imported either way first is found taken (fingerprints are unique).
 */
/** Sources whose CSV export names no transaction by an id the API reports (docs/connections.md, "Stored once"). */
const EXPORTS_WITHOUT_API_IDS = new Set(['binance', 'coinbase'])
export const exportCarriesNoApiIds = (source: string) => EXPORTS_WITHOUT_API_IDS.has(source)

/**
 * Whether a row is matched with its twin by quantity as well as asset, kind and second: transfers
 * everywhere, and Binance's single-asset rows (its rewards, distributions and their reversals).
 * Coinbase's rewards keep its own rule (docs/connections.md, "Coinbase").
 */
function matchedByQuantity(source: string, kind: string): boolean {
  if (kind === 'transfer_in' || kind === 'transfer_out') return true
  return source === 'binance' && (kind === 'income' || kind === 'fee')
}

/** A transfer's quantity and, where the fee is paid in the same coin, the quantity with its fee. */
function transferQuantities(tx: {
  symbol: string
  quantity: string
  feeSymbol: string | null
  feeQuantity: string | null
}) {
  if (tx.feeSymbol !== tx.symbol || tx.feeQuantity === null) return [tx.quantity, tx.quantity] as const
  return [tx.quantity, formatDecimal(parseDecimal(tx.quantity) + parseDecimal(tx.feeQuantity))] as const
}

/**
 * The legs Binance's export writes for a trade when it splits a second (see the CSV reader): the
 * asset received as a `buy` leg, the asset given as a `sell` leg (cash legs are left out there).
 */
function exportLegsOf(source: string, tx: { kind: string; symbol: string; quoteSymbol: string | null }) {
  if (source !== 'binance') return []
  if (tx.kind === 'sell') return [{ symbol: tx.symbol, kind: 'sell' }]
  if (tx.kind !== 'buy' && tx.kind !== 'trade') return []
  const given = tx.quoteSymbol !== null && !isFiat(tx.quoteSymbol) ? [{ symbol: tx.quoteSymbol, kind: 'sell' }] : []
  return [{ symbol: tx.symbol, kind: 'buy' }, ...given]
}

/** The statements a page's write uses, prepared once per database rather than once per page. */
const statements = new WeakMap<Database, ReturnType<typeof prepareStatements>>()
function statementsOf(db: Database) {
  let prepared = statements.get(db)
  if (!prepared) statements.set(db, (prepared = prepareStatements(db)))
  return prepared
}

function prepareStatements(db: Database) {
  return {
    insert: prepareInsert(db),
    csvTwin: db.prepare<[string, number, number, string, string | null, string], { n: number }>(
      `SELECT count(*) AS n FROM portfolio_transactions
       WHERE +source = ? AND external_id IS NULL AND import_id IS NOT NULL AND at >= ? AND at < ?
         AND +symbol = ? AND quote_symbol IS ? AND kind = ?`
    ),
    csvTransferTwin: db.prepare<[string, number, number, string, string, string, string], { n: number }>(
      `SELECT count(*) AS n FROM portfolio_transactions
       WHERE +source = ? AND external_id IS NULL AND import_id IS NOT NULL AND at >= ? AND at < ?
         AND +symbol = ? AND quantity IN (?, ?) AND kind = ?`
    ),
    csvRows: db.prepare<[string], { n: number }>(
      'SELECT EXISTS (SELECT 1 FROM portfolio_transactions WHERE source = ? AND import_id IS NOT NULL) AS n'
    )
  }
}

export function writeExternal(
  db: Database,
  market: MarketReads,
  source: string,
  page: readonly ExternalTx[],
  now: number,
  alongside: () => void
): ExternalWrite {
  const kept: ExternalTx[] = []
  let skipped = 0
  for (const tx of page) {
    // Most rows name no cash as their asset and are kept as they are.
    if (!isFiat(tx.symbol)) {
      kept.push(tx)
      continue
    }
    const cashless = withoutCashAsset({ ...tx, line: 0, fingerprint: '', valueUsd: null })
    if (cashless === null) skipped += 1
    else kept.push({ ...tx, ...cashless, externalId: tx.externalId, fingerprint: tx.fingerprint })
  }
  const symbols = new Set<string>()
  for (const tx of kept) for (const s of [tx.symbol, tx.quoteSymbol, tx.feeSymbol]) if (s) symbols.add(s)
  const choices = resolveSymbols(db, market, source, symbols)
  const coinOf = (symbol: string | null) =>
    symbol === null || isFiat(symbol) ? null : (choices.get(symbol)?.coinId ?? null)
  const { insert, csvTwin, csvTransferTwin, csvRows } = statementsOf(db)
  // Only a source with CSV rows of its own can have twins; most syncs skip the look-up entirely.
  const hasCsvRows = exportCarriesNoApiIds(source) && csvRows.get(source)!.n === 1
  let written = 0
  let duplicates = 0
  db.transaction(() => {
    for (const tx of kept) {
      const second = Math.floor(tx.at / 1000) * 1000
      const byQuantity = matchedByQuantity(source, tx.kind)
      const twin =
        hasCsvRows &&
        (byQuantity
          ? csvTransferTwin.get(source, second, second + 1000, tx.symbol, ...transferQuantities(tx), tx.kind)!.n > 0
          : csvTwin.get(source, second, second + 1000, tx.symbol, tx.quoteSymbol, tx.kind)!.n > 0 ||
            exportLegsOf(source, tx).some(
              (leg) => csvTwin.get(source, second, second + 1000, leg.symbol, null, leg.kind)!.n > 0
            ))
      const record: TxRecord = {
        kind: tx.kind,
        at: tx.at,
        symbol: tx.symbol,
        coinId: coinOf(tx.symbol),
        quantity: tx.quantity,
        quoteSymbol: tx.quoteSymbol,
        quoteCoinId: coinOf(tx.quoteSymbol),
        quoteQuantity: tx.quoteQuantity,
        feeSymbol: tx.feeSymbol,
        feeCoinId: coinOf(tx.feeSymbol),
        feeQuantity: tx.feeQuantity,
        valueUsd: null,
        valueSource: null,
        feeValueUsd: null,
        note: tx.note,
        source,
        line: null
      }
      if (
        !twin &&
        insert(record, { importId: null, fingerprint: tx.fingerprint ?? null, externalId: tx.externalId, now }) !== null
      )
        written += 1
      else duplicates += 1
    }
    alongside()
  })()
  return { written, duplicates, skipped }
}

/**
 * For a CSV import of an exchange whose export carries no ids the API knows: whether the API has
 * already stored this row, by the same rule as above seen from the other side.
 */
export function apiTwinOf(db: Database, source: string) {
  const trade = db.prepare<[string, number, number, string, string | null, string], { n: number }>(
    `SELECT count(*) AS n FROM portfolio_transactions
     WHERE +source = ? AND external_id IS NOT NULL AND at >= ? AND at < ? AND +symbol = ? AND quote_symbol IS ? AND kind = ?`
  )
  const transfers = db.prepare<
    [string, number, number, string, string],
    { symbol: string; quantity: string; fee_symbol: string | null; fee_quantity: string | null }
  >(
    `SELECT symbol, quantity, fee_symbol, fee_quantity FROM portfolio_transactions
     WHERE +source = ? AND external_id IS NOT NULL AND at >= ? AND at < ? AND +symbol = ? AND kind = ?`
  )
  const received = db.prepare<[string, number, number, string], { n: number }>(
    `SELECT count(*) AS n FROM portfolio_transactions
     WHERE +source = ? AND external_id IS NOT NULL AND at >= ? AND at < ? AND +symbol = ? AND kind IN ('buy', 'trade')`
  )
  const given = db.prepare<[string, number, number, string, string], { n: number }>(
    `SELECT count(*) AS n FROM portfolio_transactions
     WHERE +source = ? AND external_id IS NOT NULL AND at >= ? AND at < ?
       AND ((quote_symbol = ? AND kind IN ('buy', 'trade')) OR (+symbol = ? AND kind = 'sell'))`
  )
  return (tx: ParsedTx): boolean => {
    const second = Math.floor(tx.at / 1000) * 1000
    // A leg of a split second: the API's trade that received or gave that asset then.
    if (source === 'binance' && tx.quoteSymbol === null && tx.kind === 'buy')
      return received.get(source, second, second + 1000, tx.symbol)!.n > 0
    if (source === 'binance' && tx.quoteSymbol === null && tx.kind === 'sell')
      return given.get(source, second, second + 1000, tx.symbol, tx.symbol)!.n > 0
    if (matchedByQuantity(source, tx.kind))
      return transfers.all(source, second, second + 1000, tx.symbol, tx.kind).some((row) =>
        transferQuantities({
          symbol: row.symbol,
          quantity: row.quantity,
          feeSymbol: row.fee_symbol,
          feeQuantity: row.fee_quantity
        }).some((q) => parseDecimal(q) === parseDecimal(tx.quantity))
      )
    return trade.get(source, second, second + 1000, tx.symbol, tx.quoteSymbol, tx.kind)!.n > 0
  }
}
