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

/**
 * The same export's reward rows: the two Launchpool pools paid in one second (two rows of ENA with
 * different amounts) and a day of Simple Earn interest. Each is one row of the API's dividend record.
 */
const REWARDS_CSV = [
  '"User_ID","UTC_Time","Account","Operation","Coin","Change","Remark"',
  '"148832910","2024-03-31 00:00:00","Spot","Launchpool Interest","ENA","9.36150000",""',
  '"148832910","2024-03-31 00:00:00","Spot","Launchpool Interest","ENA","3.12060000",""',
  '"148832910","2024-07-21 00:02:12","Spot","Simple Earn Flexible Interest","USDT","0.27397260",""'
].join('\n')

const LAUNCHPOOL_SECOND = "kind = 'income' AND symbol = 'ENA' AND at >= 1711843200000 AND at < 1711843201000"

describe('a reward that came by CSV and again by API', () => {
  it('is stored once when the CSV came first, each of two rewards in one second matched by its amount', async () => {
    const imported = await h.call<{ imported: number }>('portfolio:confirm-import', {
      text: REWARDS_CSV,
      format: 'binance'
    })
    expect(imported.imported).toBe(3)
    const [sync] = await h.call<[{ ok: boolean; written: number; duplicates: number }]>('connections:sync', {})
    expect(sync.ok).toBe(true)
    expect(h.count(LAUNCHPOOL_SECOND)).toBe(2)
    expect(h.count(`${LAUNCHPOOL_SECOND} AND external_id IS NULL`)).toBe(2)
    // The first day of interest once; the second day, of the same amount, is the API's own row.
    expect(h.count("kind = 'income' AND symbol = 'USDT' AND at >= 1721520132000 AND at < 1721520133000")).toBe(1)
    expect(h.count("kind = 'income' AND symbol = 'USDT' AND quantity = '0.2739726'")).toBe(2)
    // The API's other rewards (a second Launchpool day, three more days of interest, an airdrop) are new.
    expect(h.count("kind = 'income' AND external_id LIKE 'income:%'")).toBe(5)
    expect(h.count("kind = 'income'")).toBe(8)
  })

  it('is stored once when the API came first', async () => {
    await h.call('connections:sync', {})
    expect(h.count(LAUNCHPOOL_SECOND)).toBe(2)
    const imported = await h.call<{ imported: number; duplicates: number }>('portfolio:confirm-import', {
      text: REWARDS_CSV,
      format: 'binance'
    })
    expect(imported).toMatchObject({ imported: 0, duplicates: 3 })
    expect(h.count("kind = 'income'")).toBe(8)
  })

  it('keeps a reward of the same asset and second but another amount as a transaction of its own', async () => {
    const other = REWARDS_CSV.replace('"3.12060000"', '"3.12000000"')
    await h.call('portfolio:confirm-import', { text: other, format: 'binance' })
    await h.call('connections:sync', {})
    // 9.3615 matched; the CSV's 3.12 and the API's 3.1206 differ, so both stay.
    expect(h.count(LAUNCHPOOL_SECOND)).toBe(3)
  })
})
