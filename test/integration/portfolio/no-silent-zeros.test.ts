import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core/create-core'
import type { Core } from '../../../src/main/core/create-core'
import type { Channel, ChannelInput, ChannelOutput } from '../../../src/shared/contract'
import { runCliCaptured } from '../../support/run-cli'
import { realPrice, seedRealMarket } from './real-market'

/**
 * The three ledgers the issue quotes, imported the way a user does, on real prices
 * (CoinMarketCap's daily snapshots, stored from 2022-01-01 to 2024-12-11).
 */
const NOW = Date.parse('2024-12-12T12:00:00Z')
let dir: string
let core: Core

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seasonwatch-zeros-'))
  core = createCore({ dataDir: dir, runtime: 'cli', clock: { now: () => NOW } })
  seedRealMarket(core.services.db)
})
afterEach(() => {
  core.close()
  rmSync(dir, { recursive: true, force: true })
})

async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await core.dispatch(channel, input, { runtime: 'cli' })
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code })
  return envelope.data as ChannelOutput<C>
}

const generic = (rows: string[]) =>
  ['date,type,asset,quantity,quote_asset,quote_quantity,fee_asset,fee_quantity,value_usd,note', ...rows].join('\n')

describe('no silent zeros', () => {
  it('a USDT deposit older than the stored prices has an unknown cost, not $0, and gains that spend it leave it out', async () => {
    const text = [
      '"User_ID","UTC_Time","Account","Operation","Coin","Change","Remark"',
      '"1","2021-05-03 10:00:00","Spot","Deposit","USDT","1500.00000000",""',
      '"1","2022-06-15 09:30:01","Spot","Transaction Spend","USDT","-1000.00000000",""',
      '"1","2022-06-15 09:30:01","Spot","Transaction Buy","BNB","4.00000000",""',
      '"1","2024-11-20 12:00:00","Spot","Transaction Sold","BNB","-2.00000000",""',
      '"1","2024-11-20 12:00:00","Spot","Transaction Revenue","USDT","1250.00000000",""'
    ].join('\n')
    const preview = await call('portfolio:preview-import', { text })
    // The deposit has no price (2021 is before the stored history); the two trades are valued by
    // their USDT side at USDT's daily price.
    expect(preview.valuation).toEqual({ file: 0, trade: 2, market: 0, unknown: 1, none: 0 })
    await call('portfolio:confirm-import', { text })

    const holdings = await call('portfolio:get-holdings', { method: 'fifo' })
    const usdt = holdings.holdings.find((h) => h.symbol === 'USDT')
    // 1,500 − 1,000 + 1,250 = 1,750 USDT; 500 of them are from the deposit of unknown cost.
    // Each trade is valued by the side given (V1): the BNB buy by its 1,000 USDT, the BNB sale by
    // its 2 BNB, each at that day's price.
    expect(usdt).toMatchObject({ quantity: '1750', costBasis: null, unknownCostQuantity: '500', unrealizedPnl: null })
    // Before, the deposit counted at $0: "+$1,500.90 unrealized on USDT and +$5,893 realized".
    // Now the USDT spent on BNB has an unknown basis and is not in the realized total; only the
    // BNB sale (basis known from the USDT price on the buy day) is.
    const usdtBuy = 1000 * realPrice('USDT', '2022-06-15')
    const bnbSale = 2 * realPrice('BNB', '2024-11-20')
    expect(holdings.totals.realizedPnl).toBeCloseTo(bnbSale - usdtBuy / 2, 6)
    expect(holdings.leftOut.unknownGains).toBe(1)
    expect(holdings.valueGaps).toEqual({
      transactions: 1,
      beyondTier: 1,
      unmatched: 0,
      tierFrom: '2023-12-13',
      tier: 'public'
    })
    const missing = await call('portfolio:list-transactions', { missingValue: true })
    expect(missing.transactions.map((t) => [t.date, t.kind, t.symbol])).toEqual([['2021-05-03', 'transfer_in', 'USDT']])

    // Value over time starts when something held has a price, never at $0 for 2021.
    const history = await call('portfolio:get-value-history', {})
    expect(history.points[0]).toMatchObject({ date: '2022-01-01', unpriced: 0 })
    expect(history.points[0]?.value).toBeCloseTo(1500 * realPrice('USDT', '2022-01-01'), 6)
    expect(history.points.every((p) => p.value === null || p.value > 0)).toBe(true)

    // Entering the deposit's value makes every number complete.
    const deposit = missing.transactions[0]!
    await call('portfolio:set-value', { id: deposit.id, valueUsd: '1500' })
    const fixed = await call('portfolio:get-holdings', { method: 'fifo' })
    expect(fixed.valueGaps.transactions).toBe(0)
    expect(fixed.leftOut.unknownGains).toBe(0)
    expect(fixed.holdings.find((h) => h.symbol === 'USDT')?.costBasis).toBeCloseTo(500 + bnbSale, 6)
    expect(fixed.totals.realizedPnl).toBeCloseTo(usdtBuy - 1000 + bnbSale - usdtBuy / 2, 6)
  })

  it('an ETH lot that leaves one exchange and arrives at another keeps its place: FIFO realizes +$1,500, not −$500', async () => {
    const text = generic([
      '2024-01-05,buy,ETH,1,USD,1000,,,,',
      '2024-03-05,buy,ETH,1,USD,3000,,,,',
      // The arrival is recorded a minute before the departure, as exchanges' clocks differ.
      '2024-06-01T10:00:00Z,transfer_in,ETH,1,,,,,,Binance deposit',
      '2024-06-01T10:01:00Z,transfer_out,ETH,1,,,,,,Coinbase withdrawal',
      '2024-07-01,sell,ETH,1,USD,2500,,,,'
    ])
    await call('portfolio:confirm-import', { text, mappings: { ETH: 'ethereum' } })
    const gains = await call('portfolio:get-gains', { year: 2024, method: 'fifo' })
    expect(gains.rows.map((r) => [r.acquired, r.sold, r.proceeds, r.costBasis, r.gain, r.term])).toEqual([
      ['2024-01-05', '2024-07-01', '2500.00', '1000.00', '1500.00', 'short']
    ])
    expect(gains.totals.all).toEqual({ proceeds: '2500.00', costBasis: '1000.00', gain: '1500.00', rows: 1 })
  })

  it('cash deposits and withdrawals are skipped with a count, never a EUR holding or a negative balance', async () => {
    const text = generic([
      '2024-02-01,deposit,EUR,1000,,,,,,',
      '2024-02-02,buy,BTC,0.01,EUR,400,,,420,',
      '2024-02-03,withdrawal,EUR,1050,,,,,,'
    ])
    const preview = await call('portfolio:preview-import', { text, mappings: {} })
    expect(preview).toMatchObject({ rows: 3, imported: 1, skipped: 2, errors: [] })
    await call('portfolio:confirm-import', { text })
    const holdings = await call('portfolio:get-holdings', {})
    expect(holdings.holdings.map((h) => h.symbol)).toEqual(['BTC'])
    expect(holdings.warnings).toEqual([])
  })
})

