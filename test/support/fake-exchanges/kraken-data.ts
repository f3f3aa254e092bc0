import type { FakeKrakenKey, FakeKrakenState, FakeLedgerEntry } from './kraken'

const READ_RIGHTS: FakeKrakenKey['rights'] = [
  'Query Funds',
  'Query Open Orders & Trades',
  'Query Closed Orders & Trades',
  'Query Ledger Entries',
  'Export Data'
]

export const KRAKEN_READ_KEY: FakeKrakenKey = {
  apiKey: 'kR4xPq9ZmT2vLw8NcB5yHs3JdF6gA1uEo7WiKt0rYn2QbM4XpV9lSz6C',
  secret: Buffer.from('seasonwatch-kraken-read-only-secret-for-the-loopback-fake-000001').toString('base64'),
  rights: READ_RIGHTS
}

/** A key that could also trade and withdraw: Kraken's API cannot show the difference. */
export const KRAKEN_TRADING_KEY: FakeKrakenKey = {
  apiKey: 'kT7mNb2VcX5zAs8DfG1hJk4LqW9eR3tYu6IoP0aSd5FgH2jKl8ZxC1vB',
  secret: Buffer.from('seasonwatch-kraken-trading-secret-for-the-loopback-fake-00000002').toString('base64'),
  rights: [...READ_RIGHTS, 'Create & Modify Orders', 'Withdraw Funds']
}

/** A key with "Query Funds" only: balances answer, the ledger does not. */
export const KRAKEN_FUNDS_ONLY_KEY: FakeKrakenKey = {
  apiKey: 'kF3qWe8RtY1uIo4PaS7dFg0HjK5lZx2CvB9nMq6WeR3tYu8IoP1aSd4F',
  secret: Buffer.from('seasonwatch-kraken-funds-only-secret-for-the-loopback-fake-00003').toString('base64'),
  rights: ['Query Funds']
}

/** 2024-01-03 09:30:00 UTC, in seconds. */
export const KRAKEN_T0 = Date.UTC(2024, 0, 3, 9, 30, 0) / 1000
const DAY = 86_400

const code = (n: number, width: number) => n.toString(36).toUpperCase().padStart(width, '0').slice(-width)
/** Ids shaped like Kraken's ("L4UESK-KG3EQ-UFO4T5"), unique per prefix and counter. */
export const krakenId = (prefix: string, n: number) =>
  `${prefix}${code(n, 5)}-${code(n * 7919 + 11, 5)}-${code(n * 104_729 + 13, 6)}`

const SCALE = 10n ** 10n
const units = (text: string) => {
  const [whole, fraction = ''] = text.replace('-', '').split('.')
  const n = BigInt(whole!) * SCALE + BigInt(fraction.padEnd(10, '0'))
  return text.startsWith('-') ? -n : n
}
const cash = (asset: string) => asset.startsWith('Z')
function text(n: bigint, asset: string): string {
  const abs = n < 0n ? -n : n
  const fraction = (abs % SCALE).toString().padStart(10, '0')
  return `${n < 0n ? '-' : ''}${abs / SCALE}.${cash(asset) ? fraction.slice(0, 4) : fraction}`
}

/** Builds a ledger the way Kraken writes one: a ledger id per entry, the running balance per asset. */
export class LedgerBuilder {
  readonly entries: FakeLedgerEntry[] = []
  private readonly running = new Map<string, bigint>()
  private next = 1

  constructor(first = 1) {
    this.next = first
  }

  add(refid: string, time: number, type: string, subtype: string, asset: string, amount: string, fee = '0') {
    const balance = (this.running.get(asset) ?? 0n) + units(amount) - units(fee)
    this.running.set(asset, balance)
    this.entries.push({
      id: krakenId('L', this.next++),
      refid,
      time: Math.round(time * 10_000) / 10_000,
      type,
      subtype,
      aclass: 'currency',
      asset,
      amount: text(units(amount), asset),
      fee: text(units(fee), asset),
      balance: text(balance, asset)
    })
  }

