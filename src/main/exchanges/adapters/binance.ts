import type { Exchange } from 'ccxt'
import { z } from 'zod'
import { isFiat } from '../../portfolio/assets'
import type { ApiTx, ExchangeAdapter, Page } from '../adapter-types'
import { PageRejected } from '../adapter-types'
import { amountField, amountOf, amountText, formatDecimal, idField, timeField } from './fields'
import { dustPage } from './binance-dust'
import { incomePage } from './binance-income'
import { BINANCE_START, DAY, OVERLAP } from './binance-windows'

/** Binance answers transfer histories for at most 90 days per call. */
const WINDOW = 90 * DAY
const LIMIT = 1000

const fillSchema = z.object({
  id: idField,
  symbol: z.string().min(1).max(40),
  qty: amountField,
  quoteQty: amountField,
  commission: amountField,
  commissionAsset: z.string().max(20),
  time: timeField,
  isBuyer: z.boolean()
})
const depositSchema = z.object({
  id: idField,
  coin: z.string().min(1).max(20),
  amount: amountField,
  network: z.string().max(40).optional(),
  status: z.coerce.number().int(),
  insertTime: timeField
})
const withdrawalSchema = z.object({
  id: idField,
  coin: z.string().min(1).max(20),
  amount: amountField,
  transactionFee: amountField,
  network: z.string().max(40).optional(),
  status: z.coerce.number().int(),
  applyTime: z.string().max(40)
})
const restrictionsSchema = z.object({
  enableReading: z.boolean(),
  enableSpotAndMarginTrading: z.boolean(),
  enableWithdrawals: z.boolean(),
  enableMargin: z.boolean().optional(),
  enableFutures: z.boolean().optional(),
  enableInternalTransfer: z.boolean().optional(),
  permitsUniversalTransfer: z.boolean().optional(),
  enableVanillaOptions: z.boolean().optional()
})

/** Deposit statuses: 1 success, 6 credited but not yet withdrawable; 0 and 8 are still pending. */
const DEPOSIT_DONE = new Set([1, 6])
const DEPOSIT_PENDING = new Set([0, 8])
/** Withdrawal statuses: 6 completed; 0, 2 and 4 are still on their way. */
const WITHDRAWAL_DONE = 6
const WITHDRAWAL_PENDING = new Set([0, 2, 4])

function rows<T>(schema: z.ZodType<T>, items: { info?: unknown }[], what: string): T[] {
  return items.map((item) => {
    const parsed = schema.safeParse(item.info)
    if (!parsed.success) throw new PageRejected(`Binance sent ${what} in a shape Seasonwatch does not know`)
    return parsed.data
  })
}

/**
 * A transfer stream's cursor: where its 90-day window starts, the offset inside it, and the time
 * of the earliest transfer still pending seen so far (the next sync starts again from there).
 */
interface WindowCursor {
  start: number
  offset: number
  hold: number | null
}

function readCursor(cursor: string | null): WindowCursor {
  const [start, offset, hold] = (cursor ?? '').split(':').map((part) => (part === '' ? NaN : Number(part)))
  if (!Number.isSafeInteger(start)) return { start: BINANCE_START, offset: 0, hold: null }
  return {
    start: start!,
    offset: Number.isSafeInteger(offset) ? offset! : 0,
    hold: Number.isSafeInteger(hold) ? hold! : null
  }
}

const writeCursor = (c: WindowCursor) => `${c.start}:${c.offset}:${c.hold ?? ''}`

/** A fill in the ledger's terms: what was received is the transaction's asset, what was given its quote. */
export function fillToTx(fill: z.infer<typeof fillSchema>, base: string, quote: string): ApiTx {
  const qty = amountText(fill.qty)
  const quoteQty = amountText(fill.quoteQty)
  const fee = amountText(fill.commission)
  const common = {
    externalId: `trade:${fill.symbol}:${fill.id}`,
    at: fill.time,
    feeSymbol: fee === '0' ? null : fill.commissionAsset.toUpperCase(),
    feeQuantity: fee === '0' ? null : fee,
    note: null
  }
  if (fill.isBuyer) {
    return {
      ...common,
      kind: isFiat(quote) ? 'buy' : 'trade',
      symbol: base,
      quantity: qty,
      quoteSymbol: quote,
      quoteQuantity: quoteQty
    }
  }
  if (isFiat(quote))
    return { ...common, kind: 'sell', symbol: base, quantity: qty, quoteSymbol: quote, quoteQuantity: quoteQty }
  return { ...common, kind: 'trade', symbol: quote, quantity: quoteQty, quoteSymbol: base, quoteQuantity: qty }
}

