import type { TxKind } from '../../../shared/contract/portfolio'
import { txKinds } from '../../../shared/contract/portfolio'
import { excerpt } from '../../../shared/text'
import { RowError, amountText, fingerprinter, noteText, parseAmount, parseTimestamp } from './fields'
import type { FormatSpec, ParsedTx } from './types'
import { cellOf, emptyTx } from './types'

const aliases: Record<string, TxKind> = {
  deposit: 'transfer_in',
  receive: 'transfer_in',
  withdrawal: 'transfer_out',
  withdraw: 'transfer_out',
  send: 'transfer_out',
  staking: 'income',
  airdrop: 'income',
  interest: 'income',
  reward: 'income',
  convert: 'trade'
}

const SYMBOL = /^[A-Za-z0-9.$-]{1,20}$/

function symbolOf(raw: string, what: string): string {
  const symbol = raw.trim().toUpperCase()
  if (!SYMBOL.test(symbol)) throw new RowError(`${what} "${excerpt(raw)}" is not a ticker such as BTC`)
  return symbol
}

/** The documented format for everything else: one transaction per row (docs/import-formats.md). */
export const genericFormat: FormatSpec = {
  id: 'generic',
  required: ['date', 'type', 'asset', 'quantity'],
  signature: ['date', 'type', 'asset', 'quantity'],
  reader(context) {
    const fp = fingerprinter('generic')
    const transactions: ParsedTx[] = []
    return {
      row(record) {
        const cell = (name: string) => cellOf(context, record, name)
        const rawType = cell('type')
          .toLowerCase()
          .replace(/[\s-]+/g, '_')
        const kind = (txKinds as readonly string[]).includes(rawType) ? (rawType as TxKind) : aliases[rawType]
        if (!kind) throw new RowError(`type "${excerpt(cell('type'))}" is not one of ${txKinds.join(', ')}`)
        const at = parseTimestamp(cell('date'), context.now)
        const quantity = parseAmount(cell('quantity'), 'quantity')
        if (quantity < 0n) throw new RowError('quantity must not be negative; the type says which way it moves')
        if (quantity === 0n && kind !== 'holding') throw new RowError('quantity is zero')
        const tx = emptyTx(
          record.line,
          fp(record.cells.map((c) => c.trim()).join('\u001f')),
          kind,
          at,
          symbolOf(cell('asset'), 'asset'),
          amountText(quantity)
        )
        if (cell('quote_asset') !== '' || cell('quote_quantity') !== '') {
          tx.quoteSymbol = symbolOf(cell('quote_asset'), 'quote_asset')
          const q = parseAmount(cell('quote_quantity'), 'quote_quantity')
          if (q <= 0n) throw new RowError('quote_quantity must be more than zero')
          tx.quoteQuantity = amountText(q)
        } else if (kind === 'trade')
          throw new RowError('a trade needs quote_asset and quote_quantity (what was given for the asset)')
        if (cell('fee_asset') !== '' || cell('fee_quantity') !== '') {
          tx.feeSymbol = symbolOf(cell('fee_asset'), 'fee_asset')
          const f = parseAmount(cell('fee_quantity'), 'fee_quantity')
          if (f < 0n) throw new RowError('fee_quantity must not be negative')
          if (f > 0n) tx.feeQuantity = amountText(f)
          else tx.feeSymbol = null
        }
        if (cell('value_usd') !== '') {
          const v = parseAmount(cell('value_usd'), 'value_usd')
          if (v < 0n) throw new RowError('value_usd must not be negative')
          tx.valueUsd = amountText(v)
        }
        tx.note = noteText(cell('note'))
        transactions.push(tx)
      },
      finish: () => ({ transactions, errors: [], skipped: 0 })
    }
  }
}
