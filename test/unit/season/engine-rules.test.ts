import { describe, expect, it } from 'vitest'
import {
  computeBreakdown,
  computeDominance,
  computeHistory,
  prepareMarket
} from '../../../src/main/season/compute-index'
import { regimeOf } from '../../../src/shared/domain'
import { toDailyObservations } from '../../../src/main/market/daily-values'
import { asOfAt, asOfByDay, asOfIndex, asOfReach } from '../../../src/main/market/as-of'
import { marketOf } from './matrix-builder'

const DAY0 = 20_000
const MS = 86_400_000

/** One variant's figures on the last day of a market. */
function lastDay(market: ReturnType<typeof marketOf>, top: number, window: number, pegDetection = true) {
  const h = computeHistory(prepareMarket(market), { tops: [top], windows: [window], pegDetection })
  const v = h.variants[0]!
  const s = h.dayCount - 1
  return {
    value: v.value[s]!,
    outperformers: v.outperformers[s]!,
    measured: v.measured[s]!,
    unmeasured: v.unmeasured[s]!
  }
}

describe('daily values (rule 1)', () => {
  it('keeps the latest observation of each UTC date and ignores null, non-finite and non-positive values', () => {
    const d = DAY0 * MS
    const prices: [number, number | null][] = [
      [d + 15 * 3_600_000, 105], // afternoon "now" point of the same date
      [d, 100], // 00:00 point, earlier: loses
      [d + 20 * 3_600_000, null], // later but not an observation
      [d + MS, 0], // zero: not an observation
      [d + MS + 1, -3],
      [d + 2 * MS, Number.NaN],
      [d + 2 * MS + 5, 7]
    ]
    const values = toDailyObservations(prices, [])
    expect(values.map((v) => [v.day - DAY0, v.price])).toEqual([
      [0, 105],
      [2, 7]
    ])
  })
})

describe('as-of lookup (rule 2)', () => {
  it('carries a value forward at most two days', () => {
    const raw = Float64Array.from([1, NaN, NaN, NaN, 5, NaN, NaN, NaN])
    const reach = asOfReach(8)
    expect(Array.from({ length: 8 }, (_, t) => asOfAt(raw, reach, 0, t))).toEqual([1, 1, 1, NaN, 5, 5, 5, NaN])
  })

  it("gives a coin's stored days (the form valuation reads) the same answers as the matrix form", () => {
    // Stored days 10 and 14 of the series above, shifted: values on days 10..17.
    const days = Int32Array.from([10, 14])
    const prices = [1, 5]
    const looked = Array.from({ length: 9 }, (_, k) => {
      const i = asOfIndex(days, 9 + k)
      return i < 0 ? NaN : prices[i]
    })
    expect(looked).toEqual([NaN, 1, 1, 1, NaN, 5, 5, 5, NaN])
  })

  it('in a sparse load, never reaches before the start of a loaded range and has nothing outside them; the day-major copy agrees', () => {
    // Two coins x 8 days, days 0-1 and 4-6 loaded (the days 2-3 and 7 were not read).
    const raw = Float64Array.from([1, NaN, NaN, 3, NaN, NaN, 6, NaN, 2, 2, 2, 2, 2, NaN, NaN, NaN])
    const columns = [
      [0, 1],
      [4, 6]
    ] as const
    const reach = asOfReach(8, columns)
    const rows = [0, 1].map((i) => Array.from({ length: 8 }, (_, t) => asOfAt(raw, reach, i * 8, t)))
    expect(rows).toEqual([
      [1, 1, NaN, NaN, NaN, NaN, 6, NaN],
      [2, 2, NaN, NaN, 2, 2, 2, NaN]
    ])
    const byDay = asOfByDay(raw, 2, 8, columns)
    expect([0, 1].map((i) => Array.from({ length: 8 }, (_, t) => byDay[t * 2 + i]))).toEqual(rows)
  })

  it('measures a coin whose window-start price is two days old, and drops it when three days old', () => {
    // Window 4 on day 7: the window starts on day 3.
    const market = marketOf(8, {
      bitcoin: { price: 100, cap: 1e12 },
      late: { price: [10, null, null, null, null, null, null, 20], cap: 500 }, // day 0: three days before day 3
      ok: { price: [null, 10, null, null, null, null, null, 20], cap: 400 }, // day 1: two days before day 3
      halved: { price: [null, null, null, 10, null, null, null, 5], cap: 300 }
    })
    expect(lastDay(market, 10, 4)).toEqual({ value: 50, outperformers: 1, measured: 2, unmeasured: 1 })
    const b = computeBreakdown(prepareMarket(market), DAY0 + 7, 10, 4, true)
    expect(b.coins.map((c) => [market.ids[c.coin], c.ratio])).toEqual([
      ['late', null],
      ['ok', 2],
      ['halved', 0.5]
    ])
  })

  it('ranks with a market cap carried up to two days, not three', () => {
    const market = marketOf(6, {
      bitcoin: { price: 100, cap: 1e12 },
      stale2: { price: [1, 1, 1, 1, 1, 2], cap: [900, 900, 900, 900, null, null] },
      stale3: { price: [1, 1, 1, 1, 1, 2], cap: [800, 800, 800, null, null, null] }
    })
    const b = computeBreakdown(prepareMarket(market), DAY0 + 5, 10, 5, false)
    expect(b.coins.map((c) => [market.ids[c.coin], c.marketCap])).toEqual([['stale2', 900]])
  })
})

