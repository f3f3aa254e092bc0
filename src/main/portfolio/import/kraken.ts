import { RowError, fingerprinter, parseAmount, parseTimestamp, symbolText } from './fields'
import type { CsvRecord } from './csv'
import { isPairedType, krakenSymbol, singleEntry, tradeOf } from './kraken-ledger'
import type { KrakenEntry, KrakenTx } from './kraken-ledger'
import type { FormatSpec, ParsedTx } from './types'
import { cellOf } from './types'

export { krakenSymbol }

/**
 * Kraken's ledger export (History → Export → Ledgers, `ledgers.csv`), with or without the newer
 * `wallet` column. Both legs of a trade share a `refid`; fees are in the `fee` column of the leg
 * whose asset paid them. Rows without a txid are pending duplicates Kraken writes and are skipped.
 * The entries are read by kraken-ledger.ts, as the API's are.
 */
export const krakenFormat: FormatSpec = {
  id: 'kraken',
  required: ['txid', 'refid', 'time', 'type', 'asset', 'amount', 'fee'],
  signature: ['txid', 'refid', 'aclass', 'amount'],
  reader(context) {
    const fp = fingerprinter('kraken')
    const transactions: ParsedTx[] = []
    let skipped = 0
    const pairs = new Map<string, { at: number; legs: KrakenEntry[]; line: number }>()
    const parsed = (line: number, txs: KrakenTx[]): ParsedTx[] =>
      txs.map(({ key, ...tx }) => ({ ...tx, line, fingerprint: fp(key) }))
    return {
      row(record: CsvRecord) {
        const cell = (name: string) => cellOf(context, record, name)
        if (cell('txid') === '') {
          skipped += 1
          return
        }
        const fee = cell('fee') === '' ? 0n : parseAmount(cell('fee'), 'fee')
        if (fee < 0n) throw new RowError('fee is negative')
        const entry: KrakenEntry = {
          id: cell('txid'),
          refid: cell('refid'),
          at: parseTimestamp(cell('time'), context.now, 'time'),
          type: cell('type').toLowerCase(),
          subtype: cell('subtype').toLowerCase(),
          symbol: krakenSymbol(symbolText(cell('asset'), 'asset')),
          amount: parseAmount(cell('amount'), 'amount'),
          fee
        }
        if (isPairedType(entry.type)) {
          if (entry.refid === '') throw new RowError(`a ${entry.type} row needs its refid`)
          let pair = pairs.get(entry.refid)
          if (!pair) pairs.set(entry.refid, (pair = { at: entry.at, legs: [], line: record.line }))
          pair.legs.push(entry)
          pair.line = Math.min(pair.line, record.line)
          return
        }
        const single = singleEntry(entry)
        if (single === null) skipped += 1
        else transactions.push(...parsed(record.line, single))
      },
      finish() {
        const errors: { line: number; reason: string }[] = []
        for (const [refid, pair] of pairs) {
          try {
            transactions.push(...parsed(pair.line, tradeOf(refid, pair.at, pair.legs)))
          } catch (error) {
            if (!(error instanceof RowError)) throw error
            errors.push({ line: pair.line, reason: error.message })
          }
        }
        transactions.sort((a, b) => a.line - b.line)
        return { transactions, errors, skipped }
      }
    }
  }
}
