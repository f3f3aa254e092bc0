import type { Exchange } from 'ccxt'
import { z } from 'zod'
import { isFiat } from '../../portfolio/assets'
import { div, mul, parseDecimal } from '../../portfolio/decimal'
import type { ApiTx, ExchangeAdapter, Page } from '../adapter-types'
import { PageRejected } from '../adapter-types'
import { amountField, amountOf, formatDecimal } from './fields'

/**
 * Coinbase through its own endpoints, called by ccxt's raw methods (ccxt signs them: an ES256 JWT
 * per request for a CDP key). None of ccxt's unified calls is used, so no market list is loaded:
 * a fill names its product ("ETH-BTC") and an account its currency, which is all the ledger needs.
 *
 * Streams: `fills` (Advanced Trade fills, every product in one list) and `account:<uuid>` (the v2
 * transactions of one crypto account: sends, receives, rewards). Trades in the v2 lists are the
 * same fills seen once per account, so they are read from `fills` only.
 */

const FILLS_LIMIT = 250
const TX_LIMIT = 100
const ACCOUNTS_LIMIT = 250
const MAX_ACCOUNT_PAGES = 40
/** Each fills pass starts this long before the last one ended: a fill stamped just before may be listed late. */
const FILL_OVERLAP = 60 * 60_000
/** A transaction pending for longer than this is taken as abandoned rather than waited for forever. */
const PENDING_LIMIT = 30 * 86_400_000

const timeText = z
  .string()
  .max(40)
  .transform((text) => Date.parse(text))
  .refine((ms) => Number.isFinite(ms) && ms > 0, 'not a time')
const uuid = z.string().min(1).max(100)
const code = z
  .string()
  .min(1)
  .max(20)
  .transform((c) => c.toUpperCase())
/** Coinbase writes signed amounts ("-0.01"): the sign is kept apart from the exact digits. */
const signedAmount = z
  .string()
  .max(80)
  .transform((text) => text.trim())
  .refine((text) => /^-?\d{1,40}(\.\d{1,30})?$/.test(text), 'not an amount')
const money = z.object({ amount: signedAmount, currency: code })
const value = z.object({ value: amountField, currency: code })

const permissionsSchema = z.object({
  can_view: z.boolean(),
  can_trade: z.boolean(),
  can_transfer: z.boolean(),
  portfolio_uuid: z.string().max(100).optional(),
  portfolio_type: z.string().max(60).optional()
})

const accountsSchema = z.object({
  accounts: z
    .array(
      z.object({
        uuid,
        currency: code,
        available_balance: value,
        hold: value.optional(),
        type: z.string().max(40).optional()
      })
    )
    .max(ACCOUNTS_LIMIT),
  has_next: z.boolean(),
  cursor: z.string().max(200).optional()
})

const fillsSchema = z.object({
  fills: z
    .array(
      z.object({
        entry_id: z.string().min(1).max(100),
        trade_id: z.string().max(100),
        order_id: z.string().max(100),
        trade_time: timeText,
        trade_type: z.string().max(40),
        price: amountField,
        size: amountField,
        commission: amountField,
        product_id: z.string().regex(/^[A-Z0-9]{1,20}-[A-Z0-9]{1,20}$/i),
        side: z.enum(['BUY', 'SELL']),
        size_in_quote: z.boolean()
      })
    )
    .max(FILLS_LIMIT),
  cursor: z.string().max(200).optional()
})

const transactionsSchema = z.object({
  pagination: z.object({
    next_starting_after: z.string().max(100).nullable().optional(),
    next_uri: z.string().max(500).nullable().optional()
  }),
  data: z
    .array(
      z.object({
        id: uuid,
        type: z.string().min(1).max(60),
        status: z.string().max(40),
        amount: money,
        created_at: timeText,
        network: z
          .object({
            status: z.string().max(40).optional(),
            hash: z.string().max(200).optional(),
            transaction_fee: money.optional(),
            network_name: z.string().max(60).optional()
          })
          .optional()
      })
    )
    .max(TX_LIMIT)
})

function parse<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const parsed = schema.safeParse(raw)
  if (!parsed.success) throw new PageRejected(`Coinbase sent ${what} in a shape Seasonwatch does not know`)
  return parsed.data
}

type Raw = (params?: Record<string, unknown>) => Promise<unknown>
const raw = (client: Exchange, method: string): Raw => {
  const fn = (client as unknown as Record<string, Raw>)[method]
  if (typeof fn !== 'function') throw new PageRejected(`this version of ccxt lacks ${method}`)
  return fn.bind(client)
}

