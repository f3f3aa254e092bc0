import { describe, expect, it } from 'vitest'
import type { BacktestOptions, BacktestSeries } from '../../../src/main/portfolio/rebalance/backtest'
import { computeMetrics, runBacktest } from '../../../src/main/portfolio/rebalance/backtest'
import { previewSell } from '../../../src/main/portfolio/rebalance/sell-preview'
import type { TargetSplit } from '../../../src/main/portfolio/rebalance/targets'

const split = (bitcoin: number, altcoins: number, stablecoins: number): TargetSplit => ({
  bitcoin,
  altcoins,
  stablecoins,
  altWeights: {}
})

// Five days: Bitcoin 100 -> 110 -> 121 -> 110 -> 100, the altcoin basket 10 -> 12 -> 9 -> 10 -> 11.
const series: BacktestSeries = {
  days: Int32Array.from([0, 1, 2, 3, 4], (d) => 20_000 + d),
  bitcoin: Float64Array.from([100, 110, 121, 110, 100]),
  altcoins: Float64Array.from([10, 12, 9, 10, 11]),
  regimes: ['neutral', 'neutral', 'altcoin', 'altcoin', 'bitcoin']
}

const base: BacktestOptions = {
  strategy: 'hold',
  fixedTargets: split(50, 50, 0),
  regimeTargets: { neutral: split(50, 50, 0), altcoin: split(20, 80, 0), bitcoin: split(80, 20, 0) },
  feeRate: 0,
  periodDays: 2,
  // 50-point bands never trigger here: only regime changes do.
  bands: { absolute: 50, relative: 0 },
  minTrade: 0,
  initialValue: 1_000
}

describe('backtest', () => {
  it('holding 5 BTC and 50 of the basket just follows the prices', () => {
    const result = runBacktest(series, base)
    expect([...result.values]).toEqual([1_000, 550 + 600, 605 + 450, 550 + 500, 500 + 550])
    expect(result.trades).toBe(0)
    expect(result.fees).toBe(0)
  })

  it('rebalancing every 2 days resets to 50/50 on days 2 and 4', () => {
    const result = runBacktest(series, { ...base, strategy: 'periodic' })
    // Day 2 is worth 1,055 and is split 527.50 / 527.50, then each half follows its price.
    const day3 = 527.5 * (110 / 121) + 527.5 * (10 / 9)
    const day4 = 527.5 * (100 / 121) + 527.5 * (11 / 9)
    expect(result.values[2]).toBeCloseTo(1_055, 9)
    expect(result.values[3]).toBeCloseTo(day3, 9)
    expect(result.values[4]).toBeCloseTo(day4, 9)
    expect(result.trades).toBe(4)
  })

  it('a 1% fee on day 2 costs 1% of the 77.50 moved each way: 1.55', () => {
    const result = runBacktest(series, { ...base, strategy: 'periodic', feeRate: 0.01 })
    // 605 / 450 -> 526.725 each: sell 78.275 of Bitcoin, buy 76.725 of the basket, fees 1.55.
    expect(result.values[2]).toBeCloseTo(1_055 - 1.55, 9)
    expect(result.values[3]).toBeCloseTo(526.725 * (110 / 121) + 526.725 * (10 / 9), 9)
    expect(result.fees).toBeGreaterThan(1.55)
  })

  it('following the regime moves to 20/80 in Altcoin Season and 80/20 in Bitcoin Season', () => {
    const result = runBacktest(series, { ...base, strategy: 'regime' })
    // Day 2 (altcoin): 1,055 -> 211 Bitcoin, 844 basket. Day 4 (bitcoin) rebalances at its close.
    expect(result.values[3]).toBeCloseTo(211 * (110 / 121) + 844 * (10 / 9), 9)
    expect(result.values[4]).toBeCloseTo(211 * (100 / 121) + 844 * (11 / 9), 9)
    expect(result.trades).toBe(4)
  })

  it('a sleeve drifting out of its band triggers the regime strategy between regime changes', () => {
    const flat: BacktestSeries = { ...series, regimes: ['neutral', 'neutral', 'neutral', 'neutral', 'neutral'] }
    // Day 1: 550 / 600 = 47.8% / 52.2%, inside 5 points; day 2: 605 / 450 = 57.3%, out.
    const result = runBacktest(flat, { ...base, strategy: 'regime', bands: { absolute: 5, relative: 25 } })
    expect(result.values[1]).toBe(1_150)
    expect(result.values[3]).toBeCloseTo(527.5 * (110 / 121) + 527.5 * (10 / 9), 9)
    // Day 3 sits exactly on the edge, 45.0% (inside); day 4 at 40.3% Bitcoin is out again.
    expect(result.trades).toBe(4)
  })

  it('trades below the minimum size are skipped', () => {
    const result = runBacktest(series, { ...base, strategy: 'periodic', minTrade: 80 })
    // Day 2 would move 77.50 each way: skipped, so the portfolio keeps holding.
    expect(result.values[3]).toBe(1_050)
  })

  it('metrics: CAGR over the span, the deepest fall from a peak, annualized volatility', () => {
    const values = Float64Array.from([1_000, 1_150, 1_055, 1_050, 1_050])
    const metrics = computeMetrics(series.days, values)
    expect(metrics.totalReturn).toBeCloseTo(0.05, 12)
    expect(metrics.cagr).toBeCloseTo(1.05 ** (365 / 4) - 1, 6)
    expect(metrics.maxDrawdown).toBeCloseTo(1 - 1_050 / 1_150, 12)
    const returns = [0.15, 1_055 / 1_150 - 1, 1_050 / 1_055 - 1, 0]
    const mean = returns.reduce((s, r) => s + r, 0) / 4
    const sd = Math.sqrt(returns.reduce((s, r) => s + (r - mean) ** 2, 0) / 3)
    expect(metrics.volatility).toBeCloseTo(sd * Math.sqrt(365), 12)
    expect(computeMetrics(Int32Array.from([1]), Float64Array.from([5]))).toMatchObject({
      cagr: null,
      volatility: null,
      maxDrawdown: 0
    })
  })
})

