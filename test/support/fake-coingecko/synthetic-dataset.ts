import type { DatasetCoin, DatasetPoint, MarketDataset } from '../market-dataset'

const DAY = 86_400_000

export interface SyntheticOptions {
  /** Altcoins beyond the fixed ones (bitcoin, ethereum, a stablecoin, wrapped and staked tokens). */
  coins: number
  /** First and last UTC day numbers with data (inclusive). */
  firstDay: number
  lastDay: number
  seed?: number
  /** Share of altcoins that list only partway through (young coins). */
  lateShare?: number
  /** Share of altcoins whose data stops partway through (dead coins, still listed by the server). */
  deadShare?: number
}

/** mulberry32: a small deterministic generator, so every run of a test sees the same market. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12)
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}

/**
 * A market of random-walk coins shaped like the real one: a power-law spread of market caps whose
 * ranks shift over time, bitcoin and ethereum, a dollar stablecoin, a wrapped bitcoin and a
 * staked ether (with their categories), young coins, dead coins, a coin whose market cap is
 * sometimes null or 0, and one coin with extra intraday observations.
 */
export function buildSyntheticDataset(options: SyntheticOptions): MarketDataset {
  const random = seededRandom(options.seed ?? 42)
  const days = options.lastDay - options.firstDay + 1
  const walk = (start: number, volatility: number, drift: number): number[] => {
    const out: number[] = []
    let logPrice = Math.log(start)
    for (let i = 0; i < days; i += 1) {
      out.push(Math.exp(logPrice))
      logPrice += drift + volatility * gaussian(random)
    }
    return out
  }
  const toPoints = (prices: number[], supply: number, from = 0, to = days - 1): DatasetPoint[] => {
    const points: DatasetPoint[] = []
    for (let i = from; i <= to; i += 1) {
      const price = prices[i] as number
      points.push({
        t: (options.firstDay + i) * DAY,
        price,
        marketCap: price * supply * (1 + i / (days * 20)),
        volume: price * supply * 0.03
      })
    }
    return points
  }

  const btc = walk(30_000, 0.03, 0.0005)
  const eth = walk(2_000, 0.04, 0.0004)
  const coins: DatasetCoin[] = [
    { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', categories: [], points: toPoints(btc, 19_000_000) },
    { id: 'ethereum', symbol: 'eth', name: 'Ethereum', categories: [], points: toPoints(eth, 120_000_000) },
    {
      id: 'tether',
      symbol: 'usdt',
      name: 'Tether',
      categories: ['stablecoins'],
      points: toPoints(
        btc.map(() => 1 + (random() - 0.5) * 0.004),
        90_000_000_000
      )
    },
    {
      id: 'wrapped-bitcoin',
      symbol: 'wbtc',
      name: 'Wrapped Bitcoin',
      categories: ['wrapped-tokens'],
      points: toPoints(
        btc.map((p) => p * (1 + (random() - 0.5) * 0.002)),
        150_000
      )
    },
    {
      id: 'staked-ether',
      symbol: 'steth',
      name: 'Lido Staked Ether',
      categories: ['liquid-staking-tokens'],
      points: toPoints(
        eth.map((p) => p * 0.999),
        9_000_000
      )
    }
  ]
  const lateShare = options.lateShare ?? 0.1
  const deadShare = options.deadShare ?? 0.05
  for (let k = 1; k <= options.coins; k += 1) {
    const id = `alt-${String(k).padStart(4, '0')}`
    const targetCap = 1e11 / Math.pow(k, 1.1)
    const price = Math.exp(gaussian(random) * 3)
    const prices = walk(price, 0.02 + random() * 0.03, (random() - 0.5) * 0.002)
    const roll = random()
    const from = roll < lateShare ? Math.floor(random() * days * 0.9) : 0
    const to = roll > 1 - deadShare ? Math.max(from + 5, Math.floor(days * (0.3 + random() * 0.5))) : days - 1
    const points = toPoints(prices, targetCap / price, from, Math.min(to, days - 1))
    coins.push({
      id,
      symbol: `a${k}`,
      name: `Altcoin ${k}`,
      categories: k % 97 === 0 ? ['bridged-tokens'] : [],
      points
    })
  }
  // Real answers carry null and 0 market caps for some coins on some days.
  const patchy = coins.find((c) => c.id === 'alt-0007')
  patchy?.points.forEach((p, i) => {
    if (i % 10 === 3) p.marketCap = null
    else if (i % 13 === 5) p.marketCap = 0
  })
  // Extra intraday observations: the later one of a day is that day's value.
  const intraday = coins.find((c) => c.id === 'alt-0003')
  if (intraday) {
    const extra: DatasetPoint[] = []
    for (const p of intraday.points) {
      extra.push(p)
      if (p.price !== null && (p.t / DAY) % 5 === 0)
        extra.push({ t: p.t + 15 * 3_600_000, price: p.price * 1.01, marketCap: (p.marketCap ?? 0) * 1.01 })
    }
    intraday.points = extra
  }
  return { coins }
}
