import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ACCOUNT_START } from '../../support/fake-exchanges/coinbase-data'
import { startCoinbaseHarness } from '../../support/fake-exchanges/coinbase-harness'
import type { CoinbaseHarness } from '../../support/fake-exchanges/coinbase-harness'

const DAY = 86_400_000
const stamp = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`

/**
 * Coinbase's transaction-history report (2024 layout, with its ID column) for part of the fake
 * account: the first order's three fills as one Advanced Trade Buy row, the BTC received before
 * it, the first ETH staking reward, the BTC sent with its network fee, and a USD bank deposit.
 * Its IDs are Coinbase's report ids, which the API does not report: the same-second rule applies.
 */
const COINBASE_CSV = [
  '"You can use this transaction report to inform your likely tax obligations."',
  '',
  'Transactions',
  'User,Alex Example,5f0a7c3e2b1d4e6f8a9b0c1d',
  'ID,Timestamp,Transaction Type,Asset,Quantity Transacted,Price Currency,Price at Transaction,Subtotal,Total (inclusive of fees and/or spread),Fees and/or Spread,Notes',
  `6595a1c0e4b5a6c7d8e9f000,${stamp(ACCOUNT_START - 2 * DAY)},Deposit,USD,1000,USD,$1.00,"$1,000.00","$1,000.00",$0.00,`,
  `6595a1c0e4b5a6c7d8e9f001,${stamp(ACCOUNT_START - DAY)},Receive,BTC,0.5,USD,"$44,900.00","$22,450.00","$22,450.00",$0.00,Received 0.5 BTC from an external account`,
  `6595a1c0e4b5a6c7d8e9f002,${stamp(ACCOUNT_START)},Advanced Trade Buy,BTC,0.003,USD,"$42,000.00",$126.00,$126.76,$0.76,Bought 0.003 BTC for 126 USD on BTC-USD at 42000.00 USD/BTC`,
  `6595a1c0e4b5a6c7d8e9f003,${stamp(ACCOUNT_START + 40 * DAY)},Staking Income,ETH,0.0012,USD,"$2,400.00",$2.88,$2.88,$0.00,`,
  `6595a1c0e4b5a6c7d8e9f004,${stamp(ACCOUNT_START + 100 * DAY)},Send,BTC,-0.2,USD,"$70,000.00","$14,000.00","$14,000.00",$0.00,Sent 0.2 BTC to bc1qexample`
].join('\n')

const FIRST_ORDER = `at >= ${ACCOUNT_START} AND at < ${ACCOUNT_START + 1000} AND symbol = 'BTC'`
const SENT = `kind = 'transfer_out' AND symbol = 'BTC'`
const REWARD = `kind = 'income' AND at = ${ACCOUNT_START + 40 * DAY}`
const RECEIVED = `kind = 'transfer_in' AND symbol = 'BTC'`

let h: CoinbaseHarness
beforeEach(async () => {
  h = await startCoinbaseHarness({ btcFills: 30 })
  await h.add()
})
afterEach(() => h.close())

const importCsv = () =>
  h.call<{ imported: number; duplicates: number }>('portfolio:confirm-import', {
    text: COINBASE_CSV,
    format: 'coinbase'
  })

describe('a Coinbase transaction that came by CSV and again by API', () => {
  it('is stored once when the CSV came first', async () => {
    expect((await importCsv()).imported).toBe(4)
    const sync = await h.sync()
    expect(sync.ok).toBe(true)
    // The three fills of the first order, the receive, the reward and the send were already there.
    expect(sync.duplicates).toBe(6)
    expect(sync.written).toBe(30 + 24 + 9 - 6)
    for (const where of [FIRST_ORDER, SENT, REWARD, RECEIVED]) expect(h.count(where), where).toBe(1)
    // The CSV's rows stay, with the CSV's own values; the API added only what the CSV lacked.
    expect(h.count(`${SENT} AND external_id IS NULL AND quantity = '0.2'`)).toBe(1)
  })

  it('is stored once when the API came first', async () => {
    await h.sync()
    expect(h.count(FIRST_ORDER)).toBe(3)
    expect(await importCsv()).toMatchObject({ imported: 0, duplicates: 4 })
    expect(h.count(FIRST_ORDER)).toBe(3)
    for (const where of [SENT, REWARD, RECEIVED]) expect(h.count(where), where).toBe(1)
  })

  it('stores a CSV row the API does not have, even next to a twin of another second', async () => {
    await h.sync()
    const shifted = COINBASE_CSV.replace(stamp(ACCOUNT_START + 40 * DAY), stamp(ACCOUNT_START + 40 * DAY + 1000))
    const imported = await h.call<{ imported: number; duplicates: number }>('portfolio:confirm-import', {
      text: shifted,
      format: 'coinbase'
    })
    expect(imported).toMatchObject({ imported: 1, duplicates: 3 })
  })
})