/** The crypto accounts read by the last balance call of a client, so listing streams asks nothing again. */
const accountsOf = new WeakMap<Exchange, { uuid: string; currency: string }[]>()

async function listAccounts(client: Exchange) {
  const all: z.infer<typeof accountsSchema>['accounts'] = []
  let cursor: string | undefined
  for (let n = 0; n < MAX_ACCOUNT_PAGES; n += 1) {
    const page = parse(
      accountsSchema,
      await raw(client, 'v3PrivateGetBrokerageAccounts')({ limit: ACCOUNTS_LIMIT, ...(cursor ? { cursor } : {}) }),
      'accounts'
    )
    all.push(...page.accounts)
    if (!page.has_next || !page.cursor) break
    cursor = page.cursor
  }
  return all
}

/** A fill in the ledger's terms, as the Binance adapter and the CSV import store a trade. */
export function fillToTx(fill: z.infer<typeof fillsSchema>['fills'][number]): ApiTx {
  const [base, quote] = fill.product_id.toUpperCase().split('-') as [string, string]
  const price = parseDecimal(fill.price)
  const size = parseDecimal(fill.size)
  if (price <= 0n || size <= 0n) throw new PageRejected('Coinbase sent a fill without a price or size')
  // A fill sized in the quote currency states what was paid; the base amount is derived from the price.
  const baseQty = fill.size_in_quote ? div(size, price) : size
  const quoteQty = fill.size_in_quote ? size : mul(size, price)
  const fee = amountOf(fill.commission)
  const common = {
    externalId: `trade:${fill.entry_id}`,
    at: fill.trade_time,
    feeSymbol: fee === 0n ? null : quote,
    feeQuantity: fee === 0n ? null : formatDecimal(fee),
    note: null
  }
  const b = formatDecimal(baseQty)
  const q = formatDecimal(quoteQty)
  if (fill.side === 'BUY')
    return {
      ...common,
      kind: isFiat(quote) ? 'buy' : 'trade',
      symbol: base,
      quantity: b,
      quoteSymbol: quote,
      quoteQuantity: q
    }
  if (isFiat(quote)) return { ...common, kind: 'sell', symbol: base, quantity: b, quoteSymbol: quote, quoteQuantity: q }
  return { ...common, kind: 'trade', symbol: quote, quantity: q, quoteSymbol: base, quoteQuantity: b }
}

/** A fills pass: from (null: the beginning) to a fixed end, and Coinbase's cursor inside it. */
interface FillsCursor {
  from: number | null
  to: number | null
  page: string | null
}

function readJson<T extends object>(cursor: string | null, fallback: T): T {
  if (cursor === null) return fallback
  try {
    const parsed = JSON.parse(cursor) as unknown
    return parsed !== null && typeof parsed === 'object' ? { ...fallback, ...(parsed as T) } : fallback
  } catch {
    return fallback
  }
}

const iso = (ms: number) => new Date(ms).toISOString()

async function fillsPage(client: Exchange, cursor: string | null, now: number): Promise<Page> {
  const state = readJson<FillsCursor>(cursor, { from: null, to: null, page: null })
  // The end of a pass is fixed when it starts, so a pass resumed after a crash pages the same list.
  const to = state.to ?? now
  const params: Record<string, unknown> = { limit: FILLS_LIMIT, end_sequence_timestamp: iso(to) }
  if (state.from !== null) params.start_sequence_timestamp = iso(state.from)
  if (state.page !== null) params.cursor = state.page
  const page = parse(fillsSchema, await raw(client, 'v3PrivateGetBrokerageOrdersHistoricalFills')(params), 'fills')
  const records = page.fills.filter((f) => f.trade_type === 'FILL').map(fillToTx)
  if (page.cursor && page.fills.length > 0)
    return { records, next: JSON.stringify({ from: state.from, to, page: page.cursor }), done: false }
  return { records, next: JSON.stringify({ from: to - FILL_OVERLAP, to: null, page: null }), done: true }
}

const TRANSFER_IN = new Set(['receive'])
/** Statuses of a transaction that may still complete; failed, canceled and expired ones never will. */
const NOT_FINAL = new Set(['pending', 'waiting_for_signature', 'waiting_for_clearing'])
const INCOME = new Set([
  'staking_reward',
  'inflation_reward',
  'interest',
  'earn_payout',
  'incentives_rewards_payout',
  'reward',
  'learning_reward',
  'coinbase_earn',
  'airdrop'
])

/** The last transaction read (null: none yet), and where the next sync starts when one was pending. */
interface AccountCursor {
  after: string | null
  hold: { after: string | null } | null
}