describe('exclusions (rule 3)', () => {
  it('keeps bitcoin, labelled categories and the curated list out of the universe, with reasons', () => {
    const market = marketOf(3, {
      bitcoin: { price: [100, 100, 100], cap: 1e12 },
      tether: { price: [1, 1.5, 1], cap: 9e10 }, // curated; price wobble so it is not caught as pegged
      mystable: { price: [1, 2, 3], cap: 8e10, categories: ['stablecoins'] },
      steth: { price: [1, 2, 3], cap: 7e10, categories: ['other', 'liquid-staking-tokens'] },
      gold: { price: [1, 2, 3], cap: 6e10, categories: ['tokenized-gold'] },
      alt: { price: [1, 2, 3], cap: 1e9, categories: ['layer-1'] }
    })
    const b = computeBreakdown(prepareMarket(market), DAY0 + 2, 100, 2, true)
    expect(b.coins.map((c) => market.ids[c.coin])).toEqual(['alt'])
    expect(b.excluded.map((e) => [market.ids[e.coin], e.reason])).toEqual([
      ['tether', 'curated'],
      ['mystable', 'category:stablecoins'],
      ['steth', 'category:liquid-staking-tokens'],
      ['gold', 'category:tokenized-gold']
    ])
    expect(b.value).toBe(100)
  })
})

describe('ranking (rule 5)', () => {
  // Window 2 on day 2; bitcoin x1.1.
  const coins = {
    bitcoin: { price: [100, 105, 110], cap: 1e12 },
    bbb: { price: [10, 10, 10.5], cap: 500 }, // ties aaa on cap: ranked after it by id
    aaa: { price: [10, 11, 12], cap: 500 },
    zero: { price: [10, 20, 30], cap: 0 }, // a zero cap is no observation: never ranked
    ddd: { price: [10, 10, 11], cap: 400 }, // ratio exactly bitcoin's 1.1: not above it
    eee: { price: [null, 10, 12], cap: 300 } // listed less than a window ago
  }
  const market = marketOf(3, coins)

  it('sorts by market cap, ties by id, and cuts at N', () => {
    const b = computeBreakdown(prepareMarket(market), DAY0 + 2, 4, 2, true)
    expect(b.coins.map((c) => [c.rank, market.ids[c.coin]])).toEqual([
      [1, 'aaa'],
      [2, 'bbb'],
      [3, 'ddd'],
      [4, 'eee']
    ])
    expect(b.coins.map((c) => c.outperforms)).toEqual([true, false, false, null])
    expect(b.btcRatio).toBeCloseTo(1.1, 12)
  })

  it('counts only measured coins: unmeasured ones leave the denominator', () => {
    expect(lastDay(market, 2, 2)).toEqual({ value: 50, outperformers: 1, measured: 2, unmeasured: 0 })
    expect(lastDay(market, 3, 2)).toEqual({ value: 100 / 3, outperformers: 1, measured: 3, unmeasured: 0 })
    expect(lastDay(market, 4, 2)).toEqual({ value: 100 / 3, outperformers: 1, measured: 3, unmeasured: 1 })
  })

  it('uses the market caps of the date itself, not the latest ranking', () => {
    const m = marketOf(3, {
      bitcoin: { price: [100, 100, 100], cap: 1e12 },
      riser: { price: [1, 1, 2], cap: [10, 10, 1000] },
      faller: { price: [1, 1, 0.5], cap: [1000, 1000, 10] }
    })
    const prepared = prepareMarket(m)
    expect(computeBreakdown(prepared, DAY0 + 1, 1, 1, false).coins.map((c) => m.ids[c.coin])).toEqual(['faller'])
    expect(computeBreakdown(prepared, DAY0 + 2, 1, 1, false).coins.map((c) => m.ids[c.coin])).toEqual(['riser'])
  })
})

