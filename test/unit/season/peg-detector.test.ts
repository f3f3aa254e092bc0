import { describe, expect, it } from 'vitest'
import { computeBreakdown, prepareMarket } from '../../../src/main/season/compute-index'
import { marketOf, path } from './matrix-builder'

const DAY0 = 20_000
const DAYS = 41
const btc = path(DAYS, 100, 2)
const eth = path(DAYS, 10, 3)
const alternate = (a: number, b: number) => Array.from({ length: DAYS }, (_, t) => (t % 2 === 0 ? a : b))

const market = marketOf(DAYS, {
  bitcoin: { price: btc, cap: 1e12 },
  ethereum: { price: eth, cap: 5e11 },
  fakeusd: { price: alternate(0.991, 1.009), cap: 9e10 }, // 1.009 / 0.991 = 1.018: within 2%
  btcmirror: { price: btc.map((p, t) => p * (t % 3 === 0 ? 1.001 : 0.999)), cap: 8e10 },
  ethmirror: { price: eth.map((p) => p / 20), cap: 7e10 },
  edge: { price: alternate(1, 1.02), cap: 6e10 }, // exactly 1.02: still pegged (<=)
  over: { price: alternate(1, 1.0201), cap: 5e10 },
  young: { price: Array.from({ length: DAYS }, (_, t) => (t >= 11 ? 1 : null)), cap: 4e10 },
  gappy: { price: Array.from({ length: DAYS }, (_, t) => (t >= 20 && t <= 22 ? null : 1)), cap: 3e10 },
  alt: { price: path(DAYS, 1, 5), cap: 2e10 }
})
const prepared = prepareMarket(market)
const reasonsOn = (t: number) =>
  Object.fromEntries(
    computeBreakdown(prepared, DAY0 + t, 100, 5, true).excluded.map((e) => [market.ids[e.coin], e.reason])
  )
const rankedOn = (t: number, peg: boolean) =>
  computeBreakdown(prepared, DAY0 + t, 100, 5, peg).coins.map((c) => market.ids[c.coin])

describe('peg detector (rule 4)', () => {
  it('excludes unlabelled coins that held within 2% of USD, bitcoin or ether for 30 days', () => {
    expect(reasonsOn(40)).toEqual({
      fakeusd: 'pegged:usd',
      btcmirror: 'pegged:btc',
      ethmirror: 'pegged:eth',
      edge: 'pegged:usd',
      young: 'pegged:usd'
    })
    expect(rankedOn(40, true)).toEqual(['ethereum', 'over', 'gappy', 'alt'])
  })

  it('needs a ratio on every one of the 30 days: a coin listed 29 days ago is not yet pegged', () => {
    // young has prices from day 11: on day 39 the window 10..39 misses day 10, on day 40 it is complete.
    expect(reasonsOn(39).young).toBeUndefined()
    expect(reasonsOn(40).young).toBe('pegged:usd')
    expect(rankedOn(39, true)).toContain('young')
  })

  it('excludes from the first date whose 30-day window lies inside the stored history', () => {
    // fakeusd has prices from day 0: the window of day 29 is 0..29, the one of day 28 starts a day too early.
    expect(reasonsOn(28).fakeusd).toBeUndefined()
    expect(reasonsOn(29).fakeusd).toBe('pegged:usd')
    expect(rankedOn(29, true)).not.toContain('fakeusd')
  })

  it('does not treat a coin as pegged across a gap longer than the as-of limit', () => {
    for (let t = 29; t <= 40; t += 1) expect(reasonsOn(t).gappy).toBeUndefined()
  })

  it('never compares a coin with itself: ether is not pegged to ether', () => {
    expect(reasonsOn(40).ethereum).toBeUndefined()
  })

  it('can be switched off, leaving only labelled and curated exclusions', () => {
    expect(rankedOn(40, false)).toEqual([
      'ethereum',
      'fakeusd',
      'btcmirror',
      'ethmirror',
      'edge',
      'over',
      'young',
      'gappy',
      'alt'
    ])
    expect(computeBreakdown(prepared, DAY0 + 40, 100, 5, false).excluded).toEqual([])
  })
})
