import type { Database } from 'better-sqlite3'
import type { Transaction, TxKind } from '../../shared/contract/portfolio'
import { dayOfTimestamp, isoDateOfDay } from '../../shared/dates'

/** A transaction ready to store: amounts already checked to be exact decimal text. */
export interface TxRecord {
  kind: TxKind
  at: number
  symbol: string
  coinId: string | null
  quantity: string
  quoteSymbol: string | null
  quoteCoinId: string | null
  quoteQuantity: string | null
  feeSymbol: string | null
  feeCoinId: string | null
  feeQuantity: string | null
  valueUsd: string | null
  /** Who stated valueUsd: the imported file or the user; null without a value. */
  valueSource: 'file' | 'user' | null
  /** A fee value the user entered. */
  feeValueUsd: string | null
  note: string | null
  source: string
  line: number | null
}

export interface StoredTx extends TxRecord {
  id: number
}

interface Row {
  id: number
  kind: TxKind
  at: number
  symbol: string
  coin_id: string | null
  quantity: string
  quote_symbol: string | null
  quote_coin_id: string | null
  quote_quantity: string | null
  fee_symbol: string | null
  fee_coin_id: string | null
  fee_quantity: string | null
  value_usd: string | null
  value_source: 'file' | 'user' | null
  fee_value_usd: string | null
  note: string | null
  source: string
  line: number | null
}

/**
 * Rows readers may see: those of no import, or of an import that is done. An import's rows are
 * written in slices while it is 'staging' and all appear at once when it is published
 * (import-staging.ts); every read below filters with this.
 */
export const VISIBLE = `(import_id IS NULL OR import_id NOT IN (SELECT id FROM portfolio_imports WHERE state <> 'done'))`

const COLUMNS =
  'id, kind, at, symbol, coin_id, quantity, quote_symbol, quote_coin_id, quote_quantity, fee_symbol, fee_coin_id, fee_quantity, value_usd, value_source, fee_value_usd, note, source, line'

function fromRow(row: Row): StoredTx {
  return {
    id: row.id,
    kind: row.kind,
    at: row.at,
    symbol: row.symbol,
    coinId: row.coin_id,
    quantity: row.quantity,
    quoteSymbol: row.quote_symbol,
    quoteCoinId: row.quote_coin_id,
    quoteQuantity: row.quote_quantity,
    feeSymbol: row.fee_symbol,
    feeCoinId: row.fee_coin_id,
    feeQuantity: row.fee_quantity,
    valueUsd: row.value_usd,
    valueSource: row.value_source,
    feeValueUsd: row.fee_value_usd,
    note: row.note,
    source: row.source,
    line: row.line
  }
}

/** A transaction as the contract shows it, before the ledger adds how it is priced. */
export type UnpricedTransaction = Omit<Transaction, 'priced'>

export function toContract(tx: StoredTx): UnpricedTransaction
export function toContract(tx: TxRecord): Omit<UnpricedTransaction, 'id'>
export function toContract(tx: TxRecord & { id?: number }): UnpricedTransaction | Omit<UnpricedTransaction, 'id'> {
  const { at, ...rest } = tx
  return { ...rest, at: new Date(at).toISOString(), date: isoDateOfDay(dayOfTimestamp(at)) }
}

/** The columns the ledger reads, as raw rows: a 100,000-row ledger loads without an object per row. */
export type LedgerRow = [
  id: number,
  kind: TxKind,
  at: number,
  symbol: string,
  coinId: string | null,
  quantity: string,
  quoteSymbol: string | null,
  quoteCoinId: string | null,
  quoteQuantity: string | null,
  feeSymbol: string | null,
  feeCoinId: string | null,
  feeQuantity: string | null,
  valueUsd: string | null,
  valueSource: 'file' | 'user' | null,
  feeValueUsd: string | null
]

/** Every transaction as the ledger reads it, in the order it applies them: by time, then by insertion. */
export function ledgerRows(db: Database): LedgerRow[] {
  return db
    .prepare<[], LedgerRow>(
      `SELECT id, kind, at, symbol, coin_id, quantity, quote_symbol, quote_coin_id, quote_quantity, fee_symbol, fee_coin_id,
         fee_quantity, value_usd, value_source, fee_value_usd FROM portfolio_transactions WHERE ${VISIBLE} ORDER BY at, id`
    )
    .raw()
    .all()
}

