/**
 * Every rule of docs/cost-basis.md with a ledger worked by hand: the document's own examples and a
 * few edge cases, each worked in the comment above it. Amounts are exact decimals.
 */
import { describe, expect, it } from 'vitest'
import type { CostMethod } from '../../../src/shared/contract/portfolio'
import { createLocalDates, termOf, yearOf } from '../../../src/shared/tax-dates'
import { runLedger } from '../../../src/main/portfolio/ledger/run-ledger'
import type { Disposal, LedgerResult } from '../../../src/main/portfolio/ledger/types'
import { LedgerBuilder, PriceTable, fmt } from './ledger-support'

const noPrices = new PriceTable()
const run = (b: LedgerBuilder, method: CostMethod = 'fifo', prices: PriceTable = noPrices) =>
  runLedger(b.txs, method, prices.lookup)

const date = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** The open lots of a coin as { tx, date, quantity, cost }, in the method's order. */
function lots(result: LedgerResult, key: string) {
  return (result.positions.get(key)?.lots ?? []).map((l) => ({
    tx: l.txId,
    date: date(l.acquiredAt),
    quantity: fmt(l.quantity),
    cost: fmt(l.cost)
  }))
}

const quantity = (result: LedgerResult, key: string) => fmt(result.positions.get(key)?.quantity ?? 0n)

function basisOf(d: Disposal): bigint | null {
  return d.parts.some((p) => p.cost === null) ? null : d.parts.reduce((s, p) => s + (p.cost as bigint), 0n)
}

/** A disposal as { tx, cause, coin, quantity, proceeds, basis, gain }. */
function sold(d: Disposal) {
  const basis = basisOf(d)
  return {
    tx: d.txId,
    cause: d.cause,
    coin: d.key,
    quantity: fmt(d.quantity),
    proceeds: fmt(d.proceeds),
    basis: fmt(basis),
    gain: d.proceeds === null || basis === null ? null : fmt(d.proceeds - basis)
  }
}

const disposals = (result: LedgerResult) => result.disposals.map(sold)
const disposalsOf = (result: LedgerResult, txId: number) => result.disposals.filter((d) => d.txId === txId).map(sold)

/** The parts of a disposal as { lot tx, quantity, cost, proceeds }. */
const parts = (d: Disposal) =>
  d.parts.map((p) => ({
    lot: p.lot?.txId ?? null,
    quantity: fmt(p.quantity),
    cost: fmt(p.cost),
    proceeds: fmt(p.proceeds)
  }))

const value = (result: LedgerResult, txId: number) => {
  const v = result.values.get(txId)
  return { value: fmt(v?.value ?? null), source: v?.source }
}
const feeValue = (result: LedgerResult, txId: number) => {
  const v = result.values.get(txId)
  return { value: fmt(v?.feeValue ?? null), source: v?.feeSource }
}

describe('V1. The order of value sources', () => {
  // Bought 2 BNB for 600 USDT with USDT at 1.0002: 600 × 1.0002 = 600.12 from the other leg; the
  // BNB lot costs 600.12.
  it('the other leg of a trade: 2 BNB for 600 USDT at 1.0002 is worth 600.12 (the document example)', () => {
    const b = new LedgerBuilder()
    b.buy('2024-04-01', '600 USDT', { quote: '600 USD' })
    const trade = b.trade('2024-05-01', '2 BNB', { quote: '600 USDT' })
    const prices = new PriceTable().set('tether', '2024-05-01', 1.0002).set('binancecoin', '2024-05-01', 301)
    const result = run(b, 'fifo', prices)
    expect(value(result, trade.id)).toEqual({ value: '600.12', source: 'trade' })
    expect(lots(result, 'binancecoin')).toEqual([{ tx: trade.id, date: '2024-05-01', quantity: '2', cost: '600.12' }])
  })

  // Same trade, USDT unpriced that day, BNB at 301: 2 × 301 = 602 from the daily price.
  it('the traded coin’s daily price when the other leg has none: 2 × 301 = 602', () => {
    const b = new LedgerBuilder()
    b.buy('2024-04-01', '600 USDT', { quote: '600 USD' })
    const trade = b.trade('2024-05-01', '2 BNB', { quote: '600 USDT' })
    const result = run(b, 'fifo', new PriceTable().set('binancecoin', '2024-05-01', 301))
    expect(value(result, trade.id)).toEqual({ value: '602', source: 'market' })
    expect(lots(result, 'binancecoin')[0]?.cost).toBe('602')
  })

  it('a stated value comes first: the file’s 610 and the user’s 605 beat the other leg and the daily price', () => {
    const b = new LedgerBuilder()
    b.buy('2024-04-01', '1200 USDT', { quote: '1200 USD' })
    const file = b.trade('2024-05-01', '2 BNB', { quote: '600 USDT', value: '610', source: 'file' })
    const user = b.trade('2024-05-01', '2 BNB', { quote: '600 USDT', value: '605', source: 'user' })
    const prices = new PriceTable().set('tether', '2024-05-01', 1.0002).set('binancecoin', '2024-05-01', 301)
    const result = run(b, 'fifo', prices)
    expect(value(result, file.id)).toEqual({ value: '610', source: 'file' })
    expect(value(result, user.id)).toEqual({ value: '605', source: 'user' })
  })

  // A USD cash leg is its own value: 1,000, not 0.5 × 2,100.
  it('a USD cash leg is its own value', () => {
    const b = new LedgerBuilder()
    const buy = b.buy('2024-05-01', '0.5 ETH', { quote: '1000 USD' })
    const result = run(b, 'fifo', new PriceTable().set('ethereum', '2024-05-01', 2100))
    expect(value(result, buy.id)).toEqual({ value: '1000', source: 'trade' })
  })

  // A EUR leg is cash but not USD, and cash has no daily price: the value is 0.5 × 2,100 = 1,050;
  // with no ETH price either, it is unknown.
  it('a cash leg in another currency gives way to the coin’s daily price, else unknown', () => {
    const b = new LedgerBuilder()
    const priced = b.buy('2024-05-01', '0.5 ETH', { quote: '900 EUR' })
    const unpriced = b.buy('2024-05-20', '0.5 ETH', { quote: '900 EUR' })
    const result = run(b, 'fifo', new PriceTable().set('ethereum', '2024-05-01', 2100))
    expect(value(result, priced.id)).toEqual({ value: '1050', source: 'market' })
    expect(value(result, unpriced.id)).toEqual({ value: null, source: 'unknown' })
    expect(result.unknownValues.has(unpriced.id)).toBe(true)
  })

  // The daily price of the transaction's UTC day: 23:59 UTC on 10 March is 10 March (2,000), one
  // minute after midnight on 11 March is 11 March (3,000).
  it('the daily price is the one of the transaction’s UTC day', () => {
    const b = new LedgerBuilder()
    const late = b.income('2024-03-10T23:59:00Z', '1 ETH')
    const early = b.income('2024-03-11T00:01:00Z', '1 ETH')
    const prices = new PriceTable().set('ethereum', '2024-03-10', 2000).set('ethereum', '2024-03-11', 3000)
    const result = run(b, 'fifo', prices)
    expect(value(result, late.id).value).toBe('2000')
    expect(value(result, early.id).value).toBe('3000')
  })
})

