import { curatedExclusions } from '../../../src/main/season/curated-exclusions'

/**
 * A deliberately simple reading of DESIGN.md section 1, written straight from the text with plain
 * loops and maps and no attempt at speed, for property tests against the fast engine.
 */
export interface RefCoin {
  id: string
  categories: string[]
  /** day -> value; absent = no observation. */
  price: Map<number, number>
  cap: Map<number, number>
}

const EXCLUDED = [
  'stablecoins',
  'wrapped-tokens',
  'liquid-staking-tokens',
  'liquid-restaking-tokens',
  'bridged-tokens',
  'bridged-stablecoins',
  'yield-bearing-stablecoins',
  'tokenized-gold'
]

export function refAsOf(series: Map<number, number>, x: number): number | null {
  for (let y = x; y >= x - 2; y -= 1) {
    const v = series.get(y)
    if (v !== undefined) return v
  }
  return null
}

export function refPegged(coins: RefCoin[], coin: RefCoin, d: number): string | null {
  const btc = coins.find((c) => c.id === 'bitcoin')
  const eth = coins.find((c) => c.id === 'ethereum')
  const refs: [string, RefCoin | undefined | 'usd'][] = [
    ['usd', 'usd'],
    ['btc', btc],
    ['eth', eth]
  ]
  for (const [name, ref] of refs) {
    if (ref === undefined || ref === coin) continue
    const ratios: number[] = []
    for (let x = d - 29; x <= d; x += 1) {
      const p = refAsOf(coin.price, x)
      const r = ref === 'usd' ? 1 : refAsOf(ref.price, x)
      if (p === null || r === null) break
      ratios.push(p / r)
    }
    if (ratios.length === 30 && Math.max(...ratios) / Math.min(...ratios) <= 1.02) return `pegged:${name}`
  }
  return null
}

export function refExcluded(coins: RefCoin[], coin: RefCoin, d: number, pegDetection: boolean): boolean {
  if (coin.id === 'bitcoin') return true
  if (coin.categories.some((c) => EXCLUDED.includes(c))) return true
  if (coin.id in curatedExclusions) return true
  return pegDetection && refPegged(coins, coin, d) !== null
}

export function refIndex(coins: RefCoin[], d: number, top: number, window: number, pegDetection: boolean) {
  const ranked = coins
    .filter((c) => !refExcluded(coins, c, d, pegDetection) && refAsOf(c.cap, d) !== null)
    .sort((a, b) => {
      const diff = (refAsOf(b.cap, d) as number) - (refAsOf(a.cap, d) as number)
      if (diff !== 0) return diff
      return a.id < b.id ? -1 : 1
    })
    .slice(0, top)
  const btc = coins.find((c) => c.id === 'bitcoin')
  const b1 = btc ? refAsOf(btc.price, d) : null
  const b0 = btc ? refAsOf(btc.price, d - window) : null
  let outperformers = 0
  let measured = 0
  for (const coin of ranked) {
    const p1 = refAsOf(coin.price, d)
    const p0 = refAsOf(coin.price, d - window)
    if (p1 === null || p0 === null) continue
    measured += 1
    if (b1 !== null && b0 !== null && p1 / p0 > b1 / b0) outperformers += 1
  }
  const unmeasured = ranked.length - measured
  if (b1 === null || b0 === null || measured === 0)
    return { value: null, outperformers, measured, unmeasured, ranked: ranked.map((c) => c.id) }
  return {
    value: (100 * outperformers) / measured,
    outperformers,
    measured,
    unmeasured,
    ranked: ranked.map((c) => c.id)
  }
}
