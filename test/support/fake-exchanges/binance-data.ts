import type { FakeBinanceState, FakeDividend, FakeDribblet, FakeFill, FakeKey } from './binance'
import { readOnlyRestrictions } from './binance'

export const READ_KEY: FakeKey = {
  apiKey: 'rk7Qm2VfXc9LpT4sWz8YbN3hJd6GaE1uKo5RiMx0vBnC2lZyPq8wSt4FgHj6Ua3e',
  secret: 'Zs9Xc2Vb7Nm4Lk1Jh8Gf5Dd3Sa6Qw0Er9Ty2Ui7Op4As1Df8Gh5Jk3Lz6Xc0Vb',
  restrictions: readOnlyRestrictions
}

export const TRADING_KEY: FakeKey = {
  apiKey: 'tk1Ab2Cd3Ef4Gh5Ij6Kl7Mn8Op9Qr0St1Uv2Wx3Yz4Ab5Cd6Ef7Gh8Ij9Kl0Mn1',
  secret: 'Qq1Ww2Ee3Rr4Tt5Yy6Uu7Ii8Oo9Pp0Aa1Ss2Dd3Ff4Gg5Hh6Jj7Kk8Ll9Zz0Xx',
  restrictions: { ...readOnlyRestrictions, enableSpotAndMarginTrading: true, enableWithdrawals: true }
}

const T0 = Date.UTC(2024, 0, 3, 9, 30, 0)

/**
 * A year of a plausible account: USDT deposited, BTC and ETH bought over many fills (orders of
 * several fills sharing a millisecond), some ETH sold for BTC, BTC withdrawn to a wallet, a EUR
 * deposit (cash: not stored) and one deposit still pending. Rewards: ENA from a Launchpool (two
 * pools paid in one transfer, in the same millisecond, then a second day), daily Simple Earn
 * interest on USDT and a BTTC airdrop, which was later converted to BNB with a USDT remainder (the
 * account's only BNB). SOL came through Binance Convert, which the sync does not read.
 */
