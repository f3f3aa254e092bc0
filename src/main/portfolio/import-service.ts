import type { Database } from 'better-sqlite3'
import type { AssetChoice, ImportFormat, ImportResult } from '../../shared/contract/portfolio'
import { AppError } from '../../shared/errors'
import type { Transaction } from '../../shared/contract/portfolio'
import type { MarketReads } from '../market/market-reads'
import { runSteps } from '../ports/time-slices'
import type { Pause } from '../ports/time-slices'
import { UnknownCoinError, isFiat, rememberChoice, resolveSymbols } from './assets'
import { GAP_MS, beginImport, discardImport, publishImport, stageSlice } from './import-staging'
import { FileRejected, readSteps } from './import/read-export'
import type { ParsedTx } from './import/types'
import { apiTwinOf, exportCarriesNoApiIds } from './external-import'
import { valueSteps, withoutCashAsset } from './import-valuation'
import { existingExternalIds, existingFingerprints, prepareInsert, toContract } from './transactions-repo'
import type { TxRecord } from './transactions-repo'

type Priced = Transaction['priced']

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

/** Records handled between chances to pause. */
const STEP = 512

/** Parses, maps symbols and checks for rows already stored; writes nothing. Yields where it may pause. */
function* planSteps(
  db: Database,
  market: MarketReads,
  input: ImportInput,
  now: number
): Generator<void, Plan, undefined> {
  let read
  try {
    read = yield* readSteps(input.text, now, input.format)
  } catch (error) {
    if (!(error instanceof FileRejected)) throw error
    const result: ImportResult = {
      format: error.format,
      rows: 0,
      imported: 0,
      duplicates: 0,
      skipped: 0,
      errors: [{ line: error.line, reason: error.message }],
      errorRows: 1,
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
  yield
  const existing = existingFingerprints(
    db,
    transactions.map((t) => t.fingerprint)
  )
  yield
  // Rows an exchange connection already brought in (docs/connections.md, "Stored once").
  const fromApi = existingExternalIds(
    db,
    source,
    transactions.flatMap((t) => (t.externalId ? [t.externalId] : []))
  )
  const twin = exportCarriesNoApiIds(source) ? apiTwinOf(db, source) : () => false
  const records: Plan['records'] = []
  let duplicates = 0
  for (let i = 0; i < transactions.length; i += 1) {
    const parsed = transactions[i] as ParsedTx
    if (
      existing.has(parsed.fingerprint) ||
      (parsed.externalId !== undefined && fromApi.has(parsed.externalId)) ||
      twin(parsed)
    )
      duplicates += 1
    else
      records.push({
        tx: toRecord(parsed, source, coinOf),
        fingerprint: parsed.fingerprint,
        externalId: parsed.externalId ?? null
      })
    if (i % STEP === STEP - 1) yield
  }
  const valued = yield* valueSteps(
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
    errorRows: read.errorRows,
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

/** What an import would write; writes nothing. With `pause`, gives the event loop turns while it reads. */
export function previewImport(db: Database, market: MarketReads, input: ImportInput, now: number): ImportResult
export function previewImport(
  db: Database,
  market: MarketReads,
  input: ImportInput,
  now: number,
  pause: Pause
): Promise<ImportResult>
export function previewImport(
  db: Database,
  market: MarketReads,
  input: ImportInput,
  now: number,
  pause?: Pause
): ImportResult | Promise<ImportResult> {
  if (!pause) return runSteps(planSteps(db, market, input, now)).result
  return runSteps(planSteps(db, market, input, now), pause).then((p) => p.result)
}

/** Log pages between checkpoints while an import writes (32 MB of 4 KB pages; the default is 1,000). */
const IMPORT_CHECKPOINT_PAGES = 8192

const gap = () => new Promise<void>((resolve) => setTimeout(resolve, GAP_MS))

/**
 * Imports every row or none: a file with any invalid row, or with a symbol that names several
 * coins and was not resolved, is refused before anything is written. Rows already stored (same
 * fingerprint) are counted as duplicates and skipped. The rows are written in short slices that
 * stay invisible until the last step publishes them all (import-staging.ts), so no other write
 * waits long for the lock, and a failure, cancel or crash on the way leaves nothing visible.
 */
export async function confirmImport(
  db: Database,
  market: MarketReads,
  input: ImportInput,
  now: number,
  pause: Pause
): Promise<ImportResult> {
  const { result, records } = await runSteps(planSteps(db, market, input, now), pause)
  if (result.errorRows > 0) {
    const first = result.errors
      .slice(0, 3)
      .map((e) => `line ${e.line}: ${e.reason}`)
      .join('; ')
    throw new AppError(
      'VALIDATION',
      `${result.errorRows} row${result.errorRows > 1 ? 's have' : ' has'} errors, so nothing was imported (${first}).`
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
  const importId = beginImport(db, { format: result.format, fileName: input.fileName ?? null, rows: result.rows }, now)
  let inserted = 0
  // Checkpoints copy the log into the database file and sync it: after every few slices they would
  // cost more than the writes. Fewer while the import runs (none hold the write lock either way).
  const checkpointPages = db.pragma('wal_autocheckpoint', { simple: true }) as number
  db.pragma(`wal_autocheckpoint = ${Math.max(checkpointPages, IMPORT_CHECKPOINT_PAGES)}`)
  try {
    const insert = prepareInsert(db)
    for (let next = 0; next < records.length;) {
      const slice = stageSlice(db, insert, importId, records, next, now)
      next = slice.next
      inserted += slice.inserted
      // Between slices the lock is free: another process's write takes it here.
      if (next < records.length) await gap()
    }
    const duplicates = result.duplicates + (records.length - inserted)
    publishImport(db, importId, { imported: inserted, duplicates }, () => {
      for (const [symbol, coinId] of Object.entries(input.mappings ?? {})) {
        if (result.assets.some((a) => a.symbol === symbol.toUpperCase()))
          rememberChoice(db, result.format, symbol, coinId, now)
      }
    })
    return { ...result, imported: inserted, duplicates, dryRun: false }
  } catch (error) {
    try {
      discardImport(db, importId)
    } catch {
      // The database is busy or gone: the rows stay invisible, and the next import removes them.
    }
    throw error
  } finally {
    if (db.open) db.pragma(`wal_autocheckpoint = ${checkpointPages}`)
    // The import pays for copying its log into the database, not the next writer. A passive
    // checkpoint takes no lock that a writer waits for.
    if (db.open) db.pragma('wal_checkpoint(PASSIVE)')
  }
}
