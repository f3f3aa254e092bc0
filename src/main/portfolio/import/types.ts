import type { TxKind } from '../../../shared/contract/portfolio'
import type { ImportFormat } from '../../../shared/domain'
import type { CsvRecord } from './csv'

/** A transaction read from a file, before its symbols are mapped to provider coins. */
export interface ParsedTx {
  line: number
  fingerprint: string
  kind: TxKind
  at: number
  symbol: string
  quantity: string
  quoteSymbol: string | null
  quoteQuantity: string | null
  feeSymbol: string | null
  feeQuantity: string | null
  valueUsd: string | null
  note: string | null
  /**
   * The exchange's own id of what the row records, where the export carries one, prefixed as the
   * API sync writes it ("trade:…", "deposit:…"): the same transaction from the API is then stored once.
   */
  externalId?: string
}

export interface FormatOutput {
  transactions: ParsedTx[]
  errors: { line: number; reason: string }[]
  /** Records that hold nothing to track: fiat-only movements, moves between one exchange's own accounts. */
  skipped: number
}

export interface FormatContext {
  /** Column index by normalized header name. */
  columns: Map<string, number>
  now: number
}

/**
 * Reads a file's records one at a time, so a long file can be read in slices with other work in
 * between (read-export.ts), then puts together what needs several rows (a trade's legs).
 */
export interface FormatReader {
  /** Reads one record; a RowError thrown here is reported on the record's line. */
  row(record: CsvRecord): void
  /** After the last record: the transactions, the errors found across rows, and what was skipped. */
  finish(): FormatOutput
}

export interface FormatSpec {
  id: ImportFormat
  /** Normalized header names that must all be present. */
  required: readonly string[]
  /** Headers that identify the format when auto-detecting (a subset of required is enough). */
  signature: readonly string[]
  reader(context: FormatContext): FormatReader
}

export function cellOf(context: FormatContext, record: CsvRecord, name: string): string {
  const index = context.columns.get(name)
  return index === undefined ? '' : (record.cells[index] ?? '').trim()
}

export function emptyTx(
  line: number,
  fingerprint: string,
  kind: TxKind,
  at: number,
  symbol: string,
  quantity: string
): ParsedTx {
  return {
    line,
    fingerprint,
    kind,
    at,
    symbol,
    quantity,
    quoteSymbol: null,
    quoteQuantity: null,
    feeSymbol: null,
    feeQuantity: null,
    valueUsd: null,
    note: null
  }
}