describe('V2. Price sources', () => {
  it('each value and each fee value says where it came from: file, user, trade, market, unknown', () => {
    const b = new LedgerBuilder()
    const file = b.buy('2024-05-01', '1 ETH', { quote: '2000 USD', value: '1990', source: 'file' })
    const trade = b.buy('2024-05-01', '1 ETH', { quote: '2000 USD', fee: '0.001 ETH', feeValue: '2.5' })
    const market = b.income('2024-05-01', '0.1 ETH')
    const unknown = b.income('2024-05-01', '10 XYZ')
    const userFee = b.fee('2024-05-02', '0.01 ETH', { value: '21', source: 'user' })
    const result = run(b, 'fifo', new PriceTable().set('ethereum', '2024-05-01', 2100))
    expect(value(result, file.id).source).toBe('file')
    expect(value(result, trade.id).source).toBe('trade')
    expect(feeValue(result, trade.id)).toEqual({ value: '2.5', source: 'user' })
    expect(value(result, market.id).source).toBe('market')
    expect(value(result, unknown.id).source).toBe('unknown')
    expect(value(result, userFee.id)).toEqual({ value: '21', source: 'user' })
    // A transaction without a fee leg has no fee value and no fee source.
    expect(feeValue(result, market.id)).toEqual({ value: null, source: null })
  })
})

describe('V3. Unknown is not zero', () => {
  // The document's example: a 2021 deposit of 1,500 USDT with no stored price gets a lot of unknown
  // cost; spending 600 of it in 2024 (USDT at 1: proceeds 600) gives a disposal with an unknown
  // basis, so no gain.
  it('a deposit with no price has an unknown cost, and the disposal that consumes it an unknown basis', () => {
    const b = new LedgerBuilder()
    const deposit = b.receive('2021-03-01', '1500 USDT')
    const trade = b.trade('2024-06-01', '2 BNB', { quote: '600 USDT' })
    const result = run(b, 'fifo', new PriceTable().set('tether', '2024-06-01', 1))
    expect(lots(result, 'tether')).toEqual([{ tx: deposit.id, date: '2021-03-01', quantity: '900', cost: null }])
    expect(disposalsOf(result, trade.id)).toEqual([
      { tx: trade.id, cause: 'trade', coin: 'tether', quantity: '600', proceeds: '600', basis: null, gain: null }
    ])
    expect(result.unknownValues.has(deposit.id)).toBe(true)
    expect(result.unknownValues.has(trade.id)).toBe(false)
  })

  it('a sale at an unknown value has unknown proceeds; an income at an unknown value is unknown, not 0', () => {
    const b = new LedgerBuilder()
    b.buy('2024-01-10', '10 XYZ', { quote: '50 USD' })
    const sale = b.sell('2024-02-10', '4 XYZ')
    const income = b.income('2024-03-10', '1 XYZ')
    const result = run(b)
    expect(disposalsOf(result, sale.id)).toEqual([
      { tx: sale.id, cause: 'sale', coin: 'symbol:XYZ', quantity: '4', proceeds: null, basis: '20', gain: null }
    ])
    expect(result.incomes.map((i) => ({ tx: i.txId, value: fmt(i.value), source: i.source }))).toEqual([
      { tx: income.id, value: null, source: 'unknown' }
    ])
    expect([...result.unknownValues].sort()).toEqual([sale.id, income.id].sort())
    // The income's lot has an unknown cost too.
    expect(lots(result, 'symbol:XYZ').map((l) => l.cost)).toEqual(['30', null])
  })
})

describe('V4. Fee values', () => {
  // Fee in USD: its own value, 10; the lot costs 2,000 + 10.
  it('a fee in USD is its own value', () => {
    const b = new LedgerBuilder()
    const buy = b.buy('2024-05-01', '1 ETH', { quote: '2000 USD', fee: '10 USD' })
    const result = run(b)
    expect(feeValue(result, buy.id).value).toBe('10')
    expect(lots(result, 'ethereum')[0]?.cost).toBe('2010')
  })

  // The document's example: 1 ETH for 2,000 USDT (value 2,000), fee 0.002 ETH: 0.002 × 2,000 = 4.
  // The lot costs 2,004 and pays the fee: 0.002 ETH leave it at 0.002 × 2,004 = 4.008, so the fee
  // disposal gains 4 − 4.008 = −0.008 and the lot keeps 0.998 ETH at 1,999.992.
  it('a fee in the received coin is valued at the trade’s unit value: 0.002 ETH of a 2,000 trade is 4', () => {
    const b = new LedgerBuilder()
    b.buy('2024-04-01', '2000 USDT', { quote: '2000 USD' })
    const trade = b.trade('2024-05-01', '1 ETH', { quote: '2000 USDT', fee: '0.002 ETH' })
    const prices = new PriceTable().set('tether', '2024-05-01', 1).set('ethereum', '2024-05-01', 2300)
    const result = run(b, 'fifo', prices)
    expect(value(result, trade.id).value).toBe('2000')
    expect(feeValue(result, trade.id).value).toBe('4')
    expect(disposalsOf(result, trade.id).find((d) => d.cause === 'fee')).toEqual({
      tx: trade.id,
      cause: 'fee',
      coin: 'ethereum',
      quantity: '0.002',
      proceeds: '4',
      basis: '4.008',
      gain: '-0.008'
    })
    expect(lots(result, 'ethereum')).toEqual([
      { tx: trade.id, date: '2024-05-01', quantity: '0.998', cost: '1999.992' }
    ])
  })

  // Fee of 2 USDT on a trade that gives 2,000 USDT for a value of 2,000: 2,000 × 2 / 2,000 = 2
  // (not 2 × USDT's daily price of 1.01).
  it('a fee in the given coin is valued at the trade’s unit value too', () => {
    const b = new LedgerBuilder()
    b.buy('2024-04-01', '2100 USDT', { quote: '2100 USD' })
    const trade = b.trade('2024-05-01', '1 ETH', { quote: '2000 USDT', fee: '2 USDT', value: '2000' })
    const result = run(b, 'fifo', new PriceTable().set('tether', '2024-05-01', 1.01))
    expect(feeValue(result, trade.id).value).toBe('2')
    expect(lots(result, 'ethereum')[0]?.cost).toBe('2002')
  })

  // A fee in a coin the trade does not touch: its daily price, 0.01 × 500 = 5; entered by the
  // user: 7; unpriced: unknown, and so is the bought lot's cost.
  it('any other coin fee is valued at its own daily price, or as entered, or unknown', () => {
    const b = new LedgerBuilder()
    b.buy('2024-04-01', '1 BNB', { quote: '300 USD' })
    b.buy('2024-04-01', '10 XYZ', { quote: '10 USD' })
    const bnb = b.buy('2024-05-01', '1 ETH', { quote: '2000 USD', fee: '0.01 BNB' })
    const entered = b.buy('2024-05-01', '1 ETH', { quote: '2000 USD', fee: '0.01 BNB', feeValue: '7' })
    const unpriced = b.buy('2024-05-01', '1 ETH', { quote: '2000 USD', fee: '1 XYZ' })
    const result = run(b, 'fifo', new PriceTable().set('binancecoin', '2024-05-01', 500))
    expect(feeValue(result, bnb.id)).toEqual({ value: '5', source: 'market' })
    expect(feeValue(result, entered.id)).toEqual({ value: '7', source: 'user' })
    expect(feeValue(result, unpriced.id)).toEqual({ value: null, source: 'unknown' })
    expect(lots(result, 'ethereum').map((l) => [l.tx, l.cost])).toEqual([
      [bnb.id, '2005'],
      [entered.id, '2007'],
      [unpriced.id, null]
    ])
    // It is the fee's value that is missing, not the buy's own (2,000 USD).
    expect(result.unknownFees.has(unpriced.id)).toBe(true)
    expect(result.unknownValues.has(unpriced.id)).toBe(false)
  })
})