describe('bitcoin and empty days (rule 6)', () => {
  const alts = { alt: { price: [1, 1, 1, 2, 2, 2], cap: 100 } }

  it('uses bitcoin as-of when it misses a day or two, and has no value when it misses three', () => {
    const missOne = marketOf(6, { ...alts, bitcoin: { price: [100, 100, 100, 100, null, null], cap: 1e12 } })
    expect(lastDay(missOne, 10, 3)).toEqual({ value: 100, outperformers: 1, measured: 1, unmeasured: 0 })
    const missThree = marketOf(6, { ...alts, bitcoin: { price: [100, 100, 100, null, null, null], cap: 1e12 } })
    expect(lastDay(missThree, 10, 3).value).toBeNaN()
  })

  it('has no value when bitcoin lacks the window-start price or no ranked coin is measured', () => {
    const noStart = marketOf(6, { ...alts, bitcoin: { price: [null, null, null, 100, 100, 100], cap: 1e12 } })
    expect(lastDay(noStart, 10, 5).value).toBeNaN()
    const young = marketOf(6, {
      bitcoin: { price: 100, cap: 1e12 },
      alt: { price: [null, null, null, 1, 1, 2], cap: 100 }
    })
    expect(lastDay(young, 10, 5)).toMatchObject({ measured: 0, unmeasured: 1 })
    expect(lastDay(young, 10, 5).value).toBeNaN()
  })
})

describe('value and regime (rules 7 and 8)', () => {
  it('puts 75 in Altcoin Season and 25 in Bitcoin Season, with 75/25 boundaries inclusive', () => {
    expect(regimeOf(75)).toBe('altcoin')
    expect(regimeOf(74.99)).toBe('neutral')
    expect(regimeOf(25)).toBe('bitcoin')
    expect(regimeOf(25.01)).toBe('neutral')
  })

  it('gives exactly 75 and 25 from 3 of 4 and 1 of 4 outperformers', () => {
    const coins = (winners: number) =>
      Object.fromEntries([
        ['bitcoin', { price: [100, 200], cap: 1e12 }],
        ...[0, 1, 2, 3].map((i) => [`c${i}`, { price: [1, i < winners ? 3 : 1.5], cap: 100 - i }])
      ])
    const three = lastDay(marketOf(2, coins(3)), 100, 1)
    expect(three.value).toBe(75)
    expect(regimeOf(three.value)).toBe('altcoin')
    const one = lastDay(marketOf(2, coins(1)), 100, 1)
    expect(one.value).toBe(25)
    expect(regimeOf(one.value)).toBe('bitcoin')
  })
})

describe('BTC dominance over the tracked coins (rule 10)', () => {
  it("divides bitcoin's as-of cap by every stored coin's as-of cap, stablecoins included", () => {
    const market = marketOf(4, {
      bitcoin: { price: 1, cap: [600, 600, 600, null] },
      alt: { price: 1, cap: [300, 300, null, null] },
      usdt: { price: 1, cap: [100, 100, 100, 100], categories: ['stablecoins'] }
    })
    const d = computeDominance(prepareMarket(market))
    expect([...d.values]).toEqual([60, 60, 60, 60])
    const alone = marketOf(5, {
      bitcoin: { price: 1, cap: [600, null, null, null, null] },
      alt: { price: 1, cap: 400 }
    })
    expect([...computeDominance(prepareMarket(alone)).values]).toEqual([60, 60, 60, NaN, NaN])
  })
})

describe('breakdown and history agree', () => {
  it('gives the same figures for every day of a market', () => {
    const market = marketOf(12, {
      bitcoin: { price: [10, 11, 12, 11, 13, 14, 15, null, 16, 15, 17, 18], cap: 1e6 },
      a: { price: [1, 2, 1, 3, 2, 4, 3, 5, 4, 6, 5, 7], cap: [5, 5, 5, 5, 5, 5, 1, 1, 1, 1, 1, 1] },
      b: { price: [3, 3, 3, 2, 2, 2, 4, 4, 4, 1, 1, 1], cap: 3 },
      c: { price: [null, null, null, null, 1, 1, 2, 2, 3, 3, 4, 4], cap: 4 }
    })
    const prepared = prepareMarket(market)
    const h = computeHistory(prepared, { tops: [2, 3], windows: [3, 5], pegDetection: false })
    for (const v of h.variants) {
      for (let s = 0; s < h.dayCount; s += 1) {
        const b = computeBreakdown(prepared, h.firstDay + s, v.top, v.window, false)
        expect(b.value ?? NaN).toEqual(v.value[s])
        if (b.value !== null)
          expect([b.outperformers, b.measured, b.unmeasured]).toEqual([
            v.outperformers[s],
            v.measured[s],
            v.unmeasured[s]
          ])
      }
    }
  })
})