  /** A trade: two entries sharing a trade id and a time. */
  trade(n: number, time: number, given: [string, string, string], received: [string, string, string]) {
    const refid = krakenId('T', n)
    this.add(refid, time, 'trade', '', given[0], `-${given[1]}`, given[2])
    this.add(refid, time, 'trade', '', received[0], received[1], received[2])
  }
}

/**
 * A plausible Kraken account: USD deposited (cash: not stored), BTC deposited and bought every
 * hour, ETH bought with BTC (both legs charged a fee), some ETH sold for USD, DOT deposited and
 * moved to staking (an internal move: not stored) with weekly rewards, a SOL earn reward, BTC
 * withdrawn, and USDC bought with the "Buy Crypto" button (a spend and a receive).
 * Stored as transactions: btcTrades + 46.
 */
export function krakenAccount(options: { btcTrades?: number } = {}): FakeKrakenState {
  const btcTrades = options.btcTrades ?? 120
  const b = new LedgerBuilder()
  b.add(krakenId('QC', 1), KRAKEN_T0 - 2 * DAY + 0.5521, 'deposit', '', 'ZUSD', '60000')
  b.add(krakenId('FT', 1), KRAKEN_T0 - DAY + 0.1017, 'deposit', '', 'XXBT', '0.5')
  b.add(krakenId('FT', 2), KRAKEN_T0 + 5 * DAY + 0.3319, 'deposit', '', 'DOT', '100')
  b.add(krakenId('ST', 1), KRAKEN_T0 + 5 * DAY + 60.1002, 'transfer', 'spottostaking', 'DOT', '-100')
  b.add(krakenId('ST', 1), KRAKEN_T0 + 5 * DAY + 60.1002, 'transfer', 'stakingfromspot', 'DOT.S', '100')
  for (let i = 0; i < btcTrades; i += 1)
    b.trade(i + 1, KRAKEN_T0 + i * 3600 + 0.1234, ['ZUSD', '421', '0.6736'], ['XXBT', '0.01', '0'])
  for (let j = 0; j < 10; j += 1)
    b.trade(
      100_000 + j,
      KRAKEN_T0 + (10 + 3 * j) * DAY + 0.4567,
      ['XXBT', '0.055', '0.000088'],
      ['XETH', '1', '0.0016']
    )
  for (let w = 0; w < 20; w += 1)
    b.add(krakenId('RU', w + 1), KRAKEN_T0 + (12 + 7 * w) * DAY + 0.0021, 'staking', '', 'DOT.S', '0.21')
  b.add(krakenId('RE', 1), KRAKEN_T0 + 30 * DAY + 0.7001, 'earn', 'reward', 'SOL', '0.01234')
  b.trade(200_000, KRAKEN_T0 + 60 * DAY + 0.2222, ['XETH', '0.5', '0'], ['ZUSD', '1100', '1.76'])
  b.add(krakenId('FW', 1), KRAKEN_T0 + 90 * DAY + 0.9876, 'withdrawal', '', 'XXBT', '-0.2', '0.00001')
  const buyCrypto = krakenId('FB', 1)
  b.add(buyCrypto, KRAKEN_T0 + 95 * DAY + 0.3333, 'spend', '', 'ZUSD', '-100', '1.49')
  b.add(buyCrypto, KRAKEN_T0 + 95 * DAY + 0.3333, 'receive', '', 'USDC', '98.51')
  const ledger = b.entries.sort((x, y) => x.time - y.time)
  return { keys: [KRAKEN_READ_KEY, KRAKEN_TRADING_KEY, KRAKEN_FUNDS_ONLY_KEY], ledger, balances: null }
}

/** Transactions stored from krakenAccount(options). */
export const krakenTxCount = (btcTrades = 120) => btcTrades + 46