describe('V5. Stablecoins are coins', () => {
  // USDT at 0.98: 600 USDT are worth 588, and the BNB lot costs 588, not 600.
  it('a stablecoin off its peg is valued at its daily price', () => {
    const b = new LedgerBuilder()
    b.buy('2024-04-01', '600 USDT', { quote: '600 USD' })
    const trade = b.trade('2024-05-01', '2 BNB', { quote: '600 USDT' })
    const result = run(b, 'fifo', new PriceTable().set('tether', '2024-05-01', 0.98))
    expect(value(result, trade.id)).toEqual({ value: '588', source: 'trade' })
  })

  it('a stablecoin with no stored price is unknown, never one dollar', () => {
    const b = new LedgerBuilder()
    b.buy('2024-04-01', '600 USDT', { quote: '600 USD' })
    const trade = b.trade('2024-05-01', '2 BNB', { quote: '600 USDT' })
    const result = run(b)
    expect(value(result, trade.id)).toEqual({ value: null, source: 'unknown' })
    expect(lots(result, 'binancecoin')[0]?.cost).toBeNull()
  })
})

describe('L1. Acquisitions', () => {
  // The document's example: 0.1 BTC for 4,000 USD with a 12.49 USD fee: one lot costing 4,012.49.
  it('a buy creates a lot at its value plus its fee: 4,000 + 12.49', () => {
    const b = new LedgerBuilder()
    const buy = b.buy('2024-01-10', '0.1 BTC', { quote: '4000 USD', fee: '12.49 USD' })
    expect(lots(run(b), 'bitcoin')).toEqual([{ tx: buy.id, date: '2024-01-10', quantity: '0.1', cost: '4012.49' }])
  })

  // Staking 0.5 ETH at 2,000: a lot of 1,000 and an income of 1,000.
  it('income creates a lot at its value on receipt and is reported as income', () => {
    const b = new LedgerBuilder()
    const income = b.income('2024-05-01', '0.5 ETH')
    const result = run(b, 'fifo', new PriceTable().set('ethereum', '2024-05-01', 2000))
    expect(lots(result, 'ethereum')).toEqual([{ tx: income.id, date: '2024-05-01', quantity: '0.5', cost: '1000' }])
    expect(result.incomes.map((i) => [i.txId, fmt(i.quantity), fmt(i.value), i.source])).toEqual([
      [income.id, '0.5', '1000', 'market']
    ])
  })

  // A transfer in that matches nothing, and a holding row that raises the balance from 1 to 3:
  // lots at their value on arrival (1 × 2,000 and 2 × 2,100), no income.
  it('coins from outside (an unmatched transfer in, a holding rise) get a lot at their value, not income', () => {
    const b = new LedgerBuilder()
    const arrival = b.receive('2024-05-01', '1 ETH')
    const holding = b.holding('2024-05-02', '3 ETH')
    const prices = new PriceTable().set('ethereum', '2024-05-01', 2000).set('ethereum', '2024-05-02', 2100)
    const result = run(b, 'fifo', prices)
    expect(lots(result, 'ethereum')).toEqual([
      { tx: arrival.id, date: '2024-05-01', quantity: '1', cost: '2000' },
      { tx: holding.id, date: '2024-05-02', quantity: '2', cost: '4200' }
    ])
    expect(result.incomes).toEqual([])
  })
})

describe('L2. Disposals', () => {
  // The document's example: 1 BTC at 10,000 (Jan), 1 BTC at 20,000 (Feb); 1.5 BTC sold for
  // 45,000 (FIFO): basis 10,000 + 0.5 × 20,000 = 20,000, gain 25,000. Proceeds split by quantity:
  // 45,000 × 1/1.5 = 30,000 and the rest, 15,000.
  it('1.5 BTC sold for 45,000 over lots of 10,000 and 20,000: basis 20,000, gain 25,000 (FIFO)', () => {
    const b = new LedgerBuilder()
    const jan = b.buy('2024-01-10', '1 BTC', { quote: '10000 USD' })
    const feb = b.buy('2024-02-10', '1 BTC', { quote: '20000 USD' })
    const sale = b.sell('2024-03-10', '1.5 BTC', { quote: '45000 USD' })
    const result = run(b)
    expect(disposals(result)).toEqual([
      { tx: sale.id, cause: 'sale', coin: 'bitcoin', quantity: '1.5', proceeds: '45000', basis: '20000', gain: '25000' }
    ])
    expect(parts(result.disposals[0] as Disposal)).toEqual([
      { lot: jan.id, quantity: '1', cost: '10000', proceeds: '30000' },
      { lot: feb.id, quantity: '0.5', cost: '10000', proceeds: '15000' }
    ])
    expect(lots(result, 'bitcoin')).toEqual([{ tx: feb.id, date: '2024-02-10', quantity: '0.5', cost: '10000' }])
  })

  // A sale's fee comes off its proceeds: 30,000 − 30 = 29,970.
  it('a sale’s fee comes off its proceeds', () => {
    const b = new LedgerBuilder()
    b.buy('2024-01-10', '1 BTC', { quote: '10000 USD' })
    const sale = b.sell('2024-03-10', '1 BTC', { quote: '30000 USD', fee: '30 USD' })
    expect(disposalsOf(run(b), sale.id)).toEqual([
      { tx: sale.id, cause: 'sale', coin: 'bitcoin', quantity: '1', proceeds: '29970', basis: '10000', gain: '19970' }
    ])
  })

  // Proceeds split over three parts by quantity, the last taking the remainder: 100 over
  // 1/3, 1/3, 1/3 of the quantity is 33.333…333, 33.333…333 and 33.333…334.
  it('the last part takes the remainder of the proceeds', () => {
    const b = new LedgerBuilder()
    b.buy('2024-01-10', '1 ETH', { quote: '1 USD' })
    b.buy('2024-01-11', '1 ETH', { quote: '1 USD' })
    b.buy('2024-01-12', '1 ETH', { quote: '1 USD' })
    b.sell('2024-03-10', '3 ETH', { quote: '100 USD' })
    const [d] = run(b).disposals
    expect(parts(d as Disposal).map((p) => p.proceeds)).toEqual([
      '33.333333333333333333',
      '33.333333333333333333',
      '33.333333333333333334'
    ])
  })
})

