import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { reconcileBySymbol } from '../../support/fake-exchanges/exchange-harness'
import { ledgerBalances } from '../../support/fake-exchanges/kraken'
import { startKrakenHarness } from '../../support/fake-exchanges/kraken-harness'
import type { KrakenHarness } from '../../support/fake-exchanges/kraken-harness'

let h: KrakenHarness
const reconcile = () => reconcileBySymbol(h, 'kraken')

beforeEach(async () => {
  h = await startKrakenHarness()
  await h.add()
  await h.call('connections:sync', {})
})
afterEach(() => h.close())

describe("reconciling Kraken's balances with the ledger", () => {
  it('matches every asset when the whole ledger was synced: staked DOT counts as DOT, cash is left out', async () => {
    const rows = await reconcile()
    expect([...rows.keys()]).toEqual(['BTC', 'DOT', 'ETH', 'SOL', 'USDC'])
    for (const r of rows.values()) expect(r, r.symbol).toMatchObject({ cause: 'match', difference: '0' })
    // 0.5 deposited + 120 × 0.01 bought − 10 × (0.055 + 0.000088) for ETH − 0.2 withdrawn − 0.00001 fee.
    expect(rows.get('BTC')).toMatchObject({ exchange: '0.94911', ledger: '0.94911' })
    // 100 deposited and moved to staking (DOT.S), 20 rewards of 0.21.
    expect(rows.get('DOT')).toMatchObject({ exchange: '104.2', ledger: '104.2' })
  })

  it('names the likely cause where Kraken holds other amounts than the ledger', async () => {
    h.fake.state.balances = { ...ledgerBalances(h.fake.state.ledger), XETH: '9.0000000000', KAVA: '12.5000000000' }
    const rows = await reconcile()
    expect(rows.get('ETH')).toMatchObject({ ledger: '9.484', exchange: '9', cause: 'missing-outflows' })
    expect(rows.get('KAVA')).toMatchObject({ ledger: '0', cause: 'not-in-ledger' })
    expect(rows.get('BTC')).toMatchObject({ cause: 'match' })
  })
})