describe('reports on the command line', () => {
  it('prints gains as JSON and as Form 8949 CSV, income, and takes a value with set-value', async () => {
    const text = generic([
      '2022-03-01,buy,BTC,0.5,USD,20000,,,,',
      '2023-02-01,buy,BTC,0.5,USD,11000,,,,',
      '2023-03-02,sell,BTC,0.6,USD,14000,USD,20,,',
      '2023-04-01,income,DOT,10,,,,,,staking reward',
      '2021-06-01,income,SOL,2,,,,,,airdrop before the stored prices'
    ])
    await call('portfolio:confirm-import', { text })
    core.close()
    const args = ['--data-dir', dir, '--json']
    const gains = await runCliCaptured(['portfolio', 'gains', '--year', '2023', ...args])
    expect(gains.code).toBe(0)
    const report = JSON.parse(gains.stdout) as ChannelOutput<'portfolio:get-gains'>
    // FIFO: 0.5 BTC from 2022-03-01 (sold the day after its anniversary: long, L7) and 0.1 of the
    // 2023 lot (short);
    // proceeds 14,000 − 20 fee = 13,980, split by quantity: 11,650 and 2,330.
    expect(report.rows.map((r) => [r.quantity, r.acquired, r.proceeds, r.costBasis, r.gain, r.term])).toEqual([
      ['0.5', '2022-03-01', '11650.00', '20000.00', '-8350.00', 'long'],
      ['0.1', '2023-02-01', '2330.00', '2200.00', '130.00', 'short']
    ])
    expect(report.totals.all).toEqual({ proceeds: '13980.00', costBasis: '22200.00', gain: '-8220.00', rows: 2 })

    const csv = await runCliCaptured(['portfolio', 'gains', '--year', '2023', '--csv', '8949', '--data-dir', dir])
    expect(csv.stdout.split('\r\n').slice(0, 3)).toEqual([
      'Part,(a) Description of property,(b) Date acquired,(c) Date sold or disposed of,(d) Proceeds,(e) Cost or other basis,(f) Code(s),(g) Amount of adjustment,(h) Gain or (loss)',
      'I,0.1 BTC,02/01/2023,03/02/2023,2330.00,2200.00,,,130.00',
      'II,0.5 BTC,03/01/2022,03/02/2023,11650.00,20000.00,,,-8350.00'
    ])

    const income = JSON.parse(
      (await runCliCaptured(['portfolio', 'income', ...args])).stdout
    ) as ChannelOutput<'portfolio:get-income'>
    const dot = 10 * realPrice('DOT', '2023-04-01')
    expect(income.rows.map((r) => [r.date, r.symbol, r.value === null ? null : Number(r.value)])).toEqual([
      ['2021-06-01', 'SOL', null],
      ['2023-04-01', 'DOT', Number(dot.toFixed(2))]
    ])
    expect(income.unknownRows).toBe(1)

    const missing = JSON.parse(
      (await runCliCaptured(['portfolio', 'transactions', '--missing-value', ...args])).stdout
    ) as { id: number; symbol: string }[]
    expect(missing.map((t) => t.symbol)).toEqual(['SOL'])
    const set = await runCliCaptured(['portfolio', 'set-value', String(missing[0]!.id), '41.10', ...args])
    expect(set.code).toBe(0)
    expect(JSON.parse(set.stdout).priced).toMatchObject({ value: '41.1', source: 'user', missing: false })
    const after = JSON.parse((await runCliCaptured(['portfolio', 'income', ...args])).stdout) as typeof income
    expect(after.unknownRows).toBe(0)
    expect(Number(after.totals.value)).toBeCloseTo(Number(dot.toFixed(2)) + 41.1, 6)

    const bad = await runCliCaptured(['portfolio', 'set-value', String(missing[0]!.id), '1,000', '--data-dir', dir])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/USD must be a USD amount such as 1250.40/)
    core = createCore({ dataDir: dir, runtime: 'cli', clock: { now: () => NOW } })
  })
})
