import { describe, expect, it } from 'vitest'
import { fillToTx, transactionToTx } from '../../../src/main/exchanges/adapters/coinbase'

const fill = {
  entry_id: 'e1',
  trade_id: 't1',
  order_id: 'o1',
  trade_time: Date.UTC(2024, 4, 2, 12),
  trade_type: 'FILL',
  price: '2500.5',
  size: '0.2',
  commission: '1.2',
  product_id: 'ETH-USDC',
  side: 'BUY' as const,
  size_in_quote: false
}

const transaction = {
  id: '6c0f5e0e-0c4b-5e0b-9d0a-1f2e3d4c5b6a',
  type: 'send',
  status: 'completed',
  amount: { amount: '-1.5', currency: 'SOL' },
  created_at: Date.UTC(2024, 4, 2, 12)
}

describe('Coinbase records in the ledger’s terms', () => {
  it('a buy of a coin for a stablecoin is a trade, the fee in the quote currency, amounts exact', () => {
    expect(fillToTx(fill)).toMatchObject({
      externalId: 'trade:e1',
      kind: 'trade',
      symbol: 'ETH',
      quantity: '0.2',
      quoteSymbol: 'USDC',
      quoteQuantity: '500.1',
      feeSymbol: 'USDC',
      feeQuantity: '1.2'
    })
  })

  it('a fill sized in the quote currency keeps what was paid exact and derives the coin amount', () => {
    expect(
      fillToTx({ ...fill, product_id: 'BTC-USD', price: '40000', size: '100', size_in_quote: true, side: 'SELL' })
    ).toMatchObject({ kind: 'sell', symbol: 'BTC', quantity: '0.0025', quoteSymbol: 'USD', quoteQuantity: '100' })
  })

  it('a send carries its network fee as a fee in the same coin, the two adding up to what left', () => {
    const tx = transactionToTx({
      ...transaction,
      network: { transaction_fee: { amount: '0.000005', currency: 'SOL' }, network_name: 'solana' }
    })
    expect(tx).toMatchObject({ kind: 'transfer_out', quantity: '1.499995', feeSymbol: 'SOL', feeQuantity: '0.000005' })
    expect(tx!.note).toBe('network solana')
  })

  it('reads rewards as income and skips cash, trades seen per account, and moves to staking', () => {
    const as = (type: string, amount: string, currency = 'ETH') =>
      transactionToTx({ ...transaction, type, amount: { amount, currency } })
    expect(as('staking_reward', '0.001')).toMatchObject({ kind: 'income', quantity: '0.001' })
    expect(as('inflation_reward', '0.02', 'SOL')).toMatchObject({ kind: 'income' })
    expect(as('receive', '0.3')).toMatchObject({ kind: 'transfer_in' })
    expect(as('fiat_deposit', '100', 'USD')).toBeNull()
    expect(as('advanced_trade_fill', '0.05')).toBeNull()
    expect(as('staking_transfer', '-0.5')).toBeNull()
    expect(as('buy', '0.5')).toBeNull()
  })
})
