/**
 * A market the fake provider serves: every coin with its full daily history. Builders of test
 * data (synthetic, or the real CMC snapshots in test/fixtures/real-market) produce this shape, and the fake
 * CoinGecko server answers from it as of its current `now`.
 */
export interface DatasetPoint {
  /** Milliseconds since the epoch (00:00 UTC for daily points; later for intraday ones). */
  t: number
  price: number | null
  marketCap: number | null
  volume?: number | null
}

export interface DatasetCoin {
  /** Provider id, e.g. "bitcoin". */
  id: string
  symbol: string
  name: string
  /** Provider category slugs, e.g. "stablecoins", "wrapped-tokens". */
  categories: string[]
  /** Ascending by t. */
  points: DatasetPoint[]
}

export interface MarketDataset {
  coins: DatasetCoin[]
  /** Global figures per UTC day, when the dataset has them. */
  global?: { t: number; btcDominance: number; totalMarketCap: number }[]
}
