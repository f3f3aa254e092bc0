import type { DatasetCoin, DatasetPoint, MarketDataset } from '../market-dataset'

const DAY = 86_400_000

/** Answers "what did the market look like at time now" from a dataset, the way the provider would. */
export interface MarketView {
  coin(id: string): DatasetCoin | undefined
  /** Every coin listed by now, by market cap as of now (descending), ties by id. */
  ranking(now: number): RankedCoin[]
  /** Points with from <= t <= to; `dailyOnly` keeps the 00:00 points; a live coin gets a point at now. */
  series(coin: DatasetCoin, from: number, to: number, now: number, dailyOnly: boolean): DatasetPoint[]
  global(now: number): { btcDominance: number; totalMarketCap: number; t: number }
  /** The price change in percent from `days` days before now to now, or null without both prices. */
  priceChange(coin: DatasetCoin, now: number, days: number): number | null
}

export interface RankedCoin {
  coin: DatasetCoin
  point: DatasetPoint
  /** Still trading (a point within the last day): its last_updated is now, as on the real API. */
  live: boolean
  rank: number
}

export function createMarketView(dataset: MarketDataset): MarketView {
  const byId = new Map(dataset.coins.map((coin) => [coin.id, coin]))
  const times = new Map(dataset.coins.map((coin) => [coin.id, Float64Array.from(coin.points, (p) => p.t)]))
  let cached: { now: number; ranking: RankedCoin[] } | null = null

  function lastAtOrBefore(coin: DatasetCoin, t: number): number {
    const ts = times.get(coin.id) as Float64Array
    let lo = 0
    let hi = ts.length - 1
    let found = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if ((ts[mid] as number) <= t) {
        found = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    return found
  }

  const isLive = (point: DatasetPoint, now: number) => point.t >= (Math.floor(now / DAY) - 1) * DAY

  return {
    coin: (id) => byId.get(id),
    ranking(now) {
      if (cached?.now === now) return cached.ranking
      const rows: RankedCoin[] = []
      for (const coin of dataset.coins) {
        const index = lastAtOrBefore(coin, now)
        if (index < 0) continue
        const point = coin.points[index] as DatasetPoint
        rows.push({ coin, point, live: isLive(point, now), rank: 0 })
      }
      const cap = (r: RankedCoin) =>
        r.point.marketCap !== null && Number.isFinite(r.point.marketCap) ? r.point.marketCap : 0
      rows.sort((a, b) => cap(b) - cap(a) || (a.coin.id < b.coin.id ? -1 : a.coin.id > b.coin.id ? 1 : 0))
      rows.forEach((row, i) => (row.rank = i + 1))
      cached = { now, ranking: rows }
      return rows
    },
    series(coin, from, to, now, dailyOnly) {
      const end = Math.min(to, now)
      const out: DatasetPoint[] = []
      const last = lastAtOrBefore(coin, end)
      for (let i = Math.max(0, lastAtOrBefore(coin, from - 1) + 1); i <= last; i += 1) {
        const point = coin.points[i] as DatasetPoint
        if (point.t < from) continue
        if (dailyOnly && point.t % DAY !== 0) continue
        out.push(point)
      }
      // Like the real API: the series ends with the live price at the moment of the request.
      const latestIndex = lastAtOrBefore(coin, now)
      const latest = latestIndex >= 0 ? (coin.points[latestIndex] as DatasetPoint) : null
      if (
        latest &&
        to >= now &&
        isLive(latest, now) &&
        (out.length === 0 || (out[out.length - 1] as DatasetPoint).t < now)
      ) {
        out.push({ ...latest, t: now })
      }
      return out
    },
    priceChange(coin, now, days) {
      const price = (t: number) => {
        const index = lastAtOrBefore(coin, t)
        // As the provider does: no change when the coin has no price that far back.
        const point = index >= 0 ? coin.points[index] : undefined
        return point && point.t >= t - 2 * DAY && point.price !== null && point.price > 0 ? point.price : null
      }
      const then = price(now - days * DAY)
      const current = price(now)
      return then === null || current === null ? null : (100 * (current - then)) / then
    },
    global(now) {
      const stored = dataset.global?.filter((g) => g.t <= now).at(-1)
      if (stored) return stored
      let total = 0
      let btc = 0
      for (const row of this.ranking(now)) {
        const cap = row.point.marketCap ?? 0
        if (!Number.isFinite(cap) || cap <= 0) continue
        total += cap
        if (row.coin.id === 'bitcoin') btc = cap
      }
      return { t: now, btcDominance: total > 0 ? (100 * btc) / total : 0, totalMarketCap: total }
    }
  }
}