describe('L3. Fees paid in a coin are disposals', () => {
  // The document's example: 1 BNB bought at 300; a trade (1 ETH for 2,000 USDT) pays 0.01 BNB
  // when BNB is at 500: the fee disposal has proceeds 5, basis 0.01 × 300 = 3, gain 2, and the
  // 5 is added to the ETH lot's cost: 2,005.
  it('a 0.01 BNB trade fee at 500 over a lot at 300: proceeds 5, basis 3, gain 2; the ETH costs 2,005', () => {
    const b = new LedgerBuilder()
    const bnb = b.buy('2024-01-10', '1 BNB', { quote: '300 USD' })
    b.buy('2024-01-10', '2000 USDT', { quote: '2000 USD' })
    const trade = b.trade('2024-05-01', '1 ETH', { quote: '2000 USDT', fee: '0.01 BNB' })
    const prices = new PriceTable().set('binancecoin', '2024-05-01', 500).set('tether', '2024-05-01', 1)
    const result = run(b, 'fifo', prices)
    expect(disposalsOf(result, trade.id).find((d) => d.cause === 'fee')).toEqual({
      tx: trade.id,
      cause: 'fee',
      coin: 'binancecoin',
      quantity: '0.01',
      proceeds: '5',
      basis: '3',
      gain: '2'
    })
    expect(lots(result, 'ethereum')[0]?.cost).toBe('2005')
    expect(lots(result, 'binancecoin')).toEqual([{ tx: bnb.id, date: '2024-01-10', quantity: '0.99', cost: '297' }])
  })

  // A fee on its own: 0.1 ETH at 2,500 = 250, basis 0.1 × 2,000 = 200, gain 50.
  it('a standalone coin fee is a disposal at its value', () => {
    const b = new LedgerBuilder()
    b.buy('2024-01-10', '1 ETH', { quote: '2000 USD' })
    const fee = b.fee('2024-05-01', '0.1 ETH')
    const result = run(b, 'fifo', new PriceTable().set('ethereum', '2024-05-01', 2500))
    expect(disposals(result)).toEqual([
      { tx: fee.id, cause: 'fee', coin: 'ethereum', quantity: '0.1', proceeds: '250', basis: '200', gain: '50' }
    ])
  })

  // A sale of 1 ETH for 2,500 USD paying 0.01 ETH: the fee is worth 0.01 × 2,500 = 25; the sale's
  // proceeds are 2,500 − 25 = 2,475 and the fee is a disposal of its own (proceeds 25, basis 20).
  it('a coin fee on a sale comes off the proceeds and is disposed of too', () => {
    const b = new LedgerBuilder()
    b.buy('2024-01-10', '2 ETH', { quote: '4000 USD' })
    const sale = b.sell('2024-05-01', '1 ETH', { quote: '2500 USD', fee: '0.01 ETH' })
    expect(disposalsOf(run(b), sale.id)).toEqual([
      { tx: sale.id, cause: 'sale', coin: 'ethereum', quantity: '1', proceeds: '2475', basis: '2000', gain: '475' },
      { tx: sale.id, cause: 'fee', coin: 'ethereum', quantity: '0.01', proceeds: '25', basis: '20', gain: '5' }
    ])
  })

  // A network fee named on a transfer: 0.01 ETH at the day's 3,000 = 30, basis 0.01 × 1,000 = 10.
  it('a fee named on a transfer is a disposal at the coin’s daily price', () => {
    const b = new LedgerBuilder()
    b.buy('2024-01-10', '1 ETH', { quote: '1000 USD' })
    const out = b.send('2024-06-01T10:00:00Z', '0.5 ETH', { fee: '0.01 ETH' })
    b.receive('2024-06-01T11:00:00Z', '0.5 ETH')
    const result = run(b, 'fifo', new PriceTable().set('ethereum', '2024-06-01', 3000))
    expect(disposals(result)).toEqual([
      { tx: out.id, cause: 'fee', coin: 'ethereum', quantity: '0.01', proceeds: '30', basis: '10', gain: '20' }
    ])
    expect(quantity(result, 'ethereum')).toBe('0.99')
  })
})

