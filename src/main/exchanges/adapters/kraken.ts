import type { Exchange } from 'ccxt'
import { z } from 'zod'
import { AppError } from '../../../shared/errors'
import { isFiat } from '../../portfolio/assets'
import { parseDecimal } from '../../portfolio/decimal'
import { RowError } from '../../portfolio/import/fields'
import { fingerprintOf, isPairedType, krakenSymbol, singleEntry, tradeOf } from '../../portfolio/import/kraken-ledger'
import type { KrakenEntry, KrakenTx } from '../../portfolio/import/kraken-ledger'
import type { ApiTx, ExchangeAdapter, Page } from '../adapter-types'
import { PageRejected } from '../adapter-types'
import { formatDecimal } from './fields'

/**
 * Kraken, read through its ledger (POST /0/private/Ledgers): every movement of the account is one
 * entry there (a trade is two, sharing a refid), exactly what the CSV ledger export holds, so the
 * API and the export are read by the same code (portfolio/import/kraken-ledger.ts) and a
 * transaction arriving both ways is stored once. Answers are read raw (Kraken's own fields, exact
 * decimal strings), not through ccxt's unified floats.
 */

/** Kraken answers at most 50 ledger entries a call, newest first. */
export const LEDGER_PAGE = 50

/** The rights a read-only Kraken key has, as Kraken's key page names them. */
export const KRAKEN_READ_RIGHTS = [
  'Query Funds',
  'Query Open Orders & Trades',
  'Query Closed Orders & Trades',
  'Query Ledger Entries',
  'Export Data'
] as const

const SIGNED = /^-?\d{1,30}(\.\d{1,18})?$/
const UNSIGNED = /^\d{1,30}(\.\d{1,18})?$/
const signed = z.string().max(60).regex(SIGNED)
const unsigned = z.string().max(60).regex(UNSIGNED)
/** Seconds with a fraction, as Kraken writes them (1688464484.1787). */
const seconds = z.coerce.number().positive().max(8_640_000_000)

const entrySchema = z.object({
  refid: z.string().max(100),
  time: seconds,
  type: z.string().min(1).max(40),
  subtype: z.string().max(40).default(''),
  aclass: z.string().max(40).optional(),
  asset: z.string().min(1).max(20),
  amount: signed,
  fee: unsigned,
  balance: signed.optional()
})
type RawEntry = z.infer<typeof entrySchema> & { id: string; carried?: boolean }

const envelope = <T extends z.ZodTypeAny>(result: T) => z.object({ error: z.array(z.string()).max(0), result })
const ledgersSchema = envelope(
  z.object({
    ledger: z.record(z.string().min(1).max(100), entrySchema),
    count: z.coerce.number().int().nonnegative().optional()
  })
)
const balanceSchema = envelope(z.record(z.string().min(1).max(20), signed))

/**
 * The ledger's cursor. A sweep reads the entries after `after` (Kraken's `start`, exclusive) up to
 * `upTo` (its `end`, inclusive: the newest entry's time when the sweep began, Kraken's own clock)
 * page by page with `ofs`. With both ends fixed, entries booked during the sweep cannot shift the
 * offsets; they fall after `upTo` and are read by the next sweep. Kraken takes whole seconds, so a
 * sweep starts at the second of the last one's newest entry and reads that second again (stored
 * ids make those duplicates). `held` keeps the legs of a trade whose other leg is not read yet (a
 * page can end between them); a leg still alone after a second sweep is one read again after its
 * trade was stored, and is let go.
 */
const heldSchema = entrySchema.extend({ id: z.string(), carried: z.boolean().optional() })
const cursorSchema = z.object({
  after: z.number().nullable(),
  upTo: z.number().nullable(),
  ofs: z.number().int().nonnegative(),
  held: z.array(heldSchema).max(1000)
})
type LedgerCursor = z.infer<typeof cursorSchema>

function readCursor(text: string | null): LedgerCursor {
  if (text !== null) {
    try {
      const parsed = cursorSchema.safeParse(JSON.parse(text))
      if (parsed.success) return parsed.data
    } catch {
      // A damaged cursor reads the ledger again from the start; stored ids keep that from duplicating.
    }
  }
  return { after: null, upTo: null, ofs: 0, held: [] }
}

/** A private call, with Kraken's "Permission denied" turned into the right the key lacks. */
async function privateCall(client: Exchange, method: string, params: Record<string, unknown>, right: string) {
  const call = (client as unknown as Record<string, (p: Record<string, unknown>) => Promise<unknown>>)[method]!
  try {
    return await call.call(client, params)
  } catch (error) {
    if (error instanceof Error && error.name === 'PermissionDenied')
      throw new AppError(
        'UNAUTHORIZED',
        `Kraken refused the key: it lacks the "${right}" permission. Edit the key on Kraken's key page to add it (and nothing that trades or withdraws).`
      )
    throw error
  }
}

function entryOf(raw: RawEntry): KrakenEntry {
  return {
    id: raw.id,
    refid: raw.refid,
    at: Math.round(raw.time * 1000),
    type: raw.type.toLowerCase(),
    subtype: raw.subtype.toLowerCase(),
    symbol: krakenSymbol(raw.asset),
    amount: parseDecimal(raw.amount),
    fee: parseDecimal(raw.fee)
  }
}

