import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startHarness } from '../../support/fake-exchanges/harness'
import type { Harness } from '../../support/fake-exchanges/harness'

/**
 * Binance's own transaction-history export for the first order of the fake account (three fills
 * of one order in the same second, summed by Binance into one row per asset) and the first USDT
 * deposit. The export carries no ids, so the rule is: same second, same assets, same direction.
 */
const BINANCE_CSV = [
  '"User_ID","UTC_Time","Account","Operation","Coin","Change","Remark"',
  '"148832910","2024-01-02 09:30:00","Spot","Deposit","USDT","60000.00000000",""',
  '"148832910","2024-01-03 09:30:00","Spot","Transaction Spend","USDT","-126.00000000",""',
  '"148832910","2024-01-03 09:30:00","Spot","Transaction Buy","BTC","0.00300000",""',
  '"148832910","2024-01-03 09:30:00","Spot","Transaction Fee","BTC","-0.00000300",""'
].join('\n')

const FIRST_SECOND = "at >= 1704274200000 AND at < 1704274201000 AND symbol = 'BTC'"

let h: Harness
beforeEach(async () => {
  h = await startHarness({ btcFills: 30 })
  await h.add()
})
afterEach(() => h.close())

describe('a trade that came by CSV and again by API', () => {
  it('is stored once when the CSV came first', async () => {
    const imported = await h.call<{ imported: number }>('portfolio:confirm-import', {
      text: BINANCE_CSV,
      format: 'binance'
    })
    expect(imported.imported).toBe(2)
    const [sync] = await h.call<[{ ok: boolean; written: number; duplicates: number }]>('connections:sync', {})
    expect(sync.ok).toBe(true)
    // The three fills of the first order and the first deposit were already there.
    expect(sync.duplicates).toBe(4)
    expect(h.count(FIRST_SECOND)).toBe(1)
    expect(h.count("kind = 'transfer_in' AND symbol = 'USDT' AND quantity = '60000'")).toBe(1)
  })

  it('is stored once when the API came first', async () => {
    await h.call('connections:sync', {})
    expect(h.count(FIRST_SECOND)).toBe(3)
    const imported = await h.call<{ imported: number; duplicates: number }>('portfolio:confirm-import', {
      text: BINANCE_CSV,
      format: 'binance'
    })
    expect(imported).toMatchObject({ imported: 0, duplicates: 2 })
    expect(h.count(FIRST_SECOND)).toBe(3)
  })
})
