import type { Database } from 'better-sqlite3'
import { staticExclusionReason } from '../../season/exclusions'

/** How far back a missing day may borrow the last stored price (DESIGN.md 1.2). */
const AS_OF_LIMIT = 2

export interface MarketSeries {
  firstDay: number
  /** Bitcoin's as-of price per day from firstDay; NaN where there is none within 2 days. */
  bitcoin: Float64Array
  /** Level of the altcoin basket per day (starts at 1); NaN before the basket has a day of returns. */
  altcoins: Float64Array
  /** Days whose basket return had no constituent with prices on both days (the level stays flat). */
  emptyBasketDays: number
}

/**
 * Bitcoin's price and an altcoin basket level over [from, to] from the stored daily values. The
 * basket is what "altcoins" means in the backtest: each day, the `top` largest coins by the
 * previous day's market cap that are not excluded (Bitcoin, stablecoins, wrapped, staking and
 * bridged tokens, tokenized gold, the curated list), weighted by that market cap, earning their
 * price change into the day. Coins the provider no longer lists are missing from the stored history
 * altogether, so the basket carries the survivorship of the tracked set.
 */
export function loadMarketSeries(db: Database, from: number, to: number, top: number): MarketSeries {
  const days = Math.max(0, to - from + 1)
  const start = from - 1 - AS_OF_LIMIT
  const categories = new Map<string, string[]>()
  for (const row of db
    .prepare<[], { coin_id: string; category: string }>('SELECT coin_id, category FROM coin_categories')
    .all()) {
    const list = categories.get(row.coin_id) ?? []
    list.push(row.category)
    categories.set(row.coin_id, list)
  }
  const coins = db
    .prepare<[], { id: string }>('SELECT id FROM coins ORDER BY id')
    .all()
    .map((c) => c.id)
  const eligible = coins.filter((id) => staticExclusionReason(id, categories.get(id) ?? []) === null)
  const span = to - start + 1
  const price = new Float64Array(eligible.length * span).fill(NaN)
  const cap = new Float64Array(eligible.length * span).fill(NaN)
  const bitcoinRaw = new Float64Array(span).fill(NaN)
  // One primary-key range per coin reads each coin's days in order; going through the day index
  // instead costs a key lookup per row (about ten times slower on a long history).
  const rows = db
    .prepare<[string, number, number], [number, number | null, number | null]>(
      'SELECT day, price, market_cap FROM daily_values WHERE coin_id = ? AND day BETWEEN ? AND ?'
    )
    .raw()
  for (const [day, p] of rows.iterate('bitcoin', start, to)) {
    if (p !== null) bitcoinRaw[day - start] = p
  }
  eligible.forEach((id, c) => {
    for (const [day, p, m] of rows.iterate(id, start, to)) {
      if (p !== null) price[c * span + day - start] = p
      if (m !== null) cap[c * span + day - start] = m
    }
  })
  const bitcoinAsOf = asOf(bitcoinRaw, 1, span)
  const priceAsOf = asOf(price, eligible.length, span)
  const capAsOf = asOf(cap, eligible.length, span)

  const bitcoin = bitcoinAsOf.slice(from - start, from - start + days)
  const altcoins = new Float64Array(days).fill(NaN)
  let level = 1
  let emptyBasketDays = 0
  const coinCount = eligible.length
  const keys = new Float64Array(coinCount)
  const ranked = new Int32Array(coinCount)
  for (let d = 0; d < days; d += 1) {
    const today = from - start + d
    const yesterday = today - 1
    // The top N by yesterday's cap: a native numeric sort finds the N-th largest cap, then coins
    // above it (and, on a tie at it, the lower index first) make up the basket.
    let count = 0
    for (let c = 0; c < coinCount; c += 1) {
      const v = capAsOf[c * span + yesterday] as number
      if (v === v) keys[count++] = v
    }
    let size = 0
    if (count > 0) {
      const sorted = keys.subarray(0, count).sort()
      const threshold = count > top ? (sorted[count - top] as number) : -Infinity
      let above = 0
      while (above < count && (sorted[count - 1 - above] as number) > threshold) above += 1
      let atThreshold = top - above
      for (let c = 0; c < coinCount && size < top; c += 1) {
        const v = capAsOf[c * span + yesterday] as number
        if (!(v === v)) continue
        if (v > threshold) ranked[size++] = c
        else if (v === threshold && atThreshold > 0) {
          ranked[size++] = c
          atThreshold -= 1
        }
      }
    }
    let weight = 0
    let grown = 0
    for (let k = 0; k < size; k += 1) {
      const c = ranked[k] as number
      const before = priceAsOf[c * span + yesterday] as number
      const after = priceAsOf[c * span + today] as number
      if (!(before > 0) || !(after > 0)) continue
      const w = capAsOf[c * span + yesterday] as number
      weight += w
      grown += (w * after) / before
    }
    if (weight > 0) level *= grown / weight
    else emptyBasketDays += 1
    altcoins[d] = level
  }
  return { firstDay: from, bitcoin, altcoins, emptyBasketDays }
}

/** Carries each series' last value forward for up to AS_OF_LIMIT days. */
function asOf(raw: Float64Array, series: number, span: number): Float64Array {
  const out = new Float64Array(raw.length).fill(NaN)
  for (let s = 0; s < series; s += 1) {
    let last = NaN
    let lastDay = -Infinity
    for (let d = 0; d < span; d += 1) {
      const v = raw[s * span + d] as number
      if (v === v) {
        last = v
        lastDay = d
      }
      if (d - lastDay <= AS_OF_LIMIT) out[s * span + d] = last
    }
  }
  return out
}

/** The stored day range of Bitcoin's prices, or null when there are none. */
export function bitcoinDayBounds(db: Database): { first: number; last: number } | null {
  const row = db
    .prepare<[], { first: number | null; last: number | null }>(
      "SELECT min(day) AS first, max(day) AS last FROM daily_values WHERE coin_id = 'bitcoin' AND price IS NOT NULL"
    )
    .get()
  return row && row.first !== null && row.last !== null ? { first: row.first, last: row.last } : null
}
