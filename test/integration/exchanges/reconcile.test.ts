import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { reconcileBySymbol } from '../../support/fake-exchanges/exchange-harness'
import { startHarness } from '../../support/fake-exchanges/harness'
import type { Harness } from '../../support/fake-exchanges/harness'

let h: Harness
const reconcile = () => reconcileBySymbol(h, 'binance')

beforeEach(async () => {
  h = await startHarness({ btcFills: 30 })
  await h.add()
  await h.call('connections:sync', {})
})
afterEach(() => h.close())

describe('reconciling an exchange with the ledger', () => {
  it("shows each asset's difference with its likely cause", async () => {
    const first = await reconcile()
    // 40 ETH buys of 0.05 less 0.00005 fee each, 5 sells of 0.1 ETH for BTC: the ledger holds 1.498.
    expect(first.get('ETH')).toMatchObject({
      ledger: '1.498',
      exchange: '1.4',
      difference: '-0.098',
      cause: 'missing-outflows'
    })
    // SOL arrived by a route the sync does not read (Binance Convert).
    expect(first.get('SOL')).toMatchObject({ ledger: '0', exchange: '0.75', cause: 'not-in-ledger' })
    expect(first.get('SOL')!.causeWords).toMatch(/no transaction brings it in/)
    // The account's only BNB came from converting small balances (an airdrop and a USDT remainder),
    // which the sync reads: BNB received less Binance's charge is what Binance credited.
    expect(first.get('BNB')).toMatchObject({ ledger: '0.0031', exchange: '0.0031', cause: 'match' })
    // The airdropped BTTC went whole into that conversion: neither side holds any.
    expect(first.has('BTTC')).toBe(false)

    // ENA came only as Launchpool rewards, which the sync reads: nothing to flag.
    expect(first.get('ENA')).toMatchObject({ ledger: '25.0014', exchange: '25.0014', cause: 'match' })

    // 0.5 BTC was withdrawn, more than the 30 fills bought: the deposit that brought it is missing.
    expect(first.get('BTC')!.ledger).toMatch(/^-0\.4/)
    expect(first.get('BTC')!.cause).toBe('missing-deposits')

    h.fake.state.balances = [
      { asset: 'ETH', free: '1.4975', locked: '0' },
      { asset: 'USDT', free: '0', locked: '0' }
    ]
    const second = await reconcile()
    expect(second.get('ETH')).toMatchObject({ cause: 'fees-or-rounding', difference: '-0.0005' })
    h.fake.state.balances = [{ asset: 'ETH', free: '1.49800000', locked: '0.00000000' }]
    expect((await reconcile()).get('ETH')).toMatchObject({ cause: 'match', difference: '0' })
    expect(second.get('USDT')).toMatchObject({ exchange: '0', cause: 'dust-conversion' })
    expect(second.has('SOL')).toBe(false)
  })

  it('records a difference as a balance adjustment, after which the asset matches', async () => {
    const before = await reconcile()
    expect(before.get('SOL')!.cause).toBe('not-in-ledger')
    const { transactionId } = await h.call<{ transactionId: number }>('connections:record-adjustment', {
      exchange: 'binance',
      symbol: 'SOL'
    })
    const row = h.core.services.db
      .prepare('SELECT kind, symbol, quantity, source FROM portfolio_transactions WHERE id = ?')
      .get(transactionId)
    expect(row).toEqual({ kind: 'holding', symbol: 'SOL', quantity: '0.75', source: 'binance' })
    expect((await reconcile()).get('SOL')).toMatchObject({ cause: 'match', ledger: '0.75' })
    // ETH held elsewhere stays: the holding row moves the whole balance only by the difference.
    await h.call('portfolio:add-transaction', {
      draft: { kind: 'transfer_in', at: '2024-06-01T00:00:00.000Z', symbol: 'ETH', quantity: '3' },
      acceptWarnings: true
    })
    await h.call('connections:record-adjustment', { exchange: 'binance', symbol: 'ETH' })
    expect((await reconcile()).get('ETH')).toMatchObject({ cause: 'match', ledger: '1.4' })
    const total = h.core.services.db
      .prepare("SELECT quantity FROM portfolio_transactions WHERE kind = 'holding' AND symbol = 'ETH'")
      .get()
    expect(total).toEqual({ quantity: '4.4' })
  })

  it('refuses to record an asset that already matches', async () => {
    await h.call('connections:record-adjustment', { exchange: 'binance', symbol: 'SOL' })
    await expect(h.call('connections:record-adjustment', { exchange: 'binance', symbol: 'SOL' })).rejects.toMatchObject(
      {
        code: 'VALIDATION'
      }
    )
  })
})