describe('L4. Moving coins between your own wallets changes nothing', () => {
  // The document's example (FIFO): lots of 1 ETH at 1,000 (Jan) and 1 ETH at 3,000 (Mar); in June
  // 1 ETH leaves Coinbase and arrives at Binance, Binance recording the deposit a minute before
  // Coinbase records the withdrawal; in July 1 ETH is sold for 2,500: the January lot, +1,500.
  it('a move recorded a minute early keeps the January lot first: the July sale gains +1,500, not −500', () => {
    const b = new LedgerBuilder()
    const jan = b.buy('2024-01-10', '1 ETH', { quote: '1000 USD' })
    const mar = b.buy('2024-03-10', '1 ETH', { quote: '3000 USD' })
    b.receive('2024-06-01T09:59:00Z', '1 ETH')
    b.send('2024-06-01T10:00:00Z', '1 ETH')
    const sale = b.sell('2024-07-01', '1 ETH', { quote: '2500 USD' })
    const result = run(b, 'fifo', new PriceTable().set('ethereum', '2024-06-01', 2000))
    expect(disposals(result)).toEqual([
      { tx: sale.id, cause: 'sale', coin: 'ethereum', quantity: '1', proceeds: '2500', basis: '1000', gain: '1500' }
    ])
    expect(parts(result.disposals[0] as Disposal)[0]?.lot).toBe(jan.id)
    expect(lots(result, 'ethereum')).toEqual([{ tx: mar.id, date: '2024-03-10', quantity: '1', cost: '3000' }])
    expect(result.unknownValues.size).toBe(0)
  })

  // 1 ETH leaves, 0.96 arrives (96% ≥ 95%): one move; 0.04 ETH is a network fee at the day's
  // 3,000 = 120, basis 0.04 × 1,000 = 40, gain 80. The lot keeps its January date: 0.96 at 960.
  it('an arrival of 96% is a move with a network fee of the 4% difference', () => {
    const b = new LedgerBuilder()
    const jan = b.buy('2024-01-10', '1 ETH', { quote: '1000 USD' })
    const out = b.send('2024-06-01T10:00:00Z', '1 ETH')
    b.receive('2024-06-01T11:00:00Z', '0.96 ETH')
    const result = run(b, 'fifo', new PriceTable().set('ethereum', '2024-06-01', 3000))
    expect(disposals(result)).toEqual([
      { tx: out.id, cause: 'network-fee', coin: 'ethereum', quantity: '0.04', proceeds: '120', basis: '40', gain: '80' }
    ])
    expect(lots(result, 'ethereum')).toEqual([{ tx: jan.id, date: '2024-01-10', quantity: '0.96', cost: '960' }])
  })

  // Exactly 95% still matches (a network fee of 0.05); 94.99% does not (no disposal at all: the
  // departure sets its lot aside and the arrival takes 0.9499 of it back, January date and cost).
  it('the 95% boundary: 0.95 of 1 matches, 0.9499 does not', () => {
    const at95 = new LedgerBuilder()
    at95.buy('2024-01-10', '1 ETH', { quote: '1000 USD' })
    const out95 = at95.send('2024-06-01T10:00:00Z', '1 ETH')
    at95.receive('2024-06-01T11:00:00Z', '0.95 ETH')
    const prices = new PriceTable().set('ethereum', '2024-06-01', 3000)
    expect(disposals(run(at95, 'fifo', prices)).map((d) => [d.tx, d.cause, d.quantity])).toEqual([
      [out95.id, 'network-fee', '0.05']
    ])
    const below = new LedgerBuilder()
    const jan = below.buy('2024-01-10', '1 ETH', { quote: '1000 USD' })
    below.send('2024-06-01T10:00:00Z', '1 ETH')
    below.receive('2024-06-01T11:00:00Z', '0.9499 ETH')
    const result = run(below, 'fifo', prices)
    expect(disposals(result)).toEqual([])
    expect(lots(result, 'ethereum')).toEqual([{ tx: jan.id, date: '2024-01-10', quantity: '0.9499', cost: '949.9' }])
  })

  // 0.9 of 1 ETH arrives: not a move. The departure takes the January lot out of the ledger and
  // sets it aside; the arrival takes 0.9 of it back (January, 900); no disposal, no lot from
  // outside, no value needed. A later unmatched arrival of 0.1 takes back the rest (January, 100).
  it('an arrival of 90% is not matched: set-aside lots come back with their date and cost', () => {
    const b = new LedgerBuilder()
    const jan = b.buy('2024-01-10', '1 ETH', { quote: '1000 USD' })
    b.send('2024-06-01T10:00:00Z', '1 ETH')
    b.receive('2024-06-01T11:00:00Z', '0.9 ETH')
    const result = run(b)
    expect(disposals(result)).toEqual([])
    expect(lots(result, 'ethereum')).toEqual([{ tx: jan.id, date: '2024-01-10', quantity: '0.9', cost: '900' }])
    expect(result.unknownValues.size).toBe(0)
    b.receive('2024-08-01', '0.1 ETH')
    const later = run(b)
    expect(lots(later, 'ethereum').reduce((s, l) => s + Number(l.quantity), 0)).toBe(1)
    expect(lots(later, 'ethereum').every((l) => l.tx === jan.id && l.date === '2024-01-10')).toBe(true)
    expect(later.unknownValues.size).toBe(0)
  })

  // More arrives than left (1.5 after 1): not a move. The set-aside January lot comes back
  // (1 at 1,000) and the other 0.5 is from outside at August's 2,000 = 1,000.
  it('an arrival of more than left is not matched: set-aside lots first, the rest from outside', () => {
    const b = new LedgerBuilder()
    const jan = b.buy('2024-01-10', '1 ETH', { quote: '1000 USD' })
    b.send('2024-06-01', '1 ETH')
    const arrival = b.receive('2024-08-01', '1.5 ETH')
    const result = run(b, 'fifo', new PriceTable().set('ethereum', '2024-08-01', 2000))
    expect(lots(result, 'ethereum')).toEqual([
      { tx: jan.id, date: '2024-01-10', quantity: '1', cost: '1000' },
      { tx: arrival.id, date: '2024-08-01', quantity: '0.5', cost: '1000' }
    ])
    expect(result.incomes).toEqual([])
  })

  // An arrival exactly 3 days before the departure matches; 3 days and a minute before does not
  // (then the departure comes after the arrival and is a lone departure: nothing comes back).
  it('an arrival up to 3 days before the departure matches, a minute more does not', () => {
    const prices = new PriceTable().set('ethereum', '2024-05-29', 2000)
    const three = new LedgerBuilder()
    const jan3 = three.buy('2024-01-10', '1 ETH', { quote: '1000 USD' })
    three.receive('2024-05-29T10:00:00Z', '0.98 ETH')
    const out3 = three.send('2024-06-01T10:00:00Z', '1 ETH')
    const matched = run(three, 'fifo', new PriceTable().set('ethereum', '2024-06-01', 3000))
    expect(disposals(matched).map((d) => [d.tx, d.cause, d.quantity])).toEqual([[out3.id, 'network-fee', '0.02']])
    expect(lots(matched, 'ethereum')).toEqual([{ tx: jan3.id, date: '2024-01-10', quantity: '0.98', cost: '980' }])

    const more = new LedgerBuilder()
    more.buy('2024-01-10', '1 ETH', { quote: '1000 USD' })
    const early = more.receive('2024-05-29T09:59:00Z', '0.98 ETH')
    more.send('2024-06-01T10:00:00Z', '1 ETH')
    const apart = run(more, 'fifo', prices)
    expect(disposals(apart)).toEqual([])
    // The arrival is from outside (0.98 × 2,000 = 1,960); the departure then takes 1 ETH out in FIFO
    // order: the January lot. Left: 0.98 ETH of the arrival's lot.
    expect(lots(apart, 'ethereum')).toEqual([{ tx: early.id, date: '2024-05-29', quantity: '0.98', cost: '1960' }])
  })

  // Two departures (1 ETH on 1 June, 1.02 ETH on 10 June) and one arrival of 1 ETH on 9 June,
  // within 95–100% of both: it matches the one nearest in time, 10 June (1 day, allowed since at
  // most 3 days early), so the network fee is 0.02 ETH on the 10 June departure, and the 1 June
  // departure is a lone departure.
  it('an arrival matches the unmatched departure nearest in time', () => {
    const b = new LedgerBuilder()
    b.buy('2024-01-10', '3 ETH', { quote: '3000 USD' })
    b.send('2024-06-01', '1 ETH')
    b.receive('2024-06-09', '1 ETH')
    const tenth = b.send('2024-06-10', '1.02 ETH')
    const result = run(b, 'fifo', new PriceTable().set('ethereum', '2024-06-10', 3000))
    expect(disposals(result)).toEqual([
      {
        tx: tenth.id,
        cause: 'network-fee',
        coin: 'ethereum',
        quantity: '0.02',
        proceeds: '60',
        basis: '20',
        gain: '40'
      }
    ])
    expect(quantity(result, 'ethereum')).toBe('1.98')
  })

  // A fee leg is paid on top of the amount moved: 1 ETH leaves plus a 0.001 ETH fee, 1 ETH
  // arrives: a fee disposal of 0.001, no network fee.
  it('a named fee is on top of the amount moved; with a full arrival there is no network fee', () => {
    const b = new LedgerBuilder()
    b.buy('2024-01-10', '2 ETH', { quote: '2000 USD' })
    const out = b.send('2024-06-01T10:00:00Z', '1 ETH', { fee: '0.001 ETH' })
    b.receive('2024-06-01T11:00:00Z', '1 ETH')
    const result = run(b, 'fifo', new PriceTable().set('ethereum', '2024-06-01', 3000))
    expect(disposals(result).map((d) => [d.tx, d.cause, d.quantity, d.proceeds])).toEqual([
      [out.id, 'fee', '0.001', '3']
    ])
  })

  // A sale while the coins are in transit: the move left the lots in place, so FIFO sells the
  // January lot (gain 1,500), as without the move.
  it('a sale between the departure and the arrival sells the lots as if nothing had moved', () => {
    const b = new LedgerBuilder()
    const jan = b.buy('2024-01-10', '1 ETH', { quote: '1000 USD' })
    b.buy('2024-03-10', '1 ETH', { quote: '3000 USD' })
    b.send('2024-06-01', '1 ETH')
    const sale = b.sell('2024-06-02', '1 ETH', { quote: '2500 USD' })
    b.receive('2024-06-05', '1 ETH')
    const result = run(b)
    expect(disposals(result)).toEqual([
      { tx: sale.id, cause: 'sale', coin: 'ethereum', quantity: '1', proceeds: '2500', basis: '1000', gain: '1500' }
    ])
    expect(parts(result.disposals[0] as Disposal)[0]?.lot).toBe(jan.id)
  })

  // HIFO: 1 ETH at 3,000 (Jan) and 1 ETH at 1,000 (Mar); 1 ETH moves in June; a sale takes the
  // 3,000 lot, which kept its place: gain 2,500 − 3,000 = −500.
  it('a moved lot keeps its place in HIFO order', () => {
    const b = new LedgerBuilder()
    const jan = b.buy('2024-01-10', '1 ETH', { quote: '3000 USD' })
    b.buy('2024-03-10', '1 ETH', { quote: '1000 USD' })
    b.send('2024-06-01T10:00:00Z', '1 ETH')
    b.receive('2024-06-01T10:30:00Z', '1 ETH')
    b.sell('2024-07-01', '1 ETH', { quote: '2500 USD' })
    const result = run(b, 'hifo')
    expect(disposals(result).map((d) => d.gain)).toEqual(['-500'])
    expect(parts(result.disposals[0] as Disposal)[0]?.lot).toBe(jan.id)
  })

  // A holding row while a move is in transit (1 ETH left at 10:00, arrives at 12:00; "I hold 1" at
  // 11:00). Read here as: the coins in transit are still held (the move changes nothing), so the
  // row finds the balance it states and adds or removes nothing.
  it('a holding row during a move finds the moved coins still held (reading of L4 with L9)', () => {
    const b = new LedgerBuilder()
    const jan = b.buy('2024-01-10', '1 ETH', { quote: '1000 USD' })
    b.send('2024-06-01T10:00:00Z', '1 ETH')
    b.holding('2024-06-01T11:00:00Z', '1 ETH')
    b.receive('2024-06-01T12:00:00Z', '1 ETH')
    const result = run(b, 'fifo', new PriceTable().set('ethereum', '2024-06-01', 3000))
    expect(lots(result, 'ethereum')).toEqual([{ tx: jan.id, date: '2024-01-10', quantity: '1', cost: '1000' }])
    expect(quantity(result, 'ethereum')).toBe('1')
  })
})

