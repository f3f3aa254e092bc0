import { isFiat } from '../assets'
import type { Decimal } from '../decimal'
import { excerpt } from '../../../shared/text'
import { RowError, amountText, fingerprinter, parseAmount, parseTimestamp, symbolText } from './fields'
import type { CsvRecord } from './csv'
import type { FormatContext, FormatSpec, ParsedTx } from './types'
import { cellOf, emptyTx } from './types'

/** Kraken's legacy asset codes (X… for crypto, Z… for cash) and staking suffixes. */
const LEGACY: Record<string, string> = {
  XXBT: 'BTC',
  XBT: 'BTC',
  XETH: 'ETH',
  ETH2: 'ETH',
  XXDG: 'DOGE',
  XDG: 'DOGE',
  XLTC: 'LTC',
  XXRP: 'XRP',
  XXLM: 'XLM',
  XXMR: 'XMR',
  XZEC: 'ZEC',
  XETC: 'ETC',
  XREP: 'REP',
  XMLN: 'MLN',
  XTZ: 'XTZ',
  ZUSD: 'USD',
  ZEUR: 'EUR',
  ZGBP: 'GBP',
  ZCAD: 'CAD',
  ZJPY: 'JPY',
  ZAUD: 'AUD',
  ZCHF: 'CHF'
}

/** "XXBT" → "BTC", "DOT.S" → "DOT", "ETH2.S" → "ETH", "USDT" → "USDT". */
export function krakenSymbol(code: string): string {
  const base = code
    .trim()
    .toUpperCase()
    .replace(/\.(S|M|F|B|P|HOLD)$/, '')
  return LEGACY[base] ?? base
}

const PAIRED = new Set(['trade', 'spend', 'receive'])
const INTERNAL_SUBTYPES = new Set([
  'spottostaking',
  'stakingfromspot',
  'stakingtospot',
  'spotfromstaking',
  'spottofutures',
  'spotfromfutures',
  'allocation',
  'deallocation',
  'migration',
  'autoallocation'
])

interface Leg {
  record: CsvRecord
  symbol: string
  amount: Decimal
  fee: Decimal
}

/**
 * Kraken's ledger export (History → Export → Ledgers, `ledgers.csv`), with or without the newer
 * `wallet` column. Both legs of a trade share a `refid`; fees are in the `fee` column of the leg
 * whose asset paid them. Rows without a txid are pending duplicates Kraken writes and are skipped.
 */
export const krakenFormat: FormatSpec = {
  id: 'kraken',
  required: ['txid', 'refid', 'time', 'type', 'asset', 'amount', 'fee'],
  signature: ['txid', 'refid', 'aclass', 'amount'],
  reader(context) {
    const fp = fingerprinter('kraken')
    const transactions: ParsedTx[] = []
    let skipped = 0
    const pairs = new Map<string, { at: number; legs: Leg[] }>()
    return {
      row(record) {
        const cell = (name: string) => cellOf(context, record, name)
        if (cell('txid') === '') {
          skipped += 1
          return
        }
        const type = cell('type').toLowerCase()
        const subtype = cell('subtype').toLowerCase()
        const at = parseTimestamp(cell('time'), context.now, 'time')
        const symbol = krakenSymbol(symbolText(cell('asset'), 'asset'))
        const amount = parseAmount(cell('amount'), 'amount')
        const fee = cell('fee') === '' ? 0n : parseAmount(cell('fee'), 'fee')
        if (fee < 0n) throw new RowError('fee is negative')
        const leg: Leg = { record, symbol, amount, fee }
        if (PAIRED.has(type)) {
          const refid = cell('refid')
          if (refid === '') throw new RowError(`a ${type} row needs its refid`)
          let pair = pairs.get(refid)
          if (!pair) pairs.set(refid, (pair = { at, legs: [] }))
          pair.legs.push(leg)
          return
        }
        const single = singleRow(context, leg, type, subtype, at, fp)
        if (single === null) skipped += 1
        else transactions.push(...single)
      },
      finish() {
        const errors: { line: number; reason: string }[] = []
        for (const [refid, pair] of pairs) {
          try {
            transactions.push(...pairOf(refid, pair.at, pair.legs, fp))
          } catch (error) {
            if (!(error instanceof RowError)) throw error
            errors.push({ line: pair.legs[0]!.record.line, reason: error.message })
          }
        }
        transactions.sort((a, b) => a.line - b.line)
        return { transactions, errors, skipped }
      }
    }
  }
}