function toApiTx({ key, ...tx }: KrakenTx): ApiTx {
  return { ...tx, fingerprint: fingerprintOf(key) }
}

/**
 * The transactions of a page's entries (with the legs held from before): single entries at once,
 * trades once both legs are read. Returns the legs still waiting for their other half.
 */
function ledgerRecords(entries: readonly RawEntry[], held: readonly RawEntry[]) {
  const records: ApiTx[] = []
  const legs = new Map<string, RawEntry[]>()
  try {
    for (const raw of [...held, ...entries]) {
      const entry = entryOf(raw)
      if (isPairedType(entry.type)) {
        if (entry.refid === '') throw new RowError(`a ${entry.type} entry has no refid`)
        const group = legs.get(entry.refid) ?? []
        if (!group.some((leg) => leg.id === raw.id)) group.push(raw)
        legs.set(entry.refid, group)
        continue
      }
      for (const tx of singleEntry(entry) ?? []) records.push(toApiTx(tx))
    }
    const waiting: RawEntry[] = []
    for (const [refid, group] of legs) {
      if (group.length < 2) {
        waiting.push(...group)
        continue
      }
      const parsed = group.map(entryOf)
      const at = Math.min(...parsed.map((e) => e.at))
      for (const tx of tradeOf(refid, at, parsed)) records.push(toApiTx(tx))
    }
    return { records, waiting }
  } catch (error) {
    if (error instanceof RowError)
      throw new PageRejected(`Kraken's ledger holds an entry Seasonwatch cannot read (${error.message})`)
    throw error
  }
}

/** The legs waiting at the end of a sweep: carried into the next one once. */
function carried(waiting: readonly RawEntry[]): RawEntry[] {
  return waiting.filter((leg) => leg.carried !== true).map((leg) => ({ ...leg, carried: true }))
}

async function ledgerPage(client: Exchange, cursor: string | null): Promise<Page> {
  const c = readCursor(cursor)
  const params: Record<string, unknown> = { ofs: c.ofs }
  if (c.after !== null) params.start = Math.floor(c.after)
  if (c.upTo !== null) params.end = Math.ceil(c.upTo)
  const parsed = ledgersSchema.safeParse(
    await privateCall(client, 'privatePostLedgers', params, 'Query Ledger Entries')
  )
  if (!parsed.success) throw new PageRejected('Kraken sent ledger entries in a shape Seasonwatch does not know')
  const entries: RawEntry[] = Object.entries(parsed.data.result.ledger).map(([id, e]) => ({ ...e, id }))
  if (entries.length === 0) {
    // Nothing after the last sweep, or the sweep's last page ended exactly at a multiple of 50.
    const next: LedgerCursor = { after: c.upTo ?? c.after, upTo: null, ofs: 0, held: carried(c.held) }
    return { records: [], next: JSON.stringify(next), done: true }
  }
  const upTo = c.upTo ?? Math.max(...entries.map((e) => e.time))
  const read = c.ofs + entries.length
  const count = parsed.data.result.count
  const sweepDone = entries.length < LEDGER_PAGE || (count !== undefined && read >= count)
  const { records, waiting } = ledgerRecords(entries, c.held)
  const next: LedgerCursor = sweepDone
    ? { after: upTo, upTo: null, ofs: 0, held: carried(waiting) }
    : { after: c.after, upTo, ofs: read, held: waiting }
  return { records, next: JSON.stringify(next), done: sweepDone }
}

export const krakenAdapter: ExchangeAdapter = {
  id: 'kraken',
  readRights: KRAKEN_READ_RIGHTS,
  /**
   * Kraken has no call that lists a key's rights, and every call that could show a right to trade
   * or withdraw would act. So only reading is checked (balances need "Query Funds", the ledger
   * "Query Ledger Entries"); trading and withdrawing stay unknown, and the key is kept only with
   * the user's explicit confirmation.
   */
  async permissions(client) {
    await privateCall(client, 'privatePostBalance', {}, 'Query Funds')
    await privateCall(client, 'privatePostLedgers', { ofs: 0 }, 'Query Ledger Entries')
    return { read: true, trade: null, withdraw: null, checked: false }
  },
  /** Spot and staked balances together ("DOT" and "DOT.S" are both DOT), cash left out as in the ledger. */
  async balances(client) {
    const parsed = balanceSchema.safeParse(await privateCall(client, 'privatePostBalance', {}, 'Query Funds'))
    if (!parsed.success) throw new PageRejected('Kraken sent balances in a shape Seasonwatch does not know')
    const totals = new Map<string, bigint>()
    for (const [code, amount] of Object.entries(parsed.data.result)) {
      const symbol = krakenSymbol(code)
      if (isFiat(symbol)) continue
      totals.set(symbol, (totals.get(symbol) ?? 0n) + parseDecimal(amount))
    }
    const out = new Map<string, string>()
    for (const [symbol, total] of totals) if (total !== 0n) out.set(symbol, formatDecimal(total))
    return out
  },
  async streams() {
    return ['ledger']
  },
  async page(client, stream, cursor) {
    if (stream !== 'ledger') throw new PageRejected(`Kraken has no stream "${stream}"`)
    return ledgerPage(client, cursor)
  }
}