export function transactionToTx(t: z.infer<typeof transactionsSchema>['data'][number]): ApiTx | null {
  const amount = parseDecimal(t.amount.amount)
  const symbol = t.amount.currency
  if (amount === 0n || isFiat(symbol)) return null
  const quantity = amount < 0n ? -amount : amount
  const base = {
    externalId: `transaction:${t.id}`,
    at: t.created_at,
    symbol,
    quoteSymbol: null,
    quoteQuantity: null,
    feeSymbol: null,
    feeQuantity: null,
    note: t.network?.network_name ? `network ${t.network.network_name}` : null
  }
  if (INCOME.has(t.type) && amount > 0n) return { ...base, kind: 'income', quantity: formatDecimal(quantity) }
  if (TRANSFER_IN.has(t.type) || (t.type === 'send' && amount > 0n))
    return { ...base, kind: 'transfer_in', quantity: formatDecimal(quantity) }
  if (t.type === 'send' && amount < 0n) {
    // The amount is what left the account; the network fee is part of it, paid in the same coin.
    const fee = t.network?.transaction_fee
    const feeQty = fee && fee.currency === symbol ? parseDecimal(fee.amount.replace('-', '')) : 0n
    if (feeQty > 0n && feeQty < quantity)
      return {
        ...base,
        kind: 'transfer_out',
        quantity: formatDecimal(quantity - feeQty),
        feeSymbol: symbol,
        feeQuantity: formatDecimal(feeQty)
      }
    return { ...base, kind: 'transfer_out', quantity: formatDecimal(quantity) }
  }
  // Trades (read from the fills), conversions, moves to staking and between own accounts: not read here.
  return null
}

async function accountPage(client: Exchange, account: string, cursor: string | null, now: number): Promise<Page> {
  const state = readJson<AccountCursor>(cursor, { after: null, hold: null })
  const params: Record<string, unknown> = { account_id: account, limit: TX_LIMIT, order: 'asc' }
  if (state.after !== null) params.starting_after = state.after
  const page = parse(
    transactionsSchema,
    await raw(client, 'v2PrivateGetAccountsAccountIdTransactions')(params),
    'account transactions'
  )
  const records: ApiTx[] = []
  let hold = state.hold
  let previous = state.after
  for (const t of page.data) {
    if (NOT_FINAL.has(t.status) && hold === null && t.created_at >= now - PENDING_LIMIT) hold = { after: previous }
    previous = t.id
    if (t.status !== 'completed') continue
    const tx = transactionToTx(t)
    if (tx !== null) records.push(tx)
  }
  const last = page.data.at(-1)?.id ?? state.after
  const more = page.data.length === TX_LIMIT && Boolean(page.pagination.next_starting_after ?? page.pagination.next_uri)
  if (more) return { records, next: JSON.stringify({ after: last, hold }), done: false }
  // At the end: the next sync starts again just before the earliest transaction still pending.
  return { records, next: JSON.stringify({ after: hold !== null ? hold.after : last, hold: null }), done: true }
}

export const coinbaseAdapter: ExchangeAdapter = {
  id: 'coinbase',
  async permissions(client) {
    const p = parse(permissionsSchema, await raw(client, 'v3PrivateGetBrokerageKeyPermissions')(), 'the key check')
    return { read: p.can_view, trade: p.can_trade, withdraw: p.can_transfer, checked: true }
  },
  async balances(client) {
    const accounts = await listAccounts(client)
    accountsOf.set(
      client,
      accounts.filter((a) => !isFiat(a.currency)).map((a) => ({ uuid: a.uuid, currency: a.currency }))
    )
    const out = new Map<string, string>()
    // Cash (USD, EUR…) is not a holding: the ledger never carries it, so it is not compared either.
    for (const a of accounts.filter((account) => !isFiat(account.currency))) {
      const total = amountOf(a.available_balance.value) + amountOf(a.hold?.value ?? '0')
      if (total !== 0n) out.set(a.currency, formatDecimal(total + amountOf(out.get(a.currency) ?? '0')))
    }
    return out
  },
  async streams(client, known) {
    const accounts = accountsOf.get(client) ?? []
    // Coinbase keeps an account for every currency it lists: only those the account holds or has held are read.
    const read = accounts.filter((a) => known.has(a.currency)).map((a) => `account:${a.uuid}`)
    return ['fills', ...read.sort()]
  },
  async page(client, stream, cursor, now) {
    if (stream === 'fills') return fillsPage(client, cursor, now)
    return accountPage(client, stream.slice('account:'.length), cursor, now)
  }
}
