import type { Database } from 'better-sqlite3'
import type { AssetChoice, ImportFormat, ImportResult } from '../../shared/contract/portfolio'
import { AppError } from '../../shared/errors'
import { UnknownCoinError, isFiat, rememberChoice, resolveSymbols } from './assets'
import { FileRejected, readExport } from './import/read-export'
import type { ParsedTx } from './import/types'
import { apiTwinOf } from './external-import'
import { existingExternalIds, existingFingerprints, prepareInsert, toContract } from './transactions-repo'
import type { TxRecord } from './transactions-repo'
import { valueRecords, withoutCashAsset } from './import-valuation'
import type { Transaction } from '../../shared/contract/portfolio'

type Priced = Transaction['priced']
import type { MarketReads } from '../market/market-reads'

export interface ImportInput {
  text: string
  format?: ImportFormat
  fileName?: string
  mappings?: Record<string, string>
}

const SAMPLE_SIZE = 25

interface Plan {
  result: ImportResult
  records: { tx: TxRecord; fingerprint: string; externalId: string | null }[]
}

/** Parses, maps symbols and checks for rows already stored; writes nothing. */
function plan(db: Database, market: MarketReads, input: ImportInput, now: number): Plan {
  let read
  try {
    read = readExport(input.text, now, input.format)
  } catch (error) {
    if (!(error instanceof FileRejected)) throw error
    const result: ImportResult = {
      format: error.format,
      rows: 0,
      imported: 0,
      duplicates: 0,
      skipped: 0,
      errors: [{ line: error.line, reason: error.message }],
      assets: [],
      sample: [],
      valuation: { file: 0, trade: 0, market: 0, unknown: 0, none: 0 },
      dryRun: true
    }
    return { result, records: [] }
  }
  const source = read.format
  // L5: cash alone is not a holding; a cash row with a coin on its other side is that coin's trade.
  const transactions: ParsedTx[] = []
  let cashOnly = 0
  for (const parsed of read.transactions) {
    const tx = withoutCashAsset(parsed)
    if (tx === null) cashOnly += 1
    else transactions.push(tx)
  }
  const mappings = Object.fromEntries(Object.entries(input.mappings ?? {}).map(([k, v]) => [k.toUpperCase(), v]))
  const symbols = new Set<string>()
  for (const tx of transactions) {
    symbols.add(tx.symbol)
    if (tx.quoteSymbol) symbols.add(tx.quoteSymbol)
    if (tx.feeSymbol) symbols.add(tx.feeSymbol)
  }
  let choices: Map<string, AssetChoice>
  try {
    choices = resolveSymbols(db, market, source, symbols, mappings)
  } catch (error) {
    if (error instanceof UnknownCoinError)
      throw new AppError('VALIDATION', `${error.message}. Choose one of the coins offered for ${error.symbol}.`)
    throw error
  }
  const coinOf = (symbol: string | null) =>
    symbol === null || isFiat(symbol) ? null : (choices.get(symbol)?.coinId ?? null)
  const existing = existingFingerprints(
    db,
    transactions.map((t) => t.fingerprint)
  )
  // Rows an exchange connection already brought in (docs/connections.md, "Stored once").
  const fromApi = existingExternalIds(
    db,
    source,
    transactions.flatMap((t) => (t.externalId ? [t.externalId] : []))
  )
  const twin = source === 'binance' ? apiTwinOf(db, source) : () => false
  const records: Plan['records'] = []
  let duplicates = 0
  for (const parsed of transactions) {
    if (
      existing.has(parsed.fingerprint) ||
      (parsed.externalId !== undefined && fromApi.has(parsed.externalId)) ||
      twin(parsed)
    ) {
      duplicates += 1
      continue
    }
    records.push({
      tx: toRecord(parsed, source, coinOf),
      fingerprint: parsed.fingerprint,
      externalId: parsed.externalId ?? null
    })
  }
  const valued = valueRecords(
    records.map((r) => r.tx),
    market
  )
  const result: ImportResult = {
    format: read.format,
    rows: read.rows,
    imported: records.length,
    duplicates,
    skipped: read.skipped + cashOnly,
    errors: read.errors,
    assets: [...choices.values()].sort((a, b) => a.symbol.localeCompare(b.symbol)),
    sample: records.slice(0, SAMPLE_SIZE).map((r, i) => ({ ...toContract(r.tx), priced: valued.priced[i] as Priced })),
    valuation: valued.valuation,
    dryRun: true
  }
  return { result, records }
}

function toRecord(parsed: ParsedTx, source: string, coinOf: (symbol: string | null) => string | null): TxRecord {
  return {
    kind: parsed.kind,
    at: parsed.at,
    symbol: parsed.symbol,
    coinId: coinOf(parsed.symbol),
    quantity: parsed.quantity,
    quoteSymbol: parsed.quoteSymbol,
    quoteCoinId: coinOf(parsed.quoteSymbol),
    quoteQuantity: parsed.quoteQuantity,
    feeSymbol: parsed.feeSymbol,
    feeCoinId: coinOf(parsed.feeSymbol),
    feeQuantity: parsed.feeQuantity,
    valueUsd: parsed.valueUsd,
    valueSource: parsed.valueUsd === null ? null : 'file',
    feeValueUsd: null,
    note: parsed.note,
    source,
    line: parsed.line
  }
}

export function previewImport(db: Database, market: MarketReads, input: ImportInput, now: number): ImportResult {
  return plan(db, market, input, now).result
}

/**
 * Imports every row or none: a file with any invalid row, or with a symbol that names several
 * coins and was not resolved, is refused before anything is written. Rows already stored (same
 * fingerprint) are counted as duplicates and skipped.
 */
export function confirmImport(db: Database, market: MarketReads, input: ImportInput, now: number): ImportResult {
  const { result, records } = plan(db, market, input, now)
  if (result.errors.length > 0) {
    const first = result.errors
      .slice(0, 3)
      .map((e) => `line ${e.line}: ${e.reason}`)
      .join('; ')
    throw new AppError(
      'VALIDATION',
      `${result.errors.length} row${result.errors.length > 1 ? 's have' : ' has'} errors, so nothing was imported (${first}).`
    )
  }
  const ambiguous = result.assets.filter((a) => a.status === 'ambiguous')
  if (ambiguous.length > 0) {
    const list = ambiguous.map((a) => `${a.symbol} (${a.candidates.map((c) => c.id).join(', ')})`).join('; ')
    throw new AppError(
      'VALIDATION',
      `Choose which coin each of these symbols means before importing: ${list}. Nothing was imported.`
    )
  }
  const insert = prepareInsert(db)
  db.transaction(() => {
    for (const [symbol, coinId] of Object.entries(input.mappings ?? {})) {
      if (result.assets.some((a) => a.symbol === symbol.toUpperCase()))
        rememberChoice(db, result.format, symbol, coinId, now)
    }
    const importId = Number(
      db
        .prepare(
          'INSERT INTO portfolio_imports (format, file_name, rows, imported, duplicates, imported_at) VALUES (?, ?, ?, ?, ?, ?)'
        )
        .run(result.format, input.fileName ?? null, result.rows, records.length, result.duplicates, now).lastInsertRowid
    )
    for (const record of records)
      insert(record.tx, { importId, fingerprint: record.fingerprint, externalId: record.externalId, now })
  })()
  return { ...result, dryRun: false }
}
