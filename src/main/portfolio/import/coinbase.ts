import { isFiat } from '../assets'
import { excerpt } from '../../../shared/text'
import type { CsvRecord } from './csv'
import { RowError, amountText, fingerprinter, noteText, parseAmount, parseTimestamp, symbolText } from './fields'
import type { FormatContext, FormatSpec, ParsedTx } from './types'
import { cellOf, emptyTx } from './types'

const BUY = new Set(['buy', 'advanced trade buy', 'advance trade buy'])
const SELL = new Set(['sell', 'advanced trade sell', 'advance trade sell'])
const SEND = new Set(['send', 'withdrawal', 'exchange deposit', 'pro deposit'])
const RECEIVE = new Set(['receive', 'deposit', 'exchange withdrawal', 'pro withdrawal'])
const INCOME = new Set([
  'rewards income',
  'staking income',
  'learning reward',
  'coinbase earn',
  'inflation reward',
  'interest',
  'reward',
  'incentives rewards payout',
  'airdrop'
])
// Moves between the user's own Coinbase balances: the coins never leave the account.
const INTERNAL = new Set([
  'retail staking transfer',
  'retail unstaking transfer',
  'retail eth2 deprecation',
  'subscription',
  'unsubscription'
])

const CONVERTED = /^Converted ([\d.,]+(?:e-?\d+)?) (\S+) to ([\d.,]+(?:e-?\d+)?) (\S+)/i

/**
 * Coinbase's "Transaction history" report (Statements → Generate report → CSV). It starts with a
 * few lines of text before the header; both the 2023 header (Spot Price Currency…) and the 2024
 * one (ID, …, Price Currency…) are read. Amounts carry a currency sign and thousands separators.
 */
export const coinbaseFormat: FormatSpec = {
  id: 'coinbase',
  required: [
    'timestamp',
    'transaction type',
    'asset',
    'quantity transacted',
    'subtotal',
    'total (inclusive of fees and/or spread)',
    'fees and/or spread'
  ],
  signature: ['transaction type', 'quantity transacted', 'total (inclusive of fees and/or spread)'],
  reader(context) {
    const fp = fingerprinter('coinbase')
    const transactions: ParsedTx[] = []
    let skipped = 0
    const currencyColumn = context.columns.has('price currency') ? 'price currency' : 'spot price currency'
    return {
      row(record) {
        const tx = parseRow(context, record, currencyColumn, fp)
        if (tx === null) skipped += 1
        else transactions.push(tx)
      },
      finish: () => ({ transactions, errors: [], skipped })
    }
  }
}

function parseRow(
  context: FormatContext,
  record: CsvRecord,
  currencyColumn: string,
  fp: (key: string) => string
): ParsedTx | null {
  const cell = (name: string) => cellOf(context, record, name)
  const type = cell('transaction type').toLowerCase()
  const at = parseTimestamp(cell('timestamp'), context.now, 'Timestamp')
  const asset = symbolText(cell('asset'), 'Asset')
  const quantity = parseAmount(cell('quantity transacted'), 'Quantity Transacted')
  const currency = symbolText(cell(currencyColumn) || 'USD', 'Price Currency')
  const key = record.cells.map((c) => c.trim()).join('\u001f')
  const money = (name: string, label: string) => (cell(name) === '' ? null : parseAmount(cell(name), label))
  const subtotal = money('subtotal', 'Subtotal')
  const fees = money('fees and/or spread', 'Fees and/or Spread')
  if (INTERNAL.has(type) || isFiat(asset)) return null
  if (quantity === 0n) throw new RowError('Quantity Transacted is zero')
  const tx = emptyTx(record.line, fp(key), 'buy', at, asset, amountText(quantity))
  tx.note = noteText(cell('notes'), 'Notes')
  const withMoney = () => {
    if (subtotal !== null) {
      tx.quoteSymbol = currency
      tx.quoteQuantity = amountText(subtotal)
      if (currency === 'USD') tx.valueUsd = amountText(subtotal)
    }
    if (fees !== null && fees !== 0n) {
      tx.feeSymbol = currency
      tx.feeQuantity = amountText(fees)
    }
  }
  if (BUY.has(type)) withMoney()
  else if (SELL.has(type)) {
    tx.kind = 'sell'
    withMoney()
  } else if (SEND.has(type)) tx.kind = 'transfer_out'
  else if (RECEIVE.has(type)) {
    tx.kind = 'transfer_in'
    // Coinbase states what received coins were worth: the basis of any that did not come from a send.
    if (subtotal !== null && currency === 'USD') tx.valueUsd = amountText(subtotal)
  } else if (INCOME.has(type)) {
    tx.kind = 'income'
    if (subtotal !== null && currency === 'USD') tx.valueUsd = amountText(subtotal)
  } else if (type === 'convert') {
    const m = CONVERTED.exec(cell('notes'))
    if (!m) throw new RowError('a Convert row needs Notes like "Converted 0.5 ETH to 1,000 USDC"')
    tx.kind = 'trade'
    tx.symbol = symbolText(m[4]!, 'converted-to asset')
    tx.quantity = amountText(parseAmount(m[3]!, 'converted-to amount'))
    tx.quoteSymbol = symbolText(m[2]!, 'converted asset')
    tx.quoteQuantity = amountText(parseAmount(m[1]!, 'converted amount'))
    if (subtotal !== null && currency === 'USD') tx.valueUsd = amountText(subtotal)
    if (fees !== null && fees !== 0n) {
      tx.feeSymbol = currency
      tx.feeQuantity = amountText(fees)
    }
  } else throw new RowError(`Transaction Type "${excerpt(cell('transaction type'))}" is not one Seasonwatch knows`)
  return tx
}