describe('L5. Cash alone is not a holding', () => {
  it('cash deposits, withdrawals and cash legs leave no cash position', () => {
    const b = new LedgerBuilder()
    b.receive('2024-01-05', '5000 EUR')
    b.buy('2024-01-10', '1 ETH', { quote: '1800 EUR' })
    b.sell('2024-02-10', '0.5 ETH', { quote: '1200 USD' })
    b.send('2024-03-01', '6000 EUR')
    b.send('2024-03-02', '1200 USD')
    const result = run(b, 'fifo', new PriceTable().set('ethereum', '2024-01-10', 2000))
    expect([...result.positions.keys()].filter((k) => k !== 'ethereum')).toEqual([])
    expect(result.warnings).toEqual([])
  })
})

describe('L6. Methods', () => {
  // FIFO, two lots at the same moment: the one first in the ledger goes first, whatever its cost.
  it('FIFO: oldest first; lots of the same moment in ledger order', () => {
    const b = new LedgerBuilder()
    const first = b.buy('2024-01-10T12:00:00Z', '1 ETH', { quote: '2000 USD' })
    const second = b.buy('2024-01-10T12:00:00Z', '1 ETH', { quote: '1000 USD' })
    b.sell('2024-02-10', '1 ETH', { quote: '1500 USD' })
    const result = run(b)
    expect(parts(result.disposals[0] as Disposal)[0]?.lot).toBe(first.id)
    expect(lots(result, 'ethereum').map((l) => l.tx)).toEqual([second.id])
  })

  // The document's example: 10,000 (Jan), 30,000 (Feb), 20,000 (Mar); 1 BTC sold for 25,000
  // takes February: gain −5,000.
  it('HIFO: 1 BTC sold for 25,000 takes the 30,000 lot: gain −5,000', () => {
    const b = new LedgerBuilder()
    b.buy('2024-01-10', '1 BTC', { quote: '10000 USD' })
    const feb = b.buy('2024-02-10', '1 BTC', { quote: '30000 USD' })
    b.buy('2024-03-10', '1 BTC', { quote: '20000 USD' })
    b.sell('2024-04-10', '1 BTC', { quote: '25000 USD' })
    const result = run(b, 'hifo')
    expect(disposals(result).map((d) => d.gain)).toEqual(['-5000'])
    expect(parts(result.disposals[0] as Disposal)[0]?.lot).toBe(feb.id)
    expect(lots(result, 'bitcoin').map((l) => l.cost)).toEqual(['20000', '10000'])
  })

  // HIFO compares cost per unit: 2 ETH for 3,000 (1,500 each) come after 1 ETH for 2,000.
  it('HIFO: the highest cost per unit, not the highest lot cost', () => {
    const b = new LedgerBuilder()
    b.buy('2024-01-10', '2 ETH', { quote: '3000 USD' })
    const dear = b.buy('2024-02-10', '1 ETH', { quote: '2000 USD' })
    b.sell('2024-04-10', '1 ETH', { quote: '2500 USD' })
    expect(parts(run(b, 'hifo').disposals[0] as Disposal)[0]?.lot).toBe(dear.id)
  })

  // Equal costs per unit: the older lot first; equal moments too: ledger order.
  it('HIFO: equal costs oldest first, then in ledger order', () => {
    const b = new LedgerBuilder()
    const a = b.buy('2024-02-10T12:00:00Z', '1 ETH', { quote: '2000 USD' })
    const c = b.buy('2024-02-10T12:00:00Z', '1 ETH', { quote: '2000 USD' })
    const older = b.buy('2024-01-10', '2 ETH', { quote: '4000 USD' })
    const result = run(b, 'hifo')
    expect(lots(result, 'ethereum').map((l) => l.tx)).toEqual([older.id, a.id, c.id])
  })

  // HIFO compares exact costs per unit. 7 BTC for 100,000 (Jan 2023): 14,285.714285714285714285714…
  // each; 7 BTC for 100,000.000000000000000001 (Feb 2024): 1.4 × 10^-19 more each. Both round to
  // 14,285.714285714285714286 at 18 places, but the February lot costs more per unit, so a sale of
  // 1 BTC takes it (short term), not the January 2023 lot (long term). The basis is the same at 18
  // places; the lot, its date and the term are not.
  it('HIFO: the exact highest cost per unit goes first even when two unit costs agree to 18 places', () => {
    const b = new LedgerBuilder()
    b.buy('2023-01-10', '7 BTC', { quote: '100000 USD' })
    const dearer = b.buy('2024-02-10', '7 BTC', { quote: '100000.000000000000000001 USD' })
    b.sell('2024-03-10', '1 BTC', { quote: '60000 USD' })
    const result = run(b, 'hifo')
    expect(parts(result.disposals[0] as Disposal)[0]?.lot).toBe(dearer.id)
  })

  // HIFO with an unknown-cost lot (1 ETH bought in January with no value) and a cheap known lot
  // (1 ETH at 500 in March): the known lot goes first even though the unknown one might cost
  // more; the second sale takes the unknown lot and has an unknown basis.
  it('HIFO: lots of unknown cost come after all lots of known cost', () => {
    const b = new LedgerBuilder()
    const unknown = b.buy('2024-01-10', '1 ETH')
    const cheap = b.buy('2024-03-10', '1 ETH', { quote: '500 USD' })
    const first = b.sell('2024-04-10', '1 ETH', { quote: '2500 USD' })
    const second = b.sell('2024-05-10', '1 ETH', { quote: '2500 USD' })
    const result = run(b, 'hifo')
    expect(disposals(result)).toEqual([
      { tx: first.id, cause: 'sale', coin: 'ethereum', quantity: '1', proceeds: '2500', basis: '500', gain: '2000' },
      { tx: second.id, cause: 'sale', coin: 'ethereum', quantity: '1', proceeds: '2500', basis: null, gain: null }
    ])
    expect(result.disposals.map((d) => d.parts[0]?.lot?.txId)).toEqual([cheap.id, unknown.id])
  })

  // Average: 1 BTC at 10,000 (Jan) and 1 BTC at 20,000 (Feb) pool at 15,000 each; selling 1 for
  // 25,000 gains 10,000; the pool keeps 1 BTC at 15,000 dated January.
  it('average cost: a disposal takes the pool’s cost per unit; the pool is dated by its earliest lot', () => {
    const b = new LedgerBuilder()
    b.buy('2024-01-10', '1 BTC', { quote: '10000 USD' })
    b.buy('2024-02-10', '1 BTC', { quote: '20000 USD' })
    b.sell('2024-03-10', '1 BTC', { quote: '25000 USD' })
    const result = run(b, 'average')
    expect(disposals(result).map((d) => [d.basis, d.gain])).toEqual([['15000', '10000']])
    const pool = result.positions.get('bitcoin')?.lots ?? []
    expect(fmt(pool.reduce((s, l) => s + l.quantity, 0n))).toBe('1')
    expect(fmt(pool.reduce((s, l) => s + (l.cost ?? 0n), 0n))).toBe('15000')
    expect(date(Math.min(...pool.map((l) => l.acquiredAt)))).toBe('2024-01-10')
  })

  // The pool empties in February and starts again in March: dated March; a sale in April is one
  // year from March, not January.
  it('average cost: the pool’s date restarts after it was empty', () => {
    const b = new LedgerBuilder()
    b.buy('2024-01-10', '1 BTC', { quote: '10000 USD' })
    b.sell('2024-02-10', '1 BTC', { quote: '12000 USD' })
    b.buy('2024-03-10', '1 BTC', { quote: '20000 USD' })
    b.buy('2024-04-10', '1 BTC', { quote: '30000 USD' })
    const sale = b.sell('2024-05-10', '1 BTC', { quote: '30000 USD' })
    const result = run(b, 'average')
    const d = result.disposals.find((x) => x.txId === sale.id) as Disposal
    expect(d.parts.map((p) => (p.lot ? date(p.lot.acquiredAt) : null))).toEqual(['2024-03-10'])
    expect(fmt(basisOf(d))).toBe('25000')
  })

  // Average with an unknown part: 1 ETH at 1,000 (Jan), 1 ETH of income with no price (Feb). The
  // pool's cost is unknown: the March sale of 1 has an unknown basis; buying 1 at 2,000 (Apr)
  // does not make it known; selling all 2 (May) empties it; a buy of 1 at 3,000 (Jun) starts a
  // known pool again.
  it('average cost: an unknown part makes the pool unknown until it is empty again', () => {
    const b = new LedgerBuilder()
    b.buy('2024-01-10', '1 ETH', { quote: '1000 USD' })
    b.income('2024-02-10', '1 ETH')
    b.sell('2024-03-10', '1 ETH', { quote: '2500 USD' })
    b.buy('2024-04-10', '1 ETH', { quote: '2000 USD' })
    const unknownPool = run(b, 'average')
    expect(disposals(unknownPool).map((d) => d.basis)).toEqual([null])
    expect(unknownPool.positions.get('ethereum')?.lots.some((l) => l.cost === null)).toBe(true)
    b.sell('2024-05-10', '2 ETH', { quote: '5000 USD' })
    const june = b.buy('2024-06-10', '1 ETH', { quote: '3000 USD' })
    const result = run(b, 'average')
    expect(disposals(result).map((d) => d.basis)).toEqual([null, null])
    expect(lots(result, 'ethereum')).toEqual([{ tx: june.id, date: '2024-06-10', quantity: '1', cost: '3000' }])
  })
})

