import type { Exchange } from 'ccxt'
import { z } from 'zod'
import { isFiat } from '../../portfolio/assets'
import { NOTE_LENGTH, excerpt } from '../../../shared/text'
import type { ApiTx, Page } from '../adapter-types'
import { PageRejected } from '../adapter-types'
import { amountText, idField, timeField } from './fields'
import { BINANCE_START, DAY, nextNewestFirst, readNewestFirst } from './binance-windows'

/** Binance answers the dividend record for at most 180 days between startTime and endTime. */
const WINDOW = 180 * DAY
/** The most rows Binance sends in one answer of the dividend record. */
const LIMIT = 500
/** Binance writes these amounts as plain decimal text ("10.00000000"); nothing else is taken. */
const DECIMAL_TEXT = /^\d{1,40}(\.\d{1,30})?$/

const dividendSchema = z.object({
  rows: z
    .array(
      z.object({
        id: idField,
        tranId: idField,
        amount: z.string().max(80).regex(DECIMAL_TEXT),
        asset: z.string().min(1).max(20),
        divTime: timeField,
        enInfo: z.string().max(2000).optional(),
        /** 1 credited to the account, -1 taken from it; older answers leave it out (credited). */
        direction: z.union([z.literal(1), z.literal(-1)]).optional()
      })
    )
    .max(LIMIT),
  total: z.coerce.number().int().nonnegative()
})

type DividendRow = z.infer<typeof dividendSchema>['rows'][number]

interface DividendClient {
  sapiGetAssetAssetDividend(params: Record<string, unknown>): Promise<unknown>
}

/**
 * A row of the dividend record in the ledger's terms. Its id is the row's `id`, not its `tranId`:
 * Binance gives one tranId to several rows of one distribution (its own documented example shows
 * two rows sharing one), so the tranId alone would keep only the first of them.
 */
export function dividendToTx(row: DividendRow): ApiTx {
  const note = row.enInfo?.trim() ? excerpt(row.enInfo.trim(), NOTE_LENGTH - 1) : null
  return {
    externalId: `income:${row.id}`,
    // A row taken back is stored as the CSV import stores a negative reward row: a fee in that asset.
    kind: row.direction === -1 ? 'fee' : 'income',
    at: row.divTime,
    symbol: row.asset.toUpperCase(),
    quantity: amountText(row.amount),
    quoteSymbol: null,
    quoteQuantity: null,
    feeSymbol: null,
    feeQuantity: null,
    note
  }
}

/**
 * One answer of `GET /sapi/v1/asset/assetDividend` (staking and Earn rewards, airdrops, Launchpool
 * and other distributions). The record has no offset or id to page by and answers the newest rows
 * of a window first: see `nextNewestFirst` for how the windows follow each other.
 */
export async function incomePage(client: Exchange, cursor: string | null, now: number): Promise<Page> {
  const c = readNewestFirst(cursor, BINANCE_START)
  const start = Math.min(c.start, now)
  const top = c.top ?? Math.min(start + WINDOW - 1, now)
  const end = c.end ?? top
  const raw = await (client as unknown as DividendClient).sapiGetAssetAssetDividend({
    startTime: start,
    endTime: end,
    limit: LIMIT
  })
  const parsed = dividendSchema.safeParse(raw)
  if (!parsed.success)
    throw new PageRejected('Binance sent rewards and distributions in a shape Seasonwatch does not know')
  const rows = parsed.data.rows
  if (rows.some((r) => r.divTime < start || r.divTime > end))
    throw new PageRejected('Binance sent a reward dated outside the time Seasonwatch asked for')
  const records = rows.filter((r) => !isFiat(r.asset) && amountText(r.amount) !== '0').map(dividendToTx)
  const times = rows.map((r) => r.divTime)
  const next = nextNewestFirst({ start, top, end }, times, rows.length >= LIMIT, now, BINANCE_START)
  if (next === null)
    throw new PageRejected('Binance reported more rewards in one millisecond than it sends in one answer')
  return { records, ...next }
}