describe('sell preview', () => {
  const lots = [
    { coinId: 'bitcoin', acquiredAt: '2021-03-01', quantity: 0.5, costPerUnit: 50_000 },
    { coinId: 'bitcoin', acquiredAt: '2020-01-10', quantity: 0.3, costPerUnit: 8_000 },
    { coinId: 'bitcoin', acquiredAt: '2022-11-20', quantity: 0.2, costPerUnit: 16_000 }
  ]

  it('FIFO takes the oldest lots first', () => {
    const p = previewSell(lots, 0.4, 60_000, 0, 'fifo')
    expect(p.lots).toEqual([
      { acquiredAt: '2020-01-10', quantity: 0.3, costPerUnit: 8_000 },
      { acquiredAt: '2021-03-01', quantity: expect.closeTo(0.1, 12), costPerUnit: 50_000 }
    ])
    // 0.4 x 60,000 = 24,000 proceeds; cost 2,400 + 5,000.
    expect(p.costBasis).toBeCloseTo(7_400, 6)
    expect(p.realizedGain).toBeCloseTo(16_600, 6)
  })

  it('HIFO takes the most expensive first, and the fee comes off the proceeds', () => {
    const p = previewSell(lots, 0.6, 60_000, 0.01, 'hifo')
    expect(p.lots.map((l) => l.costPerUnit)).toEqual([50_000, 16_000])
    expect(p.costBasis).toBeCloseTo(25_000 + 1_600, 6)
    expect(p.proceeds).toBeCloseTo(36_000 * 0.99, 6)
    expect(p.realizedGain).toBeCloseTo(35_640 - 26_600, 6)
  })

  it('average cost prices each unit at the pooled average and reports what the lots do not cover', () => {
    // (0.5 x 50,000 + 0.3 x 8,000 + 0.2 x 16,000) / 1 = 30,600 a coin.
    const p = previewSell(lots, 1.2, 60_000, 0, 'average')
    expect(p.lots.every((l) => l.costPerUnit === 30_600)).toBe(true)
    expect(p.costBasis).toBeCloseTo(30_600, 6)
    expect(p.uncovered).toBeCloseTo(0.2, 12)
  })
})
