import { describe, expect, it } from 'vitest'
import { bandWidth, fiveTwentyFive, measureDrift } from '../../../src/main/portfolio/rebalance/drift'
import type { HintRequest, HoldingInput } from '../../../src/main/portfolio/rebalance/hints'
import { computeHints, floorTo, formatQuantity } from '../../../src/main/portfolio/rebalance/hints'
import { defaultTargets, targetProblem } from '../../../src/main/portfolio/rebalance/targets'

const btc = (quantity: number, price = 60_000): HoldingInput => ({
  coinId: 'bitcoin',
  symbol: 'btc',
  sleeve: 'bitcoin',
  inRankedSet: false,
  quantity,
  price,
  priceAsOf: '2024-11-30'
})
const eth = (quantity: number, price = 2_000): HoldingInput => ({
  coinId: 'ethereum',
  symbol: 'eth',
  sleeve: 'altcoins',
  inRankedSet: true,
  quantity,
  price,
  priceAsOf: '2024-11-30'
})
const usdc = (quantity: number): HoldingInput => ({
  coinId: 'usd-coin',
  symbol: 'usdc',
  sleeve: 'stablecoins',
  inRankedSet: false,
  quantity,
  price: 1,
  priceAsOf: '2024-11-30'
})

function request(holdings: HoldingInput[], overrides: Partial<HintRequest> = {}): HintRequest {
  return {
    holdings,
    targets: defaultTargets.neutral, // 50 / 30 / 20
    bands: fiveTwentyFive,
    feeRate: 0,
    minTrade: 10,
    mode: 'rebalance',
    contribution: 0,
    context: { regime: 'neutral', indexValue: 52.4, indexAsOf: '2024-11-30' },
    quotes: {
      bitcoin: { symbol: 'btc', price: 60_000, asOf: '2024-11-30' },
      solana: { symbol: 'sol', price: 200, asOf: '2024-11-29' }
    },
    fallbackAltcoin: 'ethereum',
    ...overrides
  }
}

describe('drift bands', () => {
  it('the 5/25 rule takes the narrower of 5 points and a quarter of the target', () => {
    expect(bandWidth(50, fiveTwentyFive)).toBe(5) // 25% of 50 = 12.5, so 5 points
    expect(bandWidth(20, fiveTwentyFive)).toBe(5) // 25% of 20 = 5: both agree
    expect(bandWidth(10, fiveTwentyFive)).toBe(2.5) // 25% of 10 = 2.5 points
    expect(bandWidth(10, { absolute: 5, relative: 0 })).toBe(5)
    expect(bandWidth(10, { absolute: 0, relative: 0 })).toBe(0)
  })

  it('a sleeve 2.6 points over a 10% target is out, 2.4 points over is in, and the band edge is in', () => {
    const targets = { bitcoin: 60, altcoins: 30, stablecoins: 10 }
    const out = measureDrift({ bitcoin: 5_870, altcoins: 2_870, stablecoins: 1_260 }, targets, fiveTwentyFive)
    expect(out.find((d) => d.sleeve === 'stablecoins')).toMatchObject({ band: 2.5, outside: true })
    expect(out.find((d) => d.sleeve === 'stablecoins')?.drift).toBeCloseTo(2.6, 9)
    const inside = measureDrift({ bitcoin: 5_880, altcoins: 2_880, stablecoins: 1_240 }, targets, fiveTwentyFive)
    expect(inside.every((d) => !d.outside)).toBe(true)
    const edge = measureDrift({ bitcoin: 6_500, altcoins: 2_500, stablecoins: 1_000 }, targets, fiveTwentyFive)
    expect(edge.map((d) => d.outside)).toEqual([false, false, false])
  })

  it('targets must be percentages adding up to 100', () => {
    expect(targetProblem(defaultTargets.altcoin)).toBeNull()
    expect(targetProblem({ bitcoin: 50, altcoins: 30, stablecoins: 30, altWeights: {} })).toMatch(
      /add up to 100%, not 110%/
    )
    expect(targetProblem({ bitcoin: -10, altcoins: 80, stablecoins: 30, altWeights: {} })).toMatch(
      /bitcoin must be a percentage/
    )
    expect(targetProblem({ bitcoin: 50, altcoins: 30, stablecoins: 20, altWeights: { solana: 0 } })).toMatch(
      /weight of solana/
    )
  })
})

