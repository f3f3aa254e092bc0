import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { reconcileBySymbol } from '../../support/fake-exchanges/exchange-harness'
import { startCoinbaseHarness } from '../../support/fake-exchanges/coinbase-harness'
import type { CoinbaseHarness } from '../../support/fake-exchanges/coinbase-harness'

let h: CoinbaseHarness
const reconcile = () => reconcileBySymbol(h, 'coinbase')

beforeEach(async () => {
  h = await startCoinbaseHarness({ btcFills: 30 })
  await h.add()
  await h.sync()
})
afterEach(() => h.close())

describe('reconciling Coinbase with the ledger', () => {
  it("compares each held asset's available and held balance with the ledger, cash left out", async () => {
    const rows = await reconcile()
    expect([...rows.keys()]).toEqual(['BTC', 'ETH', 'SOL', 'USDC'])
    // Received 3 SOL and a 0.0105 reward; received 500 USDC and 1.25 interest.
    expect(rows.get('SOL')).toMatchObject({ exchange: '3.0105', ledger: '3.0105', cause: 'match' })
    expect(rows.get('USDC')).toMatchObject({ ledger: '501.25', cause: 'match' })
    // 1 ETH bought, 0.4 sold for BTC, 0.00359 staked rewards; Coinbase holds 0.1004 for the pending send.
    expect(rows.get('ETH')).toMatchObject({ exchange: '0.6004', ledger: '0.60359', cause: 'fees-or-rounding' })
    // 0.5 received, 24 buys and 6 sells of 0.001, 0.022 from ETH less 0.000022 fees, 0.2 sent with its fee.
    expect(rows.get('BTC')).toMatchObject({ ledger: '0.339978', exchange: '0.6103', cause: 'missing-deposits' })
  })

  it('matches once the pending send is completed and synced, and records a difference as an adjustment', async () => {
    h.fake.state.transactions.find((t) => t.status === 'pending')!.status = 'completed'
    h.fake.state.accounts.find((a) => a.currency === 'ETH')!.available = '0.50359'
    h.fake.state.accounts.find((a) => a.currency === 'ETH')!.hold = '0'
    expect(await h.sync()).toMatchObject({ ok: true, written: 1 })
    expect((await reconcile()).get('ETH')).toMatchObject({ cause: 'match', ledger: '0.50359' })
    await h.call('connections:record-adjustment', { exchange: 'coinbase', symbol: 'BTC' })
    expect((await reconcile()).get('BTC')).toMatchObject({ cause: 'match', ledger: '0.6103' })
  })
})