async function transferPage(
  client: Exchange,
  stream: 'deposits' | 'withdrawals',
  cursor: string | null,
  now: number
): Promise<Page> {
  const { start, offset, hold } = readCursor(cursor)
  const end = Math.min(start + WINDOW - 1, now)
  const params = { startTime: start, endTime: end, offset }
  const records: ApiTx[] = []
  let earliestPending = Infinity
  let count: number
  if (stream === 'deposits') {
    const items = await client.fetchDeposits(undefined, start, LIMIT, params)
    count = items.length
    for (const d of rows(depositSchema, items, 'deposits')) {
      if (DEPOSIT_PENDING.has(d.status)) earliestPending = Math.min(earliestPending, d.insertTime)
      if (!DEPOSIT_DONE.has(d.status) || isFiat(d.coin)) continue
      records.push(transfer(`deposit:${d.id}`, 'transfer_in', d.insertTime, d.coin, d.amount, null, d.network))
    }
  } else {
    const items = await client.fetchWithdrawals(undefined, start, LIMIT, params)
    count = items.length
    for (const w of rows(withdrawalSchema, items, 'withdrawals')) {
      const at = Date.parse(`${w.applyTime.replace(' ', 'T')}Z`)
      if (!Number.isFinite(at)) throw new PageRejected('Binance sent a withdrawal without a readable time')
      if (WITHDRAWAL_PENDING.has(w.status)) earliestPending = Math.min(earliestPending, at)
      if (w.status !== WITHDRAWAL_DONE || isFiat(w.coin)) continue
      records.push(transfer(`withdrawal:${w.id}`, 'transfer_out', at, w.coin, w.amount, w.transactionFee, w.network))
    }
  }
  // A transfer pending for longer than a window is taken as abandoned rather than waited for forever.
  const held = Math.min(hold ?? Infinity, earliestPending >= now - WINDOW ? earliestPending : Infinity)
  const keep = Number.isFinite(held) ? held : null
  if (count >= LIMIT) return { records, next: writeCursor({ start, offset: offset + count, hold: keep }), done: false }
  if (end < now) return { records, next: writeCursor({ start: end + 1, offset: 0, hold: keep }), done: false }
  // The last window reaches now: the next sync starts a little earlier, and never after a transfer still pending.
  const restart = Math.max(BINANCE_START, Math.min(keep ?? Infinity, now - OVERLAP))
  return { records, next: writeCursor({ start: restart, offset: 0, hold: null }), done: true }
}

function transfer(
  externalId: string,
  kind: 'transfer_in' | 'transfer_out',
  at: number,
  coin: string,
  quantity: string,
  fee: string | null,
  network: string | undefined
): ApiTx {
  const feeText = fee === null ? '0' : amountText(fee)
  return {
    externalId,
    kind,
    at,
    symbol: coin.toUpperCase(),
    quantity: amountText(quantity),
    quoteSymbol: null,
    quoteQuantity: null,
    feeSymbol: feeText === '0' ? null : coin.toUpperCase(),
    feeQuantity: feeText === '0' ? null : feeText,
    note: network ? `network ${network}` : null
  }
}

export const binanceAdapter: ExchangeAdapter = {
  id: 'binance',
  async permissions(client) {
    const raw = await (
      client as unknown as { sapiGetAccountApiRestrictions(): Promise<unknown> }
    ).sapiGetAccountApiRestrictions()
    const parsed = restrictionsSchema.safeParse(raw)
    if (!parsed.success) throw new PageRejected('Binance answered the key check in a shape Seasonwatch does not know')
    const r = parsed.data
    return {
      read: r.enableReading,
      // Any right to move funds counts: margin, futures, options and transfers between accounts trade or move them.
      trade:
        r.enableSpotAndMarginTrading ||
        r.enableMargin === true ||
        r.enableFutures === true ||
        r.enableVanillaOptions === true,
      withdraw: r.enableWithdrawals || r.permitsUniversalTransfer === true || r.enableInternalTransfer === true,
      checked: true
    }
  },
  async balances(client) {
    const balance = await client.fetchBalance()
    const info = z
      .object({
        balances: z.array(z.object({ asset: z.string().max(20), free: amountField, locked: amountField })).max(10_000)
      })
      .safeParse(balance.info)
    if (!info.success) throw new PageRejected('Binance sent balances in a shape Seasonwatch does not know')
    const out = new Map<string, string>()
    for (const b of info.data.balances) {
      const total = amountOf(b.free) + amountOf(b.locked)
      if (total !== 0n) out.set(b.asset.toUpperCase(), formatDecimal(total))
    }
    return out
  },
  async streams(client, known) {
    const markets = Object.values(await client.loadMarkets())
      .filter((m) => m !== undefined && m.spot && known.has(m.base) && known.has(m.quote))
      .map((m) => m!.symbol)
      .sort()
    // Income and dust come before the markets: an asset first seen there widens them at the next round.
    return ['deposits', 'withdrawals', 'income', 'dust', ...markets.map((symbol) => `trades:${symbol}`)]
  },
  async page(client, stream, cursor, now) {
    if (stream === 'deposits' || stream === 'withdrawals') return transferPage(client, stream, cursor, now)
    if (stream === 'income') return incomePage(client, cursor, now)
    if (stream === 'dust') return dustPage(client, cursor, now)
    const symbol = stream.slice('trades:'.length)
    const [base, quote] = symbol.split('/') as [string, string]
    const fromId = cursor === null ? 0 : Number(cursor)
    const items = await client.fetchMyTrades(symbol, undefined, LIMIT, { fromId })
    const fills = rows(fillSchema, items, 'trades')
    const records = fills.map((f) => fillToTx(f, base, quote))
    const last = fills.reduce((top, f) => Math.max(top, Number(f.id)), fromId - 1)
    return { records, next: String(last + 1), done: fills.length < LIMIT }
  }
}
