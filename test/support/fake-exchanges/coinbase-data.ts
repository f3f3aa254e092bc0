import type { FakeCoinbaseState, FakeFill, FakeTransaction } from './coinbase'
import { makeCdpKey } from './coinbase'

/** Keys made fresh for each test run; only their permissions differ. */
export const READ_KEY = makeCdpKey(
  { can_view: true, can_trade: false, can_transfer: false },
  'a1f3c5e7-0b2d-4f6a-8c9e-1b3d5f7a9c0e'
)
export const TRADE_KEY = makeCdpKey(
  { can_view: true, can_trade: true, can_transfer: false },
  'b2e4d6f8-1c3e-4a7b-9d0f-2c4e6a8b0d1f'
)
export const TRANSFER_KEY = makeCdpKey(
  { can_view: true, can_trade: false, can_transfer: true },
  'c3f5e7a9-2d4f-4b8c-8e1a-3d5f7b9c1e2a'
)

const T0 = Date.UTC(2024, 0, 3, 9, 30, 0)
const DAY = 86_400_000
const PORTFOLIO = '0c3e6f1a-5b2d-4e8f-9a7c-1d2e3f4a5b6c'
const USER = '5f0a7c3e2b1d4e6f8a9b0c1d'

export const ACCOUNTS = {
  BTC: '2bbf394c-193b-5b2a-9155-3b4732659ede',
  ETH: '4f1e8a2c-7d3b-5c6e-9f0a-1b2c3d4e5f6a',
  SOL: '6a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d',
  USDC: '8c9d0e1f-2a3b-5c4d-9e5f-6a7b8c9d0e1f',
  USD: '9d0e1f2a-3b4c-5d5e-8f6a-7b8c9d0e1f2a',
  LTC: 'a0b1c2d3-e4f5-5a6b-9c7d-8e9f0a1b2c3d'
} as const

const iso = (ms: number) => new Date(ms).toISOString()
/** A UUID-shaped id; `kind` (one hex digit) keeps entries, trades, orders and transactions apart. */
const uuidOf = (kind: string, n: number) =>
  `${n.toString(16).padStart(8, '0')}-${kind}000-4000-8000-${n.toString(16).padStart(12, '0')}`

function fill(
  n: number,
  product: string,
  side: 'BUY' | 'SELL',
  at: number,
  price: string,
  size: string,
  fee: string
): FakeFill {
  return {
    entry_id: uuidOf('e', n),
    trade_id: uuidOf('a', n),
    order_id: uuidOf('b', Math.floor(n / 3)),
    trade_time: iso(at),
    trade_type: 'FILL',
    price,
    size,
    commission: fee,
    product_id: product,
    sequence_timestamp: iso(at),
    liquidity_indicator: side === 'BUY' ? 'TAKER' : 'MAKER',
    size_in_quote: false,
    user_id: USER,
    side,
    retail_portfolio_id: PORTFOLIO
  }
}

let txSeq = 0
function tx(
  account: keyof typeof ACCOUNTS,
  type: string,
  amount: string,
  at: number,
  extra: Partial<FakeTransaction> = {}
): FakeTransaction {
  txSeq += 1
  return {
    id: uuidOf('f', 0x10000 + txSeq),
    account: ACCOUNTS[account],
    type,
    status: 'completed',
    amount,
    currency: account,
    nativeUsd: '0.00',
    createdAt: iso(at),
    ...extra
  }
}

/**
 * A plausible Coinbase account: BTC bought over many fills (three per order, one in five a sell),
 * ETH bought and some sold for BTC, BTC received and later sent to a wallet (network fee in BTC),
 * ETH staking rewards, SOL received with an inflation reward, USDC interest, a USD bank deposit
 * (cash: not stored), one ETH send still pending, and the v2 copies of the fills, which are skipped.
 */
export function coinbaseAccount(options: { btcFills?: number } = {}): FakeCoinbaseState {
  const btcFills = options.btcFills ?? 600
  const fills: FakeFill[] = []
  for (let i = 0; i < btcFills; i += 1) {
    const sell = i % 5 === 4
    fills.push(
      fill(i, 'BTC-USD', sell ? 'SELL' : 'BUY', T0 + Math.floor(i / 3) * 600_000, '42000.00', '0.001', '0.252')
    )
  }
  for (let i = 0; i < 20; i += 1)
    fills.push(fill(100_000 + i, 'ETH-USD', 'BUY', T0 + i * DAY + 3_600_000, '2300.00', '0.05', '0.69'))
  for (let i = 0; i < 4; i += 1)
    fills.push(fill(200_000 + i, 'ETH-BTC', 'SELL', T0 + (30 + i) * DAY, '0.055', '0.1', '0.0000055'))
  txSeq = 0
  const transactions: FakeTransaction[] = [
    tx('BTC', 'receive', '0.5', T0 - DAY, { network: { fee: '0', name: 'bitcoin', hash: 'a1b2c3' } }),
    tx('BTC', 'advanced_trade_fill', '0.001', T0),
    tx('BTC', 'send', '-0.2', T0 + 100 * DAY, { network: { fee: '0.00005', name: 'bitcoin', hash: 'd4e5f6' } }),
    tx('ETH', 'advanced_trade_fill', '0.05', T0 + 3_600_000),
    tx('ETH', 'staking_reward', '0.0012', T0 + 40 * DAY),
    tx('ETH', 'staking_reward', '0.00118', T0 + 47 * DAY),
    tx('ETH', 'staking_reward', '0.00121', T0 + 54 * DAY),
    tx('ETH', 'staking_transfer', '-0.5', T0 + 39 * DAY),
    // Sent two days ago and still pending: the next sync must pick it up once completed.
    tx('ETH', 'send', '-0.1', Date.now() - 2 * DAY, {
      status: 'pending',
      network: { fee: '0.0004', name: 'ethereum', hash: '0xabc' }
    }),
    tx('SOL', 'receive', '3', T0 + 60 * DAY, { network: { fee: '0', name: 'solana', hash: '5Kq' } }),
    tx('SOL', 'inflation_reward', '0.0105', T0 + 90 * DAY),
    tx('USDC', 'receive', '500', T0 + 10 * DAY),
    tx('USDC', 'interest', '1.25', T0 + 70 * DAY),
    tx('USD', 'fiat_deposit', '1000.00', T0 - 2 * DAY)
  ]
  return {
    keys: [READ_KEY, TRADE_KEY, TRANSFER_KEY],
    accounts: [
      { uuid: ACCOUNTS.BTC, currency: 'BTC', available: '0.6103', hold: '0' },
      { uuid: ACCOUNTS.ETH, currency: 'ETH', available: '0.5', hold: '0.1004' },
      { uuid: ACCOUNTS.SOL, currency: 'SOL', available: '3.0105', hold: '0' },
      { uuid: ACCOUNTS.USDC, currency: 'USDC', available: '501.25', hold: '0' },
      { uuid: ACCOUNTS.USD, currency: 'USD', available: '812.4', hold: '0' },
      { uuid: ACCOUNTS.LTC, currency: 'LTC', available: '0', hold: '0' }
    ],
    fills,
    transactions
  }
}

export const ACCOUNT_START = T0