describe('rebalancing hints', () => {
  // 1 BTC at 60,000 + 10 ETH at 2,000 + 20,000 USDC = 100,000: 60 / 20 / 20 against 50 / 30 / 20.
  const holdings = [btc(1), eth(10), usdc(20_000)]

  it('without fees, sells 10,000 of Bitcoin and buys 10,000 of Ether', () => {
    const result = computeHints(request(holdings))
    expect(result.due).toBe(true)
    expect(result.drift.map((d) => [d.sleeve, d.outside])).toEqual([
      ['bitcoin', true],
      ['altcoins', true],
      ['stablecoins', false]
    ])
    expect(result.trades.map((t) => [t.action, t.coinId, t.quantity, t.value])).toEqual([
      // 10,000 / 60,000 = 0.1666666666…, rounded toward zero at 8 decimals.
      ['sell', 'bitcoin', '0.16666666', 10_000],
      ['buy', 'ethereum', '5', 10_000]
    ])
    expect(result.after.map((s) => [s.sleeve, s.percent])).toEqual([
      ['bitcoin', 50],
      ['altcoins', 30],
      ['stablecoins', 20]
    ])
    expect(result.trades[0]?.reason).toContain(
      'Neutral (index 52 as of 2024-11-30): Bitcoin is 60.0% against a 50.0% target (+10.0 pts, band ±5.0 pts)'
    )
    expect(result.trades[0]?.reason).toContain('Price as of 2024-11-30')
  })

  it('with a 1% fee, aims at the value left after fees: F = 0.01 (40,000 - 0.2 (100,000 - F)), so F = 200 / 0.998', () => {
    const result = computeHints(request(holdings, { feeRate: 0.01 }))
    const fee = 200 / 0.998 // 200.4008…
    const after = 100_000 - fee
    // Bitcoin sells down to half of what is left: 60,000 - 49,899.80 = 10,100.20.
    const sell = 60_000 - 0.5 * after
    const buy = 0.3 * after - 20_000
    expect(sell).toBeCloseTo(10_100.2004, 3)
    expect(buy).toBeCloseTo(9_939.8798, 3)
    const [sellTrade, buyTrade] = result.trades
    expect(sellTrade).toMatchObject({
      action: 'sell',
      coinId: 'bitcoin',
      quantity: '0.16833667',
      value: 10_100.2,
      fee: 101
    })
    expect(buyTrade).toMatchObject({
      action: 'buy',
      coinId: 'ethereum',
      quantity: '4.96993987',
      value: 9_939.88,
      fee: 99.4
    })
    expect(result.feeTotal).toBe(200.4)
    // Stablecoins end on their 20% of what is left: 20,000 + 10,100.20 - 9,939.88 - 200.40.
    expect(result.after.find((s) => s.sleeve === 'stablecoins')?.value).toBe(19_959.92)
  })

  it('leaves out trades below the minimum size and says so', () => {
    // 1,000 in all: 600 / 200 / 200, so 100 to move from Bitcoin to Ether.
    const small = [btc(0.01), eth(0.1), usdc(200)]
    const kept = computeHints(request(small, { minTrade: 50 }))
    expect(kept.trades.map((t) => [t.action, t.value])).toEqual([
      ['sell', 100],
      ['buy', 100]
    ])
    const dropped = computeHints(request(small, { minTrade: 150 }))
    expect(dropped.due).toBe(true)
    expect(dropped.trades).toEqual([])
    expect(dropped.skipped.map((t) => t.coinId)).toEqual(['bitcoin', 'ethereum'])
    expect(dropped.skipped[0]?.reason).toContain('below the minimum trade of $150.00')
    expect(dropped.notes.join(' ')).toMatch(/all below the minimum trade size/)
    expect(dropped.after.map((s) => s.percent)).toEqual([60, 20, 20])
  })

  it('gives no trade while every sleeve is inside its band', () => {
    // 53 / 28 / 19: every sleeve within 5 points and within a quarter of its target.
    const result = computeHints(request([btc(0.53, 100_000), eth(14), usdc(19_000)]))
    expect(result.due).toBe(false)
    expect(result.trades).toEqual([])
    expect(result.notes[0]).toMatch(/inside its band/)
  })

  it('buy-only puts a contribution into the most underweight sleeve and sells nothing', () => {
    // 110,000 after a 10,000 contribution: Bitcoin stays over target; Ether is 13,000 short and
    // stablecoins 2,000 short. Filling both to one level L: 0.3 L - 20,000 = 10,000 gives L = 100,000,
    // where stablecoins need 0.2 L - 20,000 = 0: the whole 10,000 buys Ether.
    const result = computeHints(request(holdings, { mode: 'buy-only', contribution: 10_000 }))
    expect(result.due).toBe(true)
    expect(result.trades.map((t) => [t.action, t.coinId, t.quantity, t.value])).toEqual([
      ['buy', 'ethereum', '5', 10_000]
    ])
    expect(result.trades[0]?.reason).toContain('buy-only with $10,000.00 of new money')
    // With 20,000: 0.3 L - 20,000 + 0.2 L - 20,000 = 20,000 gives L = 120,000: 16,000 of Ether,
    // and 4,000 stays as stablecoins.
    const more = computeHints(request(holdings, { mode: 'buy-only', contribution: 20_000 }))
    expect(more.trades.map((t) => [t.coinId, t.quantity, t.value])).toEqual([['ethereum', '8', 16_000]])
    expect(more.after.map((s) => [s.sleeve, s.value])).toEqual([
      ['bitcoin', 60_000],
      ['altcoins', 36_000],
      ['stablecoins', 24_000]
    ])
    expect(more.notes.join(' ')).toContain('$4,000.00 of the new money stays in stablecoins')
    // With stablecoins the most underweight (10,000 of a 20% target, against Ether's 20,000 of 30%),
    // a small contribution goes to them first: 0.2 L - 10,000 = 2,000 at L = 60,000 < 66,667.
    const cashShort = computeHints(request([btc(1), eth(10), usdc(10_000)], { mode: 'buy-only', contribution: 2_000 }))
    expect(cashShort.trades).toEqual([])
    expect(cashShort.due).toBe(true)
    expect(cashShort.notes.join(' ')).toContain('$2,000.00 of the new money stays in stablecoins')
  })

  it('buy-only with a fee spends contribution / 1.01 on the trade and the rest on its fee', () => {
    const result = computeHints(request(holdings, { mode: 'buy-only', contribution: 10_000, feeRate: 0.01 }))
    // 10,000 / 1.01 = 9,900.990099 -> 4.95049504 ETH at 2,000 = 9,900.99.
    expect(result.trades.map((t) => [t.coinId, t.quantity, t.value, t.fee])).toEqual([
      ['ethereum', '4.95049504', 9_900.99, 99.01]
    ])
    expect(result.feeTotal).toBe(99.01)
  })

  it('with altcoin weights, sells an unweighted altcoin whole and buys the weighted ones at their quotes', () => {
    const doge: HoldingInput = {
      coinId: 'dogecoin',
      symbol: 'doge',
      sleeve: 'altcoins',
      inRankedSet: true,
      quantity: 12_345.6789,
      quantityText: '12345.6789',
      price: 0.4,
      priceAsOf: '2024-11-30'
    }
    const targets = { bitcoin: 50, altcoins: 30, stablecoins: 20, altWeights: { ethereum: 2, solana: 1 } }
    // 60,000 + 20,000 + 4,938.27156 + 20,000 = 104,938.27156; Ether's target 20% of it, Solana's 10%.
    const result = computeHints(request([btc(1), eth(10), doge, usdc(20_000)], { targets }))
    const total = 104_938.27156
    const sellDoge = result.trades.find((t) => t.coinId === 'dogecoin')
    expect(sellDoge).toMatchObject({ action: 'sell', quantity: '12345.6789', value: 4_938.27 })
    const sol = result.trades.find((t) => t.coinId === 'solana')
    expect(sol?.action).toBe('buy')
    expect(sol?.quantity).toBe(formatQuantity(floorTo((0.1 * total) / 200, 8)))
    expect(sol?.priceAsOf).toBe('2024-11-29')
    const ethTrade = result.trades.find((t) => t.coinId === 'ethereum')
    expect(ethTrade?.value).toBeCloseTo(0.2 * total - 20_000, 1)
  })

  it('with no altcoin held and no weights, buys the largest ranked altcoin and says why', () => {
    const result = computeHints(
      request([btc(1), usdc(40_000)], { quotes: { ethereum: { symbol: 'eth', price: 2_500, asOf: '2024-11-30' } } })
    )
    // 100,000: Bitcoin 60 -> 50, altcoins 0 -> 30 (12 ETH at 2,500), stablecoins 40 -> 20.
    expect(result.trades.map((t) => [t.action, t.coinId, t.quantity])).toEqual([
      ['sell', 'bitcoin', '0.16666666'],
      ['buy', 'ethereum', '12']
    ])
    expect(result.notes.join(' ')).toMatch(/largest coin in the index's ranked set/)
  })

  it('rounds quantities toward zero at 8 decimals without losing digits to float noise', () => {
    expect(floorTo(0.1 + 0.2, 8)).toBe(0.3)
    expect(floorTo(1 / 3, 8)).toBe(0.33333333)
    expect(formatQuantity(2.5)).toBe('2.5')
    expect(formatQuantity(3)).toBe('3')
  })
})