describe('L7. Holding period', () => {
  const termsOf = (result: LedgerResult, timeZone = 'UTC') => {
    const local = createLocalDates(timeZone)
    return result.disposals.flatMap((d) =>
      d.parts.map((p) => (p.lot ? termOf(local(p.lot.acquiredAt), local(d.at)) : null))
    )
  }

  // The document's example: acquired 2023-03-15; sold 2024-03-15 short, 2024-03-16 long.
  it('one year or less is short term, more is long term', () => {
    const b = new LedgerBuilder()
    b.buy('2023-03-15', '2 BTC', { quote: '40000 USD' })
    b.sell('2024-03-15', '1 BTC', { quote: '60000 USD' })
    b.sell('2024-03-16', '1 BTC', { quote: '60000 USD' })
    expect(termsOf(run(b))).toEqual(['short', 'long'])
  })

  // Acquired 29 February 2024: the anniversary is 1 March 2025, so 28 February and 1 March 2025
  // are short term and 2 March 2025 is long term.
  it('the anniversary of 29 February is 1 March', () => {
    const b = new LedgerBuilder()
    b.buy('2024-02-29', '3 BTC', { quote: '150000 USD' })
    b.sell('2025-02-28', '1 BTC', { quote: '80000 USD' })
    b.sell('2025-03-01', '1 BTC', { quote: '80000 USD' })
    b.sell('2025-03-02', '1 BTC', { quote: '80000 USD' })
    expect(termsOf(run(b))).toEqual(['short', 'short', 'long'])
  })

  // Acquired 2023-03-15 23:30 UTC, which is 16 March 00:30 in Berlin; sold 2024-03-16 12:00 UTC.
  // In UTC that is after the 15 March anniversary (long); in Berlin it is on the 16 March one (short).
  it('dates are taken in the tax time zone', () => {
    const b = new LedgerBuilder()
    b.buy('2023-03-15T23:30:00Z', '1 BTC', { quote: '25000 USD' })
    b.sell('2024-03-16T12:00:00Z', '1 BTC', { quote: '70000 USD' })
    const result = run(b)
    expect(termsOf(result, 'UTC')).toEqual(['long'])
    expect(termsOf(result, 'Europe/Berlin')).toEqual(['short'])
  })

  // A lot bought in January 2023, moved in June 2023 (matched) and sold in February 2024 keeps its
  // January date: long term. The same with a lone departure and a later lone arrival.
  it('a moved or set-aside lot keeps its acquisition date for the holding period', () => {
    const moved = new LedgerBuilder()
    moved.buy('2023-01-10', '1 ETH', { quote: '1500 USD' })
    moved.send('2023-06-01T10:00:00Z', '1 ETH')
    moved.receive('2023-06-01T10:05:00Z', '1 ETH')
    moved.sell('2024-02-10', '1 ETH', { quote: '2500 USD' })
    expect(termsOf(run(moved))).toEqual(['long'])
    const aside = new LedgerBuilder()
    aside.buy('2023-01-10', '1 ETH', { quote: '1500 USD' })
    aside.send('2023-06-01', '1 ETH')
    aside.receive('2023-09-01', '0.5 ETH')
    aside.sell('2024-02-10', '0.5 ETH', { quote: '1250 USD' })
    expect(termsOf(run(aside))).toEqual(['long'])
  })
})

describe('L8. Disposing of more than is held', () => {
  // 1 ETH at 1,000; 2 ETH sold for 5,000: 1 from the lot (cost 1,000, proceeds 2,500) and 1 that
  // no lot covers (unknown basis, proceeds 2,500); the balance is −1 and the ledger warns. The next
  // 1 ETH bought (at 2,000) is set against the shortfall and leaves no lot; the one after (at
  // 3,000) is a lot.
  it('the uncovered part has an unknown basis; the next coins that arrive fill the shortfall', () => {
    const b = new LedgerBuilder()
    const jan = b.buy('2024-01-10', '1 ETH', { quote: '1000 USD' })
    const sale = b.sell('2024-02-10', '2 ETH', { quote: '5000 USD' })
    const result = run(b)
    expect(disposals(result)).toEqual([
      { tx: sale.id, cause: 'sale', coin: 'ethereum', quantity: '2', proceeds: '5000', basis: null, gain: null }
    ])
    expect(parts(result.disposals[0] as Disposal)).toEqual([
      { lot: jan.id, quantity: '1', cost: '1000', proceeds: '2500' },
      { lot: null, quantity: '1', cost: null, proceeds: '2500' }
    ])
    expect(quantity(result, 'ethereum')).toBe('-1')
    expect(result.warnings.map((w) => [w.kind, w.transactionId])).toContainEqual(['negative-balance', sale.id])

    b.buy('2024-03-10', '1 ETH', { quote: '2000 USD' })
    expect(lots(run(b), 'ethereum')).toEqual([])
    expect(quantity(run(b), 'ethereum')).toBe('0')
    const apr = b.buy('2024-04-10', '1 ETH', { quote: '3000 USD' })
    expect(lots(run(b), 'ethereum')).toEqual([{ tx: apr.id, date: '2024-04-10', quantity: '1', cost: '3000' }])
  })

  // A shortfall of 0.5, then 1 ETH bought at 2,000: half of it fills the shortfall; the lot keeps
  // 0.5 at 1,000.
  it('a partly filled arrival keeps the rest as a lot with its share of the cost', () => {
    const b = new LedgerBuilder()
    b.buy('2024-01-10', '1 ETH', { quote: '1000 USD' })
    b.sell('2024-02-10', '1.5 ETH', { quote: '3000 USD' })
    const buy = b.buy('2024-03-10', '1 ETH', { quote: '2000 USD' })
    expect(lots(run(b), 'ethereum')).toEqual([{ tx: buy.id, date: '2024-03-10', quantity: '0.5', cost: '1000' }])
  })

  // An income into a shortfall is still income in full (0.5 ETH at 2,000 = 1,000) even though it
  // leaves no lot; an unmatched arrival fills a shortfall too.
  it('income and unmatched arrivals fill a shortfall; income is still reported in full', () => {
    const b = new LedgerBuilder()
    b.sell('2024-02-10', '1 ETH', { quote: '2000 USD' })
    const income = b.income('2024-03-10', '0.5 ETH')
    b.receive('2024-04-10', '0.5 ETH')
    const arrival = b.receive('2024-05-10', '1 ETH')
    const prices = new PriceTable()
      .set('ethereum', '2024-03-10', 2000)
      .set('ethereum', '2024-04-10', 2000)
      .set('ethereum', '2024-05-10', 2400)
    const result = run(b, 'fifo', prices)
    expect(result.incomes.map((i) => [i.txId, fmt(i.value)])).toEqual([[income.id, '1000']])
    expect(lots(result, 'ethereum')).toEqual([{ tx: arrival.id, date: '2024-05-10', quantity: '1', cost: '2400' }])
  })
})