export function binanceAccount(options: { btcFills?: number } = {}): FakeBinanceState {
  const btcFills = options.btcFills ?? 2300
  const fills: FakeFill[] = []
  let id = 100_000
  for (let i = 0; i < btcFills; i += 1) {
    const order = Math.floor(i / 3)
    const time = T0 + order * 600_000
    const buy = i % 7 !== 6
    fills.push({
      id: id++,
      symbol: 'BTCUSDT',
      orderId: 9_000_000 + order,
      price: '42000.00',
      qty: '0.00100000',
      quoteQty: '42.00000000',
      commission: buy ? '0.00000100' : '0.04200000',
      commissionAsset: buy ? 'BTC' : 'USDT',
      time,
      isBuyer: buy
    })
  }
  for (let i = 0; i < 40; i += 1) {
    fills.push({
      id: 500_000 + i,
      symbol: 'ETHUSDT',
      orderId: 7_000_000 + i,
      price: '2300.00',
      qty: '0.05000000',
      quoteQty: '115.00000000',
      commission: '0.00005000',
      commissionAsset: 'ETH',
      time: T0 + i * 86_400_000,
      isBuyer: true
    })
  }
  for (let i = 0; i < 5; i += 1) {
    fills.push({
      id: 800_000 + i,
      symbol: 'ETHBTC',
      orderId: 6_000_000 + i,
      price: '0.05500000',
      qty: '0.10000000',
      quoteQty: '0.00550000',
      commission: '0.00000550',
      commissionAsset: 'BTC',
      time: T0 + (50 + i) * 86_400_000,
      isBuyer: false
    })
  }
  return {
    keys: [READ_KEY, TRADING_KEY],
    markets: [
      { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT' },
      { symbol: 'ETHUSDT', baseAsset: 'ETH', quoteAsset: 'USDT' },
      { symbol: 'ETHBTC', baseAsset: 'ETH', quoteAsset: 'BTC' },
      { symbol: 'BTCEUR', baseAsset: 'BTC', quoteAsset: 'EUR' },
      { symbol: 'DOGEUSDT', baseAsset: 'DOGE', quoteAsset: 'USDT' },
      { symbol: 'ENAUSDT', baseAsset: 'ENA', quoteAsset: 'USDT' }
    ],
    fills,
    deposits: [
      dep('d-usdt-1', 'USDT', '60000', 'TRX', 1, T0 - 86_400_000),
      dep('d-usdt-2', 'USDT', '40000', 'BSC', 1, T0 + 200 * 86_400_000),
      dep('d-eur-1', 'EUR', '1000', 'SEPA', 1, T0 + 10 * 86_400_000),
      // Pending for two days: the next sync must still pick it up once it is credited.
      dep('d-usdt-3', 'USDT', '500', 'TRX', 0, Date.now() - 2 * 86_400_000)
    ],
    withdrawals: [
      {
        id: 'w-btc-1',
        coin: 'BTC',
        amount: '0.5',
        transactionFee: '0.0002',
        network: 'BTC',
        status: 6,
        address: 'bc1qexample',
        txId: 'f1e2d3',
        applyTime: isoSeconds(T0 + 120 * 86_400_000)
      }
    ],
    dividends: DIVIDENDS.map((d) => ({ ...d })),
    dribblets: [
      {
        operateTime: DUST_TIME,
        transId: 45_178_372_831,
        details: [
          {
            fromAsset: 'BTTC',
            amount: '2841.56000000',
            transferedAmount: '0.00226002',
            serviceChargeAmount: '0.00004612'
          },
          { fromAsset: 'USDT', amount: '0.52000000', transferedAmount: '0.00083998', serviceChargeAmount: '0.00001714' }
        ]
      }
    ] satisfies FakeDribblet[],
    balances: [
      { asset: 'BTC', free: '1.29000000', locked: '0.00000000' },
      { asset: 'USDT', free: '12000.00000000', locked: '0.00000000' },
      { asset: 'ETH', free: '1.40000000', locked: '0.00000000' },
      { asset: 'BNB', free: '0.00310000', locked: '0.00000000' },
      { asset: 'ENA', free: '25.00140000', locked: '0.00000000' },
      { asset: 'SOL', free: '0.75000000', locked: '0.00000000' }
    ]
  }
}

const LAUNCHPOOL_DAY = Date.UTC(2024, 2, 31, 0, 0, 0)
const EARN_DAY = Date.UTC(2024, 6, 21, 0, 0, 0)
const DIVIDENDS: FakeDividend[] = [
  ...[
    { id: 1_801_000_001, tranId: 160_001, amount: '9.36150000', divTime: LAUNCHPOOL_DAY },
    { id: 1_801_000_002, tranId: 160_001, amount: '3.12060000', divTime: LAUNCHPOOL_DAY },
    { id: 1_801_000_101, tranId: 160_057, amount: '12.51930000', divTime: LAUNCHPOOL_DAY + 86_400_000 }
  ].map((d) => ({ ...d, asset: 'ENA', enInfo: 'Launchpool' })),
  ...['0.27397260', '0.27397260', '0.27412301', '0.27418843'].map((amount, i) => ({
    id: 1_902_000_000 + i,
    tranId: 170_300 + i,
    amount,
    asset: 'USDT',
    divTime: EARN_DAY + i * 86_400_000 + 132_000,
    enInfo: 'Simple Earn Flexible Interest'
  })),
  {
    id: 1_903_000_000,
    tranId: 171_000,
    amount: '2841.56000000',
    asset: 'BTTC',
    divTime: Date.UTC(2024, 4, 10, 8, 0, 0),
    enInfo: 'BTTC distribution'
  }
]
const DUST_TIME = Date.UTC(2024, 5, 2, 14, 21, 9)

function dep(id: string, coin: string, amount: string, network: string, status: number, insertTime: number) {
  return { id, coin, amount, network, status, address: 'addr', txId: `tx-${id}`, insertTime }
}

/** Binance writes withdrawal times as "YYYY-MM-DD HH:MM:SS" in UTC. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

export const ACCOUNT_START = T0
