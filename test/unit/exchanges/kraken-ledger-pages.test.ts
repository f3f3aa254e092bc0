import type { Exchange } from 'ccxt'
import { describe, expect, it } from 'vitest'
import { PageRejected } from '../../../src/main/exchanges/adapter-types'
import { krakenAdapter } from '../../../src/main/exchanges/adapters/kraken'

/** Kraken's Ledgers answers, one per call, and the parameters each call was made with. */
function client(answers: Record<string, Record<string, unknown>>[]) {
  const asked: Record<string, unknown>[] = []
  // Kraken's count is every entry the query matches, not the page's.
  const count = answers.reduce((n, a) => n + Object.keys(a).length, 0)
  const stub = {
    async privatePostLedgers(params: Record<string, unknown>) {
      asked.push(params)
      const ledger = answers.shift() ?? {}
      return { error: [], result: { ledger, count } }
    }
  }
  return { client: stub as unknown as Exchange, asked }
}

const leg = (refid: string, time: number, asset: string, amount: string, fee = '0.0000000000') => ({
  refid,
  time,
  type: 'trade',
  subtype: '',
  aclass: 'currency',
  asset,
  amount,
  fee,
  balance: '1.0000000000'
})
const page = (c: Exchange, cursor: string | null) => krakenAdapter.page(c, 'ledger', cursor, Date.now())

describe("Kraken's ledger pages", () => {
  it('keeps a trade leg whose other half is on the next page in the cursor, and pairs them there', async () => {
    const half = { 'LA0001-AAAAA-000001': leg('TQ0001-AAAAA-000001', 1704274200.1234, 'XXBT', '0.0100000000') }
    const other = { 'LA0002-AAAAA-000002': leg('TQ0001-AAAAA-000001', 1704274200.1234, 'ZUSD', '-421.0000', '0.6736') }
    const full = Object.fromEntries(
      Array.from({ length: 49 }, (_, i) => [
        `LB${String(i).padStart(4, '0')}-BBBBB-00000${i % 10}`,
        { ...leg('', 1704280000 + i, 'DOT.S', '0.2100000000'), type: 'staking', refid: `RU${i}` }
      ])
    )
    const { client: c, asked } = client([{ ...full, ...half }, other])
    const first = await page(c, null)
    expect(first.done).toBe(false)
    expect(first.records).toHaveLength(49)
    expect(JSON.parse(first.next)).toMatchObject({ ofs: 50, upTo: 1704280048, held: [{ id: 'LA0001-AAAAA-000001' }] })
    const second = await page(c, first.next)
    expect(asked[1]).toEqual({ ofs: 50, end: 1704280048 })
    expect(second.records).toEqual([
      expect.objectContaining({
        externalId: 'trade:TQ0001-AAAAA-000001',
        kind: 'buy',
        symbol: 'BTC',
        quantity: '0.01',
        quoteSymbol: 'USD',
        quoteQuantity: '421',
        feeSymbol: 'USD',
        feeQuantity: '0.6736'
      })
    ])
    expect(second.done).toBe(true)
    // The next sweep starts at the second of the newest entry read: Kraken takes whole seconds.
    expect(JSON.parse(second.next)).toEqual({ after: 1704280048, upTo: null, ofs: 0, held: [] })
  })

  it('lets go of a leg still alone after two sweeps (one read again after its trade was stored)', async () => {
    const lone = { 'LA0003-AAAAA-000003': leg('TQ0002-AAAAA-000002', 1704274300.5, 'XETH', '1.0000000000') }
    const { client: c } = client([lone, {}])
    const first = await page(c, null)
    expect(first.records).toEqual([])
    expect(JSON.parse(first.next).held).toMatchObject([{ id: 'LA0003-AAAAA-000003', carried: true }])
    const second = await page(c, first.next)
    expect(second).toMatchObject({ records: [], done: true })
    expect(JSON.parse(second.next)).toEqual({ after: 1704274300.5, upTo: null, ofs: 0, held: [] })
  })

  it('writes nothing of a page holding an entry of a type it does not know, and says which', async () => {
    const odd = {
      'LA0004-AAAAA-000004': { ...leg('NF0001', 1704274400, 'SOL', '1.0000000000'), type: 'nfttrade' }
    }
    const { client: c } = client([odd])
    await expect(page(c, null)).rejects.toThrow(PageRejected)
    const { client: again } = client([odd])
    await expect(page(again, null)).rejects.toThrow(/type "nfttrade" is not one Seasonwatch knows/)
  })

  it('refuses amounts that are not exact decimals', async () => {
    const bad = { 'LA0005-AAAAA-000005': { ...leg('T1', 1704274400, 'XXBT', '1e-8'), type: 'deposit' } }
    const { client: c } = client([bad])
    await expect(page(c, null)).rejects.toThrow(/shape Seasonwatch does not know/)
  })
})
