import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startHarness } from '../../support/fake-exchanges/harness'
import type { Harness } from '../../support/fake-exchanges/harness'

interface Row {
  symbol: string
  exchange: string
  ledger: string
  difference: string
  cause: string
  causeWords: string
}

let h: Harness
const reconcile = async () =>
  new Map(
    (await h.call<{ rows: Row[] }>('connections:reconcile', { exchange: 'binance' })).rows.map((r) => [r.symbol, r])
  )

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
    // BNB arrived by a route the sync does not read (dust conversion to BNB, a reward).
    expect(first.get('BNB')).toMatchObject({ ledger: '0', exchange: '0.0031', cause: 'not-in-ledger' })
    expect(first.get('BNB')!.causeWords).toMatch(/no transaction brings it in/)

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
    expect(second.has('BNB')).toBe(false)
  })

  it('records a difference as a balance adjustment, after which the asset matches', async () => {
    const before = await reconcile()
    expect(before.get('BNB')!.cause).toBe('not-in-ledger')
    const { transactionId } = await h.call<{ transactionId: number }>('connections:record-adjustment', {
      exchange: 'binance',
      symbol: 'BNB'
    })
    const row = h.core.services.db
      .prepare('SELECT kind, symbol, quantity, source FROM portfolio_transactions WHERE id = ?')
      .get(transactionId)
    expect(row).toEqual({ kind: 'holding', symbol: 'BNB', quantity: '0.0031', source: 'binance' })
    expect((await reconcile()).get('BNB')).toMatchObject({ cause: 'match', ledger: '0.0031' })
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
    await h.call('connections:record-adjustment', { exchange: 'binance', symbol: 'BNB' })
    await expect(h.call('connections:record-adjustment', { exchange: 'binance', symbol: 'BNB' })).rejects.toMatchObject(
      {
        code: 'VALIDATION'
      }
    )
  })
})