/** The notes of the income transactions (the income report shows them). */
export function incomeNotes(db: Database): Map<number, string | null> {
  const rows = db
    .prepare<[], [number, string | null]>(
      `SELECT id, note FROM portfolio_transactions WHERE kind = 'income' AND ${VISIBLE}`
    )
    .raw()
    .all()
  return new Map(rows)
}

/** Every transaction in the order the ledger applies them: by time, then by insertion. */
export function allTransactions(db: Database): StoredTx[] {
  return db
    .prepare<[], Row>(`SELECT ${COLUMNS} FROM portfolio_transactions WHERE ${VISIBLE} ORDER BY at, id`)
    .all()
    .map(fromRow)
}

export function listTransactions(
  db: Database,
  limit: number,
  offset: number
): { total: number; transactions: StoredTx[] } {
  const total =
    db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM portfolio_transactions WHERE ${VISIBLE}`).get()?.n ?? 0
  const rows = db
    .prepare<[number, number], Row>(
      `SELECT ${COLUMNS} FROM portfolio_transactions WHERE ${VISIBLE} ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`
    )
    .all(limit, offset)
  return { total, transactions: rows.map(fromRow) }
}

export function getTransaction(db: Database, id: number): StoredTx | null {
  const row = db
    .prepare<[number], Row>(`SELECT ${COLUMNS} FROM portfolio_transactions WHERE id = ? AND ${VISIBLE}`)
    .get(id)
  return row ? fromRow(row) : null
}

/** Prepared once per call site: a bulk import inserts many rows through the same statement. */
export function prepareInsert(
  db: Database
): (
  tx: TxRecord,
  extra: { importId: number | null; fingerprint: string | null; externalId?: string | null; now: number }
) => number | null {
  const statement = db.prepare(
    `INSERT INTO portfolio_transactions
       (kind, at, day, symbol, coin_id, quantity, quote_symbol, quote_coin_id, quote_quantity, fee_symbol, fee_coin_id, fee_quantity,
        value_usd, value_source, fee_value_usd, note, source, import_id, fingerprint, external_id, line, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`
  )
  return (tx, extra) => {
    const info = statement.run(
      ...contentColumns(tx),
      tx.source,
      extra.importId,
      extra.fingerprint,
      extra.externalId ?? null,
      tx.line,
      extra.now,
      extra.now
    )
    return info.changes === 1 ? Number(info.lastInsertRowid) : null
  }
}

/**
 * What a transaction says, in the column order both the insert and the update name them
 * (kind … note); source, import and timestamps follow separately.
 */
function contentColumns(tx: TxRecord) {
  return [
    tx.kind,
    tx.at,
    dayOfTimestamp(tx.at),
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
    tx.valueUsd === null ? null : tx.valueSource,
    tx.feeValueUsd,
    tx.note
  ] as const
}

export function updateTransaction(db: Database, id: number, tx: TxRecord, now: number): boolean {
  const info = db
    .prepare(
      `UPDATE portfolio_transactions SET kind = ?, at = ?, day = ?, symbol = ?, coin_id = ?, quantity = ?, quote_symbol = ?, quote_coin_id = ?,
         quote_quantity = ?, fee_symbol = ?, fee_coin_id = ?, fee_quantity = ?, value_usd = ?, value_source = ?, fee_value_usd = ?,
         note = ?, updated_at = ? WHERE id = ?`
    )
    .run(...contentColumns(tx), now, id)
  return info.changes === 1
}

/** Sets (or with null, clears) the USD values the user entered for a transaction and its fee. */
export function setValues(
  db: Database,
  id: number,
  valueUsd: string | null,
  feeValueUsd: string | null,
  now: number
): boolean {
  const info = db
    .prepare(
      `UPDATE portfolio_transactions SET value_usd = ?, value_source = ?, fee_value_usd = ?, updated_at = ? WHERE id = ?`
    )
    .run(valueUsd, valueUsd === null ? null : 'user', feeValueUsd, now, id)
  return info.changes === 1
}

/** Sets (or with null, clears) only the fee value the user entered, keeping the transaction's value as it is. */
export function setFeeValue(db: Database, id: number, feeValueUsd: string | null, now: number): boolean {
  const info = db
    .prepare('UPDATE portfolio_transactions SET fee_value_usd = ?, updated_at = ? WHERE id = ?')
    .run(feeValueUsd, now, id)
  return info.changes === 1
}

export function deleteTransaction(db: Database, id: number): boolean {
  return db.prepare(`DELETE FROM portfolio_transactions WHERE id = ? AND ${VISIBLE}`).run(id).changes === 1
}

export function existingFingerprints(db: Database, fingerprints: readonly string[]): Set<string> {
  const found = new Set<string>()
  const stored =
    db
      .prepare<[], { n: number }>(
        `SELECT count(*) AS n FROM portfolio_transactions WHERE fingerprint IS NOT NULL AND ${VISIBLE}`
      )
      .get()?.n ?? 0
  if (stored === 0) return found
  if (stored <= fingerprints.length * 4) {
    // Reading every stored fingerprint once beats one lookup per row for files of this size.
    const all = new Set(
      db
        .prepare<[], { fingerprint: string }>(
          `SELECT fingerprint FROM portfolio_transactions WHERE fingerprint IS NOT NULL AND ${VISIBLE}`
        )
        .pluck()
        .all() as unknown as string[]
    )
    for (const fp of fingerprints) if (all.has(fp)) found.add(fp)
    return found
  }
  const statement = db.prepare<[string], { fingerprint: string }>(
    `SELECT fingerprint FROM portfolio_transactions WHERE fingerprint = ? AND ${VISIBLE}`
  )
  for (const fp of fingerprints) if (statement.get(fp)) found.add(fp)
  return found
}

/** Applies a newly chosen coin to the stored legs of one source's symbol that had none. */
export function applyCoinChoice(db: Database, source: string, symbol: string, coinId: string): number {
  let changed = 0
  for (const [symbolColumn, coinColumn] of [
    ['symbol', 'coin_id'],
    ['quote_symbol', 'quote_coin_id'],
    ['fee_symbol', 'fee_coin_id']
  ] as const) {
    changed += db
      .prepare(
        `UPDATE portfolio_transactions SET ${coinColumn} = ? WHERE source = ? AND ${symbolColumn} = ? AND (${coinColumn} IS NULL OR ${coinColumn} <> ?)`
      )
      .run(coinId, source, symbol, coinId).changes
  }
  return changed
}

/** (source, symbol) pairs whose legs have no provider coin yet; cash legs never get one. */
export function unmatchedSymbols(db: Database): { source: string; symbol: string }[] {
  return db
    .prepare<[], { source: string; symbol: string }>(
      `SELECT source, symbol FROM portfolio_transactions WHERE coin_id IS NULL AND ${VISIBLE}
       UNION SELECT source, quote_symbol FROM portfolio_transactions WHERE quote_symbol IS NOT NULL AND quote_coin_id IS NULL AND ${VISIBLE}
       UNION SELECT source, fee_symbol FROM portfolio_transactions WHERE fee_symbol IS NOT NULL AND fee_coin_id IS NULL AND ${VISIBLE}
       ORDER BY 2, 1`
    )
    .all()
}

/** Every coin the user holds or held (any leg of any transaction), with the UTC day it first appears. */
export function coinsWithFirstDay(db: Database): { coinId: string; fromDay: number }[] {
  return db
    .prepare<[], { coinId: string; fromDay: number }>(
      `SELECT coin_id AS coinId, min(day) AS fromDay FROM (
         SELECT coin_id, day FROM portfolio_transactions WHERE coin_id IS NOT NULL AND ${VISIBLE}
         UNION ALL SELECT quote_coin_id, day FROM portfolio_transactions WHERE quote_coin_id IS NOT NULL AND ${VISIBLE}
         UNION ALL SELECT fee_coin_id, day FROM portfolio_transactions WHERE fee_coin_id IS NOT NULL AND ${VISIBLE}
       ) GROUP BY coin_id ORDER BY coin_id`
    )
    .all()
}

/** The exchange ids among these that are already stored for the source. */
export function existingExternalIds(db: Database, source: string, ids: readonly string[]): Set<string> {
  const found = new Set<string>()
  if (ids.length === 0) return found
  const statement = db.prepare<[string, string], { n: number }>(
    'SELECT 1 AS n FROM portfolio_transactions WHERE source = ? AND external_id = ?'
  )
  for (const id of ids) if (statement.get(source, id)) found.add(id)
  return found
}