function singleRow(
  context: FormatContext,
  leg: Leg,
  type: string,
  subtype: string,
  at: number,
  fp: (key: string) => string
): ParsedTx[] | null {
  const txid = cellOf(context, leg.record, 'txid')
  if (isFiat(leg.symbol)) return null
  if (type === 'transfer' && INTERNAL_SUBTYPES.has(subtype)) return null
  if (type === 'earn' && subtype !== 'reward') return null
  if (leg.amount === 0n && leg.fee === 0n) return null
  let kind: ParsedTx['kind']
  if (type === 'deposit') kind = 'transfer_in'
  else if (type === 'withdrawal') kind = 'transfer_out'
  else if (type === 'staking' || type === 'earn' || type === 'dividend' || (type === 'transfer' && subtype === ''))
    kind = leg.amount > 0n ? 'income' : 'fee'
  else if (type === 'adjustment' || type === 'settled' || type === 'rollover' || type === 'margin')
    kind = leg.amount >= 0n ? 'transfer_in' : 'transfer_out'
  else throw new RowError(`type "${excerpt(type)}" is not one Seasonwatch knows`)
  const out: ParsedTx[] = []
  if (leg.amount !== 0n) {
    const tx = emptyTx(leg.record.line, fp(txid), kind, at, leg.symbol, amountText(leg.amount))
    const refid = cellOf(context, leg.record, 'refid')
    if (refid !== '' && (type === 'deposit' || type === 'withdrawal')) tx.externalId = `${type}:${refid}`
    if (leg.fee > 0n) {
      tx.feeSymbol = leg.symbol
      tx.feeQuantity = amountText(leg.fee)
    }
    out.push(tx)
  } else out.push(emptyTx(leg.record.line, fp(txid), 'fee', at, leg.symbol, amountText(leg.fee)))
  return out
}

function pairOf(refid: string, at: number, legs: Leg[], fp: (key: string) => string): ParsedTx[] {
  const given = legs.filter((l) => l.amount < 0n)
  const received = legs.filter((l) => l.amount > 0n)
  if (given.length !== 1 || received.length !== 1) {
    throw new RowError(
      `trade ${excerpt(refid)} should have one leg paid and one received, found ${given.length} and ${received.length}`
    )
  }
  const out = given[0]!
  const inn = received[0]!
  const line = Math.min(out.record.line, inn.record.line)
  const key = refid
  const tx = isFiat(inn.symbol)
    ? {
        ...emptyTx(line, fp(key), 'sell', at, out.symbol, amountText(out.amount)),
        quoteSymbol: inn.symbol,
        quoteQuantity: amountText(inn.amount)
      }
    : {
        ...emptyTx(line, fp(key), isFiat(out.symbol) ? 'buy' : 'trade', at, inn.symbol, amountText(inn.amount)),
        quoteSymbol: out.symbol,
        quoteQuantity: amountText(out.amount)
      }
  // Kraken's ledger names a trade by its trade id (refid), as its trade history does.
  tx.externalId = `trade:${refid}`
  const fees = [...legs.filter((l) => l.fee > 0n)]
  const txs: ParsedTx[] = [tx]
  fees.forEach((l, i) => {
    if (i === 0) {
      tx.feeSymbol = l.symbol
      tx.feeQuantity = amountText(l.fee)
    } else txs.push(emptyTx(line, fp(`${key}\u001ffee${i}`), 'fee', at, l.symbol, amountText(l.fee)))
  })
  return txs
}
