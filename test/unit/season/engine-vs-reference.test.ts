import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeBreakdown, computeHistory, prepareMarket } from '../../../src/main/season/compute-index'
import { rankUniverse } from '../../../src/main/season/rank-universe'
import { marketOf } from './matrix-builder'
import type { CoinSpec } from './matrix-builder'
import { refIndex } from './reference-index'
import type { RefCoin } from './reference-index'
import { seededRandom } from '../../support/fake-coingecko/synthetic-dataset'

const DAY0 = 20_000

/**
 * Random markets that hit the rules' edges: holes of every length in prices and caps, coins
 * listed late, caps drawn from a few values (so ties happen), stable and bitcoin-mirroring coins
 * near the 2% peg band, labelled and curated exclusions.
 */
function randomMarket(seed: number) {
  const r = seededRandom(seed)
  const days = 35 + Math.floor(r() * 40)
  const pool = ['aaa', 'bbb', 'ccc', 'ddd', 'eee', 'fff', 'ggg', 'tether', 'weth', 'zzz']
  const ids = ['bitcoin', ...(r() < 0.7 ? ['ethereum'] : []), ...pool.filter(() => r() < 0.6)]
  const btcPrice: number[] = []
  let p = 100
  for (let t = 0; t < days; t += 1) {
    p *= 1 + (r() - 0.5) * 0.1
    btcPrice.push(p)
  }
  const holes = (t: number, rate: number) => r() < rate || t < 0
  const coins: Record<string, CoinSpec> = {}
  for (const id of ids) {
    const kind = id === 'bitcoin' ? 'btc' : (['random', 'random', 'stable', 'mirror'] as const)[Math.floor(r() * 4)]
    const listed = id === 'bitcoin' ? 0 : Math.floor(r() * days * 0.6)
    const holeRate = r() < 0.5 ? 0 : r() * 0.3
    const price: (number | null)[] = []
    let q = 1 + r() * 10
    for (let t = 0; t < days; t += 1) {
      q *= 1 + (r() - 0.5) * 0.2
      const value =
        kind === 'btc'
          ? btcPrice[t]!
          : kind === 'stable'
            ? 1 + (r() - 0.5) * 0.021
            : kind === 'mirror'
              ? btcPrice[t]! * (1 + (r() - 0.5) * 0.021)
              : q
      price.push(t < listed || holes(t, holeRate) ? null : value)
    }
    const capLevels = [1e6, 2e6, 3e6, 5e6]
    const cap = price.map((v) =>
      v === null && r() < 0.7 ? null : r() < holeRate ? null : id === 'bitcoin' ? 1e9 : capLevels[Math.floor(r() * 4)]!
    )
    const categories = id !== 'bitcoin' && r() < 0.15 ? ['stablecoins'] : ['layer-1']
    coins[id] = { price, cap, categories }
  }
  return { days, coins }
}

function toRef(coins: Record<string, CoinSpec>): RefCoin[] {
  return Object.entries(coins).map(([id, spec]) => {
    const price = new Map<number, number>()
    const cap = new Map<number, number>()
    ;(spec.price as (number | null)[]).forEach((v, t) => v !== null && v > 0 && price.set(DAY0 + t, v))
    ;(spec.cap as (number | null)[]).forEach((v, t) => v !== null && v > 0 && cap.set(DAY0 + t, v))
    return { id, categories: spec.categories ?? [], price, cap }
  })
}

describe('fast engine against the plain reference', () => {
  it('agrees on value, outperformers, measured and unmeasured for every day and variant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.boolean(), (seed, pegDetection) => {
        const { days, coins } = randomMarket(seed)
        const prepared = prepareMarket(marketOf(days, coins, DAY0))
        const ref = toRef(coins)
        const tops = [2, 4]
        const windows = [1, 5, 31]
        const history = computeHistory(prepared, { tops, windows, pegDetection })
        for (const v of history.variants) {
          for (let s = 0; s < history.dayCount; s += 1) {
            const expected = refIndex(ref, DAY0 + s, v.top, v.window, pegDetection)
            const label = `seed ${seed} top ${v.top} window ${v.window} day ${s}`
            expect(Number.isNaN(v.value[s]) ? null : v.value[s], label).toBe(expected.value)
            // Days without a value are not stored or shown, so only valued days carry counts.
            if (expected.value === null) continue
            expect([v.outperformers[s], v.measured[s], v.unmeasured[s]], label).toEqual([
              expected.outperformers,
              expected.measured,
              expected.unmeasured
            ])
          }
        }
        // The breakdown ranks exactly the reference's coins, in its order.
        for (let s = 0; s < days; s += 7) {
          const b = computeBreakdown(prepared, DAY0 + s, 4, 5, pegDetection)
          expect(b.coins.map((c) => prepared.matrix.ids[c.coin])).toEqual(
            refIndex(ref, DAY0 + s, 4, 5, pegDetection).ranked
          )
        }
      }),
      { numRuns: 150 }
    )
  })

  it('ranking puts exactly the top c coins first for every cut, ties by id, on days whose caps jump around', () => {
    const day = fc.array(fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }), { minLength: 9, maxLength: 9 })
    fc.assert(
      fc.property(fc.array(day, { minLength: 1, maxLength: 6 }), fc.boolean(), (days, ordered) => {
        const n = 9
        const D = days.length
        const cap = new Float64Array(n * D).fill(NaN)
        days.forEach((caps, t) => caps.forEach((c, i) => c !== null && (cap[i * D + t] = c * 10 ** (t % 3))))
        const skip = Uint8Array.from({ length: n }, (_, i) => (i === 4 ? 1 : 0))
        const capByDay = Float64Array.from({ length: n * D }, (_, k) => cap[(k % n) * D + Math.floor(k / n)]!)
        const ranking = rankUniverse({
          capByDay,
          coinCount: n,
          from: 0,
          to: D - 1,
          cuts: [2, 5],
          skip,
          pegs: null,
          ordered
        })
        for (let t = 0; t < D; t += 1) {
          const expected = Array.from({ length: n }, (_, i) => i)
            .filter((i) => i !== 4 && !Number.isNaN(cap[i * D + t]))
            .sort((a, b) => cap[b * D + t]! - cap[a * D + t]! || a - b)
          const got = Array.from(ranking.coins.subarray(t * 5, t * 5 + ranking.count[t]!))
          expect(got.length).toBe(Math.min(5, expected.length))
          if (ordered) expect(got).toEqual(expected.slice(0, 5))
          for (const c of [2, 5]) expect([...got.slice(0, c)].sort()).toEqual(expected.slice(0, c).sort())
        }
      })
    )
  })
})
