import { describe, expect, it } from 'vitest'
import { toDailyObservations } from '../../../src/main/market/daily-values'

const DAY = 86_400_000
const d = (day: number, hours = 0) => day * DAY + hours * 3_600_000

describe('daily values from provider series', () => {
  it('keeps the observation with the greatest timestamp of each UTC day, so the live point overrides 00:00', () => {
    const prices: [number, number][] = [
      [d(19000), 100],
      [d(19001), 110],
      [d(19001, 13.5), 115],
      [d(19001, 6), 112]
    ]
    const rows = toDailyObservations(prices, prices)
    expect(rows.map((r) => [r.day, r.price, r.priceTs])).toEqual([
      [19000, 100, d(19000)],
      [19001, 115, d(19001, 13.5)]
    ])
  })

  it('treats null, 0, negative and non-finite values as no observation, prices and caps independently', () => {
    const prices: [number, number | null][] = [
      [d(19000), 5],
      [d(19000, 12), null],
      [d(19001), 0],
      [d(19002), Number.NaN]
    ]
    const caps: [number, number | null][] = [
      [d(19000), 5e9],
      [d(19001), 6e9],
      [d(19001, 20), -1],
      [d(19002), Number.POSITIVE_INFINITY]
    ]
    const rows = toDailyObservations(prices, caps)
    expect(rows).toEqual([
      { day: 19000, price: 5, priceTs: d(19000), marketCap: 5e9, marketCapTs: d(19000) },
      { day: 19001, price: null, priceTs: null, marketCap: 6e9, marketCapTs: d(19001) }
    ])
  })

  it('assigns a point one millisecond before midnight to the earlier day', () => {
    const rows = toDailyObservations([[d(19001) - 1, 7]], [])
    expect(rows).toEqual([{ day: 19000, price: 7, priceTs: d(19001) - 1, marketCap: null, marketCapTs: null }])
  })
})