describe('L9. "I hold" rows', () => {
  // Held 1 ETH (1,000); "I hold 3" on a day ETH is 2,000: a lot of 2 at 4,000 dated the row.
  it('a higher balance adds a lot of coins from outside, not income', () => {
    const b = new LedgerBuilder()
    b.buy('2024-01-10', '1 ETH', { quote: '1000 USD' })
    const row = b.holding('2024-05-01', '3 ETH')
    const result = run(b, 'fifo', new PriceTable().set('ethereum', '2024-05-01', 2000))
    expect(lots(result, 'ethereum')[1]).toEqual({ tx: row.id, date: '2024-05-01', quantity: '2', cost: '4000' })
    expect(result.incomes).toEqual([])
    expect(result.disposals).toEqual([])
  })

  // 1 ETH at 1,000 (Jan), 1 ETH at 3,000 (Mar); "I hold 0.5": FIFO removes January and half of
  // March (0.5 left at 1,500); HIFO removes March and half of January (0.5 left at 500). No gain.
  it('a lower balance removes lots in the method’s order without a gain', () => {
    const b = new LedgerBuilder()
    const jan = b.buy('2024-01-10', '1 ETH', { quote: '1000 USD' })
    const mar = b.buy('2024-03-10', '1 ETH', { quote: '3000 USD' })
    b.holding('2024-05-01', '0.5 ETH')
    const fifo = run(b, 'fifo')
    expect(lots(fifo, 'ethereum')).toEqual([{ tx: mar.id, date: '2024-03-10', quantity: '0.5', cost: '1500' }])
    expect(fifo.disposals).toEqual([])
    const hifo = run(b, 'hifo')
    expect(lots(hifo, 'ethereum')).toEqual([{ tx: jan.id, date: '2024-01-10', quantity: '0.5', cost: '500' }])
    expect(hifo.disposals).toEqual([])
    const average = run(b, 'average')
    expect(fmt((average.positions.get('ethereum')?.lots ?? []).reduce((s, l) => s + (l.cost ?? 0n), 0n))).toBe('1000')
  })

  // Up, down, to zero, the same: each row sets the balance; only the rise needs a value.
  it('rows up and down set the balance; a rise with no price has an unknown cost', () => {
    const b = new LedgerBuilder()
    const up = b.holding('2024-01-10', '2 ETH')
    b.holding('2024-02-10', '2 ETH')
    b.holding('2024-03-10', '0 ETH')
    const again = b.holding('2024-04-10', '1 ETH')
    const result = run(b, 'fifo', new PriceTable().set('ethereum', '2024-01-10', 1000))
    expect(lots(result, 'ethereum')).toEqual([{ tx: again.id, date: '2024-04-10', quantity: '1', cost: null }])
    expect(quantity(result, 'ethereum')).toBe('1')
    expect([...result.unknownValues]).toEqual([again.id])
    expect(result.unknownValues.has(up.id)).toBe(false)
  })

  // After a shortfall (1 held, 2 sold: balance −1), "I hold 1" sets the balance to 1: one lot of 1
  // at the day's 2,000, and no shortfall is left to eat later arrivals.
  it('a row after a shortfall sets the balance it states', () => {
    const b = new LedgerBuilder()
    b.buy('2024-01-10', '1 ETH', { quote: '1000 USD' })
    b.sell('2024-02-10', '2 ETH', { quote: '5000 USD' })
    const row = b.holding('2024-03-10', '1 ETH')
    const buy = b.buy('2024-04-10', '1 ETH', { quote: '3000 USD' })
    const result = run(b, 'fifo', new PriceTable().set('ethereum', '2024-03-10', 2000))
    expect(lots(result, 'ethereum')).toEqual([
      { tx: row.id, date: '2024-03-10', quantity: '1', cost: '2000' },
      { tx: buy.id, date: '2024-04-10', quantity: '1', cost: '3000' }
    ])
    expect(quantity(result, 'ethereum')).toBe('2')
  })

  // Reading (the document does not say): a row that only brings a negative balance back to zero
  // (1 held, 2 sold, "I hold 0") settles the shortfall; no coins come from outside, so no value is
  // needed even though XYZ has no price.
  it('a row that only settles a shortfall needs no value', () => {
    const b = new LedgerBuilder()
    b.buy('2024-01-10', '1 XYZ', { quote: '5 USD' })
    b.sell('2024-02-10', '2 XYZ', { quote: '12 USD' })
    const row = b.holding('2024-03-10', '0 XYZ')
    const result = run(b)
    expect(result.unknownValues.has(row.id)).toBe(false)
    expect(lots(result, 'symbol:XYZ')).toEqual([])
    expect(quantity(result, 'symbol:XYZ')).toBe('0')
  })
})

describe('L10. Tax years', () => {
  // A sale at 2024-12-31 23:30 UTC is in 2024 in UTC and in 2025 in Berlin (00:30 on 1 January);
  // an income at 2025-01-01 03:00 UTC is in 2025 in UTC and in 2024 in New York (22:00 on 31 Dec).
  it('a disposal or an income belongs to the tax year of its date in the tax time zone', () => {
    const b = new LedgerBuilder()
    b.buy('2024-01-10', '1 ETH', { quote: '1000 USD' })
    b.sell('2024-12-31T23:30:00Z', '0.5 ETH', { quote: '2000 USD' })
    b.income('2025-01-01T03:00:00Z', '0.1 ETH', { value: '300' })
    const result = run(b)
    const years = (timeZone: string) => {
      const local = createLocalDates(timeZone)
      return {
        disposal: result.disposals.map((d) => yearOf(local(d.at))),
        income: result.incomes.map((i) => yearOf(local(i.at)))
      }
    }
    expect(years('UTC')).toEqual({ disposal: [2024], income: [2025] })
    expect(years('Europe/Berlin')).toEqual({ disposal: [2025], income: [2025] })
    expect(years('America/New_York')).toEqual({ disposal: [2024], income: [2024] })
  })
})
