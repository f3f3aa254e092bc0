import { isFiat } from '../assets'
import type { Decimal } from '../decimal'
import { excerpt } from '../../../shared/text'
import { RowError, amountText, fingerprinter, parseAmount, parseTimestamp, symbolText } from './fields'
import type { CsvRecord } from './csv'
import type { FormatSpec, ParsedTx } from './types'
import { cellOf, emptyTx } from './types'

/** Legs of one trade, which Binance writes as several rows sharing the same second. */
const TRADE = new Set([
  'buy',
  'sell',
  'transaction buy',
  'transaction spend',
  'transaction sold',
  'transaction revenue',
  'transaction related',
  'binance convert',
  'large otc trading',
  'small assets exchange bnb',
  'fee',
  'transaction fee'
])
const FEE = new Set(['fee', 'transaction fee'])
const INCOME = new Set([
  'simple earn flexible interest',
  'simple earn locked rewards',
  'staking rewards',
  'eth 2.0 staking rewards',
  'distribution',
  'airdrop assets',
  'commission history',
  'referral kickback',
  'referral commission',
  'commission rebate',
  'cash voucher distribution',
  'launchpool interest',
  'launchpool airdrop',
  'savings interest',
  'pos savings interest',
  'bnb vault rewards',
  'megadrop rewards'
])
// Moves between the user's own Binance accounts (spot, funding, earn): nothing enters or leaves.
const INTERNAL = new Set([
  'transfer between main and funding wallet',
  'transfer between spot account and funding account',
  'transfer funds to spot',
  'transfer funds to funding wallet',
  'main and funding account transfer',
  'simple earn flexible subscription',
  'simple earn flexible redemption',
  'simple earn locked subscription',
  'simple earn locked redemption',
  'staking purchase',
  'staking redemption',
  'savings purchase',
  'savings principal redemption',
  'pos savings purchase',
  'pos savings redemption',
  'eth 2.0 staking'
])

/**
 * Binance's spot "Transaction History" export (Orders → Transaction History → Export, CSV):
 * one row per balance change. A trade is several rows with the same UTC_Time and account (what was
 * spent, what was bought, the fee), which are put back together here.
 */
export const binanceFormat: FormatSpec = {
  id: 'binance',
  required: ['utc_time', 'account', 'operation', 'coin', 'change'],
  signature: ['utc_time', 'operation', 'coin', 'change'],
  reader(context) {
    const fp = fingerprinter('binance')
    const transactions: ParsedTx[] = []
    let skipped = 0
    const groups = new Map<
      string,
      { at: number; rows: { record: CsvRecord; op: string; coin: string; change: Decimal }[] }
    >()
    return {
      row(record) {
        const cell = (name: string) => cellOf(context, record, name)
        const op = cell('operation').toLowerCase().replace(/\s+/g, ' ')
        const at = parseTimestamp(cell('utc_time'), context.now, 'UTC_Time')
        const coin = symbolText(cell('coin'), 'Coin')
        const change = parseAmount(cell('change'), 'Change')
        if (INTERNAL.has(op)) {
          skipped += 1
          return
        }
        if (TRADE.has(op)) {
          const key = `${at}\u001f${cell('account')}`
          let group = groups.get(key)
          if (!group) groups.set(key, (group = { at, rows: [] }))
          group.rows.push({ record, op, coin, change })
          return
        }
        if (change === 0n) throw new RowError('Change is zero')
        const rowKey = record.cells.map((c) => c.trim()).join('\u001f')
        if (isFiat(coin)) {
          skipped += 1
          return
        }
        if (op === 'deposit' || op === 'crypto deposit' || op === 'p2p trading') {
          transactions.push(
            emptyTx(record.line, fp(rowKey), change > 0n ? 'transfer_in' : 'transfer_out', at, coin, amountText(change))
          )
        } else if (op === 'withdraw' || op === 'withdrawal' || op === 'crypto withdrawal') {
          transactions.push(emptyTx(record.line, fp(rowKey), 'transfer_out', at, coin, amountText(change)))
        } else if (INCOME.has(op)) {
          transactions.push(
            emptyTx(record.line, fp(rowKey), change > 0n ? 'income' : 'fee', at, coin, amountText(change))
          )
        } else throw new RowError(`Operation "${excerpt(cell('operation'))}" is not one Seasonwatch knows`)
      },
      finish() {
        const errors: { line: number; reason: string }[] = []
        for (const group of groups.values()) {
          const first = group.rows[0]!.record.line
          try {
            transactions.push(...tradeOf(group.at, group.rows, fp))
          } catch (error) {
            if (!(error instanceof RowError)) throw error
            errors.push({ line: first, reason: error.message })
          }
        }
        transactions.sort((a, b) => a.line - b.line)
        return { transactions, errors, skipped }
      }
    }
  }
}

function tradeOf(
  at: number,
  rows: { record: CsvRecord; op: string; coin: string; change: Decimal }[],
  fp: (key: string) => string
): ParsedTx[] {
  const line = rows[0]!.record.line
  const sum = (filter: (r: (typeof rows)[number]) => boolean) => {
    const totals = new Map<string, Decimal>()
    for (const r of rows) if (filter(r)) totals.set(r.coin, (totals.get(r.coin) ?? 0n) + r.change)
    return [...totals].filter(([, v]) => v !== 0n)
  }
  const fees = sum((r) => FEE.has(r.op))
  const legs = sum((r) => !FEE.has(r.op))
  const received = legs.filter(([, v]) => v > 0n)
  const given = legs.filter(([, v]) => v < 0n)
  const key = rows
    .map((r) => r.record.cells.map((c) => c.trim()).join('\u001f'))
    .sort()
    .join('\u001e')
  const out: ParsedTx[] = []
  if (received.length === 1 && given.length === 1) {
    const [[inCoin, inQty]] = received as [[string, Decimal]]
    const [[outCoin, outQty]] = given as [[string, Decimal]]
    const tx = isFiat(inCoin)
      ? {
          ...emptyTx(line, fp(key), 'sell', at, outCoin, amountText(outQty)),
          quoteSymbol: inCoin,
          quoteQuantity: amountText(inQty)
        }
      : {
          ...emptyTx(line, fp(key), isFiat(outCoin) ? 'buy' : 'trade', at, inCoin, amountText(inQty)),
          quoteSymbol: outCoin,
          quoteQuantity: amountText(outQty)
        }
    out.push(tx)
  } else if (received.length === 0 && given.length === 0 && fees.length === 0) {
    throw new RowError('these trade rows add up to no change')
  } else {
    // Dust conversions and multi-coin fills: each leg stands alone, valued at its day's price.
    for (const [coin, qty] of [...received, ...given]) {
      if (isFiat(coin)) continue
      out.push(emptyTx(line, fp(`${key}\u001f${coin}`), qty > 0n ? 'buy' : 'sell', at, coin, amountText(qty)))
    }
    if (out.length === 0 && fees.length === 0) throw new RowError('a trade with only cash legs has nothing to track')
  }
  const [firstFee, ...moreFees] = fees
  if (firstFee && out[0]) {
    out[0].feeSymbol = firstFee[0]
    out[0].feeQuantity = amountText(firstFee[1])
  }
  for (const [coin, qty] of out[0] ? moreFees : fees)
    out.push(emptyTx(line, fp(`${key}\u001ffee\u001f${coin}`), 'fee', at, coin, amountText(qty)))
  return out
}
