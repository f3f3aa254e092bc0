import { afterEach, describe, expect, it } from 'vitest'
import { startHarness } from '../../support/fake-exchanges/harness'
import type { Harness } from '../../support/fake-exchanges/harness'

const DAY = 86_400_000
const DUST_PATH = '/sapi/v1/asset/dribblet'
const DUST_TIME = Date.UTC(2024, 5, 2, 14, 21, 9)
const DUST_SECOND = `at >= ${DUST_TIME} AND at < ${DUST_TIME + 1000}`

/**
 * The same conversion in Binance's transaction-history export: one row per asset, all in one
 * second, which the CSV import writes as legs (BNB received, each asset given).
 */
const DUST_CSV = [
  '"User_ID","UTC_Time","Account","Operation","Coin","Change","Remark"',
  '"148832910","2024-06-02 14:21:09","Spot","Small Assets Exchange BNB","BTTC","-2841.56000000",""',
  '"148832910","2024-06-02 14:21:09","Spot","Small Assets Exchange BNB","USDT","-0.52000000",""',
  '"148832910","2024-06-02 14:21:09","Spot","Small Assets Exchange BNB","BNB","0.00310000",""'
].join('\n')

let h: Harness
afterEach(() => h.close())

const dustRows = () =>
  h.core.services.db
    .prepare(
      `SELECT external_id, kind, at, symbol, quantity, quote_symbol, quote_quantity, fee_symbol, fee_quantity
       FROM portfolio_transactions WHERE external_id LIKE 'dust:%' ORDER BY external_id`
    )
    .all()

const windowsAsked = (from = 0) =>
  h.fake.requests
    .slice(from)
    .filter((r) => r.path === DUST_PATH)
    .map((r) => {
      const q = new URLSearchParams(r.query)
      return { start: Number(q.get('startTime')), end: Number(q.get('endTime')) }
    })

describe('Binance conversions of small balances to BNB (the dust stream)', () => {
  it('stores one trade per asset converted: BNB received before the charge, the charge as its fee', async () => {
    h = await startHarness({ btcFills: 6 })
    await h.add()
    const [sync] = await h.call<[{ ok: boolean }]>('connections:sync', {})
    expect(sync.ok).toBe(true)
    expect(dustRows()).toEqual([
      {
        external_id: 'dust:45178372831:BTTC',
        kind: 'trade',
        at: DUST_TIME,
        symbol: 'BNB',
        quantity: '0.00230614',
        quote_symbol: 'BTTC',
        quote_quantity: '2841.56',
        fee_symbol: 'BNB',
        fee_quantity: '0.00004612'
      },
      {
        external_id: 'dust:45178372831:USDT',
        kind: 'trade',
        at: DUST_TIME,
        symbol: 'BNB',
        quantity: '0.00085712',
        quote_symbol: 'USDT',
        quote_quantity: '0.52',
        fee_symbol: 'BNB',
        fee_quantity: '0.00001714'
      }
    ])
    // The log starts in December 2020, in windows of at most 90 days, each where the last ended.
    const windows = windowsAsked()
    expect(windows[0]!.start).toBe(Date.UTC(2020, 11, 1))
    for (const [i, w] of windows.entries()) {
      expect(w.end - w.start).toBeLessThan(90 * DAY)
      if (i > 0) expect(w.start).toBe(windows[i - 1]!.end + 1)
    }
  })

  it('asks a day later only for the days since the last sync', async () => {
    let shift = 0
    h = await startHarness({ btcFills: 6, clock: { now: () => Date.now() + shift } })
    await h.add()
    await h.call('connections:sync', {})
    const lastSync = Date.now() + shift
    shift += DAY
    h.fake.state.dribblets.push({
      operateTime: Date.now() + shift - 600_000,
      transId: 45_999_000_001,
      details: [
        { fromAsset: 'ENA', amount: '0.01930000', transferedAmount: '0.00000921', serviceChargeAmount: '0.00000018' }
      ]
    })
    const from = h.fake.requests.length
    const [next] = await h.call<[{ ok: boolean; written: number }]>('connections:sync', {})
    expect(next).toMatchObject({ ok: true, written: 1 })
    const windows = windowsAsked(from)
    expect(windows).toHaveLength(1)
    expect(Math.abs(windows[0]!.start - (lastSync - 3 * DAY))).toBeLessThan(1000)
    expect(h.count("external_id = 'dust:45999000001:ENA' AND symbol = 'BNB' AND quantity = '0.00000939'")).toBe(1)
  })

  it('writes nothing of an answer it does not know, and says so in words', async () => {
    h = await startHarness({ btcFills: 6 })
    await h.add()
    h.fake.state.dribblets[0]!.details[1]!.amount = '-0.52'
    const [failed] = await h.call<[{ ok: boolean; error: { message: string } }]>('connections:sync', {})
    expect(failed.ok).toBe(false)
    expect(failed.error.message).toMatch(/conversions of small balances in a shape Seasonwatch does not know/)
    expect(failed.error.message).not.toMatch(/userAsset|amount|\[|\{/)
    expect(h.count("external_id LIKE 'dust:%'")).toBe(0)
    h.fake.state.dribblets[0]!.details[1]!.amount = '0.52000000'
    const [resumed] = await h.call<[{ ok: boolean }]>('connections:sync', {})
    expect(resumed.ok).toBe(true)
    expect(h.count("external_id LIKE 'dust:%'")).toBe(2)
  })
})

describe('a conversion of small balances that came by CSV and again by API', () => {
  it('is stored once when the CSV came first: each API trade matches a leg of that second', async () => {
    h = await startHarness({ btcFills: 6 })
    await h.add()
    const imported = await h.call<{ imported: number }>('portfolio:confirm-import', {
      text: DUST_CSV,
      format: 'binance'
    })
    expect(imported.imported).toBe(3)
    const [sync] = await h.call<[{ ok: boolean }]>('connections:sync', {})
    expect(sync.ok).toBe(true)
    expect(h.count(`${DUST_SECOND} AND external_id LIKE 'dust:%'`)).toBe(0)
    expect(h.count(DUST_SECOND)).toBe(3)
    const bnb = await h.call<{ rows: { symbol: string; cause: string; ledger: string }[] }>('connections:reconcile', {
      exchange: 'binance'
    })
    expect(bnb.rows.find((r) => r.symbol === 'BNB')).toMatchObject({ ledger: '0.0031', cause: 'match' })
  })

  it('is stored once when the API came first', async () => {
    h = await startHarness({ btcFills: 6 })
    await h.add()
    await h.call('connections:sync', {})
    expect(h.count(DUST_SECOND)).toBe(2)
    const imported = await h.call<{ imported: number; duplicates: number }>('portfolio:confirm-import', {
      text: DUST_CSV,
      format: 'binance'
    })
    expect(imported).toMatchObject({ imported: 0, duplicates: 3 })
    expect(h.count(DUST_SECOND)).toBe(2)
  })
})
