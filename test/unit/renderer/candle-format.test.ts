import { describe, expect, it } from 'vitest'
import { CLOSES_ONLY, candleView } from '../../../src/renderer/src/features/coins/candle-format'
import type { CoinCandles, CoinDay } from '../../../src/shared/contract/coins'

function day(date: string, price: number | null): CoinDay {
  return {
    date,
    price,
    priceBtc: null,
    marketCap: null,
    volume: null,
    status: 'outside',
    rank: null,
    ratio: null,
    btcRatio: null,
    outperforms: null,
    reason: null,
    pegSpread: null
  }
}
const candle = (date: string) => ({ date, open: 1, high: 2, low: 0.5, close: 1.5, interval: '4h' as const })
const answer = (candles: CoinCandles['candles']): CoinCandles => ({
  coinId: 'ethereum',
  source: '4h',
  reachFrom: '2025-01-01',
  candles,
  fetched: false,
  fetchedAt: null,
  problem: null
})
const days = ['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-01-05'].map((d, i) => day(d, 10 + i))

describe('the candle view of a range', () => {
  it('with no candle in the range: every close as a line and the plain notice', () => {
    const view = candleView(days, answer([candle('2024-12-30')]))
    expect(view.candles).toEqual([])
    expect(view.line.map((p) => p.value)).toEqual([10, 11, 12, 13, 14])
    expect(view.dots).toEqual([])
    expect(view.notes[0]).toBe(CLOSES_ONLY)
  })

  it('with candles from the middle on: earlier closes as a line, a later day without a candle as a dot, said in words', () => {
    const view = candleView(days, answer([candle('2025-01-03'), candle('2025-01-05')]))
    expect(view.candles.map((c) => c.date)).toEqual(['2025-01-03', '2025-01-05'])
    expect(view.line).toEqual([
      { time: '2025-01-01', value: 10 },
      { time: '2025-01-02', value: 11 }
    ])
    expect(view.dots).toEqual([{ time: '2025-01-04', value: 13 }])
    expect(view.notes.slice(0, 2)).toEqual([
      'Only daily closes are known for this range before 2025-01-03; shown as a line.',
      '1 later day without all six of its 4-hour candles shows the close only.'
    ])
  })
})
