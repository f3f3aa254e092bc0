import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/db/connection'
import { daysFromDaily, daysFromFourHour } from '../../../src/main/market/candle-days'
import type { RawCandle } from '../../../src/main/market/candle-days'
import { createCandleStore } from '../../../src/main/market/candle-store'
import { candleRequest, lastPublication } from '../../../src/main/market/provider-candles'

const H = 3_600_000
const DAY = 24 * H
const d = 20_400

/** Six 4-hour candles of day `day` as the provider stamps them (close times 04:00 ... 24:00). */
function sixOf(day: number, opens: number[]): RawCandle[] {
  return opens.map((open, i) => {
    const close = opens[i + 1] ?? open + 1
    return [day * DAY + (i + 1) * 4 * H, open, Math.max(open, close) + 0.5, Math.min(open, close) - 0.5, close]
  })
}

describe('daily candles from 4-hour candles', () => {
  it('combines the six 4-hour candles of a UTC day: first open, highest high, lowest low, last close', () => {
    const raw = sixOf(d, [100, 104, 98, 103, 110, 107])
    expect(daysFromFourHour(raw, (d + 1) * DAY)).toEqual([{ day: d, open: 100, high: 110.5, low: 97.5, close: 108 }])
  })

  it('leaves out a day missing one 4-hour candle, a day not yet over, and a live candle off the 4-hour grid', () => {
    const full = sixOf(d, [10, 11, 12, 13, 14, 15])
    const missing = sixOf(d + 1, [16, 17, 18, 19, 20, 21]).filter((_, i) => i !== 2)
    const today = sixOf(d + 2, [22, 23, 24]).slice(0, 3)
    const live: RawCandle = [(d + 2) * DAY + 13 * H, 24, 25, 23, 24.5]
    const now = (d + 2) * DAY + 13 * H
    expect(daysFromFourHour([...full, ...missing, ...today, live], now).map((c) => c.day)).toEqual([d])
  })

  it('treats an unsound candle (high below the body, a zero price) as missing', () => {
    const raw = sixOf(d, [10, 11, 12, 13, 14, 15])
    const bad = raw.map((c, i): RawCandle => (i === 3 ? [c[0], c[1], 1, c[3], c[4]] : c))
    expect(daysFromFourHour(bad, (d + 1) * DAY)).toEqual([])
    const zero = raw.map((c, i): RawCandle => (i === 0 ? [c[0], 0, c[2], 0, c[4]] : c))
    expect(daysFromFourHour(zero, (d + 1) * DAY)).toEqual([])
  })
})

describe('the provider’s own daily candles', () => {
  it('labels a candle closing at midnight with the day it covers and skips the open one', () => {
    const raw: RawCandle[] = [
      [(d + 1) * DAY, 10, 12, 9, 11],
      [(d + 2) * DAY, 11, 13, 10, 12],
      [(d + 3) * DAY, 12, 12.5, 11, 12.2]
    ]
    expect(daysFromDaily(raw, (d + 2) * DAY + 5 * H).map((c) => [c.day, c.close])).toEqual([
      [d, 11],
      [d + 1, 12]
    ])
  })
})

describe('what to ask the provider for', () => {
  it('public and demo: days=30 of 4-hour candles whenever the range reaches the last 30 days', () => {
    expect(candleRequest('public', d - 365, d, d)).toEqual({ interval: '4h', days: 30, reachFrom: d - 30 })
    expect(candleRequest('demo', d - 10, d, d)).toEqual({ interval: '4h', days: 30, reachFrom: d - 30 })
    expect(candleRequest('public', d - 400, d - 31, d)).toBeNull()
  })

  it('pro: interval=daily with the smallest allowed days covering the range, at most 180', () => {
    expect(candleRequest('pro', d - 5, d, d)).toEqual({ interval: '1d', days: 7, reachFrom: d - 7 })
    expect(candleRequest('pro', d - 60, d, d)).toEqual({ interval: '1d', days: 90, reachFrom: d - 90 })
    expect(candleRequest('pro', d - 3650, d, d)).toEqual({ interval: '1d', days: 180, reachFrom: d - 180 })
    expect(candleRequest('pro', d - 400, d - 181, d)).toBeNull()
  })

  it('the provider publishes a whole day at 00:35 UTC', () => {
    expect(lastPublication(d * DAY + 10 * H)).toBe(d * DAY + 35 * 60_000)
    expect(lastPublication(d * DAY + 20 * 60_000)).toBe((d - 1) * DAY + 35 * 60_000)
  })
})

describe('the candle cache', () => {
  it('writes candles and the request together, reads one candle a day with the daily one first, by its key', () => {
    const db = openDatabase(':memory:')
    const store = createCandleStore(db)
    store.write('ethereum', '4h', 30, [{ day: d, open: 1, high: 2, low: 0.5, close: 1.5 }], 1000)
    store.write('ethereum', '1d', 7, [{ day: d, open: 1.1, high: 2.1, low: 0.6, close: 1.6 }], 2000)
    expect(store.read('ethereum', d - 1, d + 1)).toEqual([
      { day: d, interval: '1d', open: 1.1, high: 2.1, low: 0.6, close: 1.6 }
    ])
    expect(store.lastRequest('ethereum', '4h', 30)).toBe(1000)
    expect(store.lastRequest('ethereum', '1d', 30)).toBeNull()
    // A bad row (a zero price) fails the whole write: neither its candles nor the request are kept.
    expect(() =>
      store.write(
        'ethereum',
        '4h',
        30,
        [
          { day: d + 1, open: 1, high: 2, low: 0.5, close: 1.5 },
          { day: d + 2, open: 0, high: 2, low: 0.5, close: 1.5 }
        ],
        3000
      )
    ).toThrow()
    expect(store.read('ethereum', d, d + 5)).toHaveLength(1)
    expect(store.lastRequest('ethereum', '4h', 30)).toBe(1000)
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT day FROM coin_candles WHERE coin_id = ? AND day BETWEEN ? AND ?')
      .all('ethereum', d, d) as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING PRIMARY KEY \(coin_id=\? AND day>\? AND day<\?\)/)
  })
})
