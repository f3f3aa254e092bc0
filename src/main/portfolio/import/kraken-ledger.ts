import { hash } from 'node:crypto'
import { excerpt } from '../../../shared/text'
import { isFiat } from '../assets'
import type { Decimal } from '../decimal'
import { RowError, amountText } from './fields'
import type { ParsedTx } from './types'
import { emptyTx } from './types'

/**
 * Kraken's ledger, read the same way whether it came as the CSV export (`ledgers.csv`) or from the
 * API (`/0/private/Ledgers`): both carry the same entries with the same ids, so a transaction that
 * arrives both ways gets the same exchange id and the same fingerprint, and is stored once.
 */

/** Kraken's legacy asset codes (X… for crypto, Z… for cash). */
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

/** "XXBT" → "BTC", "DOT.S" → "DOT", "ETH2.S" → "ETH", "USDT" → "USDT" (staking and earn suffixes dropped). */
export function krakenSymbol(code: string): string {
  const base = code
    .trim()
    .toUpperCase()
    .replace(/\.(S|M|F|B|P|HOLD)$/, '')
  return LEGACY[base] ?? base
}

/** One ledger entry, in either source's terms: the ledger id, the reference id shared by a trade's legs. */
export interface KrakenEntry {
  /** The ledger id ("L4UESK-KG3EQ-UFO4T5"; the CSV's `txid` column). */
  id: string
  refid: string
  at: number
  type: string
  subtype: string
  /** Already through krakenSymbol. */
  symbol: string
  /** Signed: negative when the asset left the account. */
  amount: Decimal
  fee: Decimal
}

/** A transaction read from the ledger, keyed the same way for either source. */
export type KrakenTx = Omit<ParsedTx, 'line' | 'fingerprint' | 'externalId'> & {
  externalId: string
  /** What the CSV import fingerprints (see fingerprintOf). */
  key: string
}

/** Entry types whose legs come in pairs sharing a refid: one asset given, one received. */
const PAIRED = new Set(['trade', 'spend', 'receive'])
/** Moves between the account's own wallets (spot, staking, futures): nothing left or arrived. */
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

export function isPairedType(type: string): boolean {
  return PAIRED.has(type)
}

/**
 * The CSV import's fingerprint of a key, first occurrence (import/fields.ts, fingerprinter): every
 * key here is unique in the ledger, so the API stores it too and a CSV imported before or after
 * finds it taken.
 */
export function fingerprintOf(key: string): string {
  return hash('sha256', `kraken\u001f${key}`, 'base64url')
}

/**
 * A single (unpaired) entry as transactions; null for what holds nothing to track: cash, moves
 * between the account's own wallets, earn bookkeeping other than rewards, empty rows. An entry of a
 * type Seasonwatch does not know is refused (RowError) rather than guessed.
 */
export function singleEntry(e: KrakenEntry): KrakenTx[] | null {
  const { type, subtype } = e
  if (isFiat(e.symbol)) return null
  if (type === 'transfer' && INTERNAL_SUBTYPES.has(subtype)) return null
  if (type === 'earn' && subtype !== 'reward') return null
  if (e.amount === 0n && e.fee === 0n) return null
  let kind: ParsedTx['kind']
  if (type === 'deposit') kind = 'transfer_in'
  else if (type === 'withdrawal') kind = 'transfer_out'
  else if (type === 'staking' || type === 'earn' || type === 'dividend' || (type === 'transfer' && subtype === ''))
    kind = e.amount > 0n ? 'income' : 'fee'
  else if (type === 'adjustment' || type === 'settled' || type === 'rollover' || type === 'margin')
    kind = e.amount >= 0n ? 'transfer_in' : 'transfer_out'
  else throw new RowError(`type "${excerpt(type)}" is not one Seasonwatch knows`)
  const transfer = type === 'deposit' || type === 'withdrawal'
  // Deposits and withdrawals are named as Kraken's funding history names them; the rest by ledger id.
  const externalId = transfer && e.refid !== '' ? `${type}:${e.refid}` : `ledger:${e.id}`
  if (e.amount === 0n) return [{ ...bare('fee', e.at, e.symbol, amountText(e.fee)), externalId, key: e.id }]
  const tx: KrakenTx = { ...bare(kind, e.at, e.symbol, amountText(e.amount)), externalId, key: e.id }
  if (e.fee > 0n) {
    tx.feeSymbol = e.symbol
    tx.feeQuantity = amountText(e.fee)
  }
  return [tx]
}

/**
 * The legs of one trade (same refid) as one transaction: what was received for what was given
 * (cash on either side makes it a buy or a sell). The fee of the given leg rides on the trade; a fee
 * of the received leg is the trade's own when the given leg had none, else a fee transaction of its own.
 */
export function tradeOf(refid: string, at: number, legs: readonly KrakenEntry[]): KrakenTx[] {
  const given = legs.filter((l) => l.amount < 0n)
  const received = legs.filter((l) => l.amount > 0n)
  if (given.length !== 1 || received.length !== 1) {
    throw new RowError(
      `trade ${excerpt(refid)} should have one leg paid and one received, found ${given.length} and ${received.length}`
    )
  }
  const out = given[0]!
  const inn = received[0]!
  // Kraken's ledger names a trade by its trade id (refid), as its trade history does.
  const externalId = `trade:${refid}`
  const tx: KrakenTx = isFiat(inn.symbol)
    ? {
        ...bare('sell', at, out.symbol, amountText(out.amount)),
        quoteSymbol: inn.symbol,
        quoteQuantity: amountText(inn.amount),
        externalId,
        key: refid
      }
    : {
        ...bare(isFiat(out.symbol) ? 'buy' : 'trade', at, inn.symbol, amountText(inn.amount)),
        quoteSymbol: out.symbol,
        quoteQuantity: amountText(out.amount),
        externalId,
        key: refid
      }
  const txs: KrakenTx[] = [tx]
  // The given leg's fee first, whatever order the legs came in (the export and the API differ).
  const charged = [out, inn].filter((l) => l.fee > 0n)
  charged.forEach((l, i) => {
    if (i === 0) {
      tx.feeSymbol = l.symbol
      tx.feeQuantity = amountText(l.fee)
    } else
      txs.push({
        ...bare('fee', at, l.symbol, amountText(l.fee)),
        externalId: `trade:${refid}:fee${i}`,
        key: `${refid}\u001ffee${i}`
      })
  })
  return txs
}

function bare(kind: ParsedTx['kind'], at: number, symbol: string, quantity: string) {
  const { line: _line, fingerprint: _fingerprint, ...rest } = emptyTx(0, '', kind, at, symbol, quantity)
  return rest
}
