import type { Exchange } from 'ccxt'
import { z } from 'zod'
import { isFiat } from '../../portfolio/assets'
import type { ApiTx, Page } from '../adapter-types'
import { PageRejected } from '../adapter-types'
import { amountOf, amountText, formatDecimal, idField, timeField } from './fields'
import { DAY, nextNewestFirst, readNewestFirst } from './binance-windows'

/** Binance keeps its dust log from December 2020 on. */
const DUST_START = Date.UTC(2020, 11, 1)
/** Windows as ccxt asks them (90 days); Binance documents no wider one for this log. */
const WINDOW = 90 * DAY
/** Binance answers at most the last 100 conversions. */
const LIMIT = 100
const DECIMAL_TEXT = /^\d{1,40}(\.\d{1,30})?$/
const decimal = z.string().max(80).regex(DECIMAL_TEXT)

const dustSchema = z.object({
  total: z.coerce.number().int().nonnegative(),
  userAssetDribblets: z
    .array(
      z.object({
        operateTime: timeField,
        transId: idField,
        totalTransferedAmount: decimal,
        totalServiceChargeAmount: decimal,
        userAssetDribbletDetails: z
          .array(
            z.object({
              transId: idField,
              fromAsset: z.string().min(1).max(20),
              amount: decimal,
              transferedAmount: decimal,
              serviceChargeAmount: decimal,
              operateTime: timeField
            })
          )
          .max(1000)
      })
    )
    .max(LIMIT)
    .default([])
})

type DustDetail = z.infer<typeof dustSchema>['userAssetDribblets'][number]['userAssetDribbletDetails'][number]

interface DustClient {
  sapiGetAssetDribblet(params: Record<string, unknown>): Promise<unknown>
}

/**
 * One asset of a conversion of small balances to BNB, in the ledger's terms: BNB received for the
 * asset given. Binance credits `transferedAmount` after taking `serviceChargeAmount`, so the BNB
 * received is their sum and the charge is the fee, which leaves the BNB credited. The conversion's
 * assets share its transId: the id is the transId and the asset.
 */
export function dustToTx(d: DustDetail): ApiTx {
  const from = d.fromAsset.toUpperCase()
  const charge = amountText(d.serviceChargeAmount)
  return {
    externalId: `dust:${d.transId}:${from}`,
    kind: isFiat(from) ? 'buy' : 'trade',
    at: d.operateTime,
    symbol: 'BNB',
    quantity: formatDecimal(amountOf(d.transferedAmount) + amountOf(d.serviceChargeAmount)),
    quoteSymbol: from,
    quoteQuantity: amountText(d.amount),
    feeSymbol: charge === '0' ? null : 'BNB',
    feeQuantity: charge === '0' ? null : charge,
    note: 'small balance converted to BNB'
  }
}

/** One answer of `GET /sapi/v1/asset/dribblet`, the log of small balances converted to BNB. */
export async function dustPage(client: Exchange, cursor: string | null, now: number): Promise<Page> {
  const c = readNewestFirst(cursor, DUST_START)
  const start = Math.min(c.start, now)
  const top = c.top ?? Math.min(start + WINDOW - 1, now)
  const end = c.end ?? top
  const raw = await (client as unknown as DustClient).sapiGetAssetDribblet({ startTime: start, endTime: end })
  const parsed = dustSchema.safeParse(raw)
  if (!parsed.success)
    throw new PageRejected('Binance sent its conversions of small balances in a shape Seasonwatch does not know')
  const conversions = parsed.data.userAssetDribblets
  if (conversions.some((d) => d.operateTime < start || d.operateTime > end))
    throw new PageRejected('Binance sent a conversion dated outside the time Seasonwatch asked for')
  const records = conversions.flatMap((d) => d.userAssetDribbletDetails.map(dustToTx))
  const times = conversions.map((d) => d.operateTime)
  const next = nextNewestFirst({ start, top, end }, times, conversions.length >= LIMIT, now, DUST_START)
  if (next === null)
    throw new PageRejected('Binance reported more conversions in one millisecond than it sends in one answer')
  return { records, ...next }
}
