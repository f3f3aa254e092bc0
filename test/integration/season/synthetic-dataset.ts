import type { MarketDataset } from '../../support/market-dataset'

const MS = 86_400_000

/**
 * A market with realistic shapes: bitcoin, ether, a stablecoin (labelled), an unlabelled dollar
 * token (caught by the peg detector) and `alts` altcoins with random walks, late listings and
 * missing days. Deterministic for a seed.
 */
export function syntheticDataset(options: {
  firstDay: number
  days: number
  alts: number
  seed?: number
}): MarketDataset {
  let a = (options.seed ?? 1) >>> 0
  const r = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const walk = (start: number, vol: number, listed: number, holeRate: number, supply: number) => {
    let p = start
    const points = []
    for (let d = 0; d < options.days; d += 1) {
      p *= Math.exp((r() - 0.5) * vol)
      if (d < listed || r() < holeRate) continue
      points.push({ t: (options.firstDay + d) * MS, price: p, marketCap: p * supply })
    }
    return points
  }
  const coins: MarketDataset['coins'] = [
    { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', categories: ['layer-1'], points: walk(30_000, 0.06, 0, 0, 19e6) },
    {
      id: 'ethereum',
      symbol: 'eth',
      name: 'Ethereum',
      categories: ['layer-1'],
      points: walk(2_000, 0.08, 0, 0, 120e6)
    },
    { id: 'tether', symbol: 'usdt', name: 'Tether', categories: ['stablecoins'], points: walk(1, 0.001, 0, 0, 80e9) },
    { id: 'dollarish', symbol: 'dlr', name: 'Dollarish', categories: [], points: walk(1, 0.004, 0, 0.02, 5e9) }
  ]
  for (let i = 0; i < options.alts; i += 1) {
    const listed = r() < 0.2 ? Math.floor(r() * options.days) : 0
    coins.push({
      id: `alt-${String(i).padStart(4, '0')}`,
      symbol: `a${i}`,
      name: `Alt ${i}`,
      categories: ['layer-1'],
      points: walk(0.1 + r() * 50, 0.05 + r() * 0.1, listed, r() < 0.3 ? 0.05 : 0, 1e6 + r() * 1e9)
    })
  }
  return { coins }
}
