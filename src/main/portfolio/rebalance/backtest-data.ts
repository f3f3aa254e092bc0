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
  for (const row of db.prepare<[], { coin_id: string; category: string }>('SELECT coin_id, category FROM coin_categories').all()) {
    const list = categories.get(row.coin_id) ?? []
    list.push(row.category)
    categories.set(row.coin_id, list)
  }
  const coins = db.prepare<[], { id: string }>('SELECT id FROM coins ORDER BY id').all().map((c) => c.id)
  const eligible = coins.filter((id) => staticExclusionReason(id, categories.get(id) ?? []) === null)
  const index = new Map(eligible.map((id, i) => [id, i]))
  const span = to - start + 1
  const price = new Float64Array(eligible.length * span).fill(NaN)
  const cap = new Float64Array(eligible.length * span).fill(NaN)
  const bitcoinRaw = new Float64Array(span).fill(NaN)
  const rows = db.prepare<[number, number], { coin_id: string; day: number; price: number | null; market_cap: number | null }>(
    'SELECT coin_id, day, price, market_cap FROM daily_values WHERE day BETWEEN ? AND ?'
  )
  for (const row of rows.iterate(start, to)) {
    const offset = row.day - start
    if (row.coin_id === 'bitcoin') {
      if (row.price !== null) bitcoinRaw[offset] = row.price
      continue
    }
    const c = index.get(row.coin_id)
    if (c === undefined) continue
    if (row.price !== null) price[c * span + offset] = row.price
    if (row.market_cap !== null) cap[c * span + offset] = row.market_cap
  }
  const bitcoinAsOf = asOf(bitcoinRaw, 1, span)
  const priceAsOf = asOf(price, eligible.length, span)
  const capAsOf = asOf(cap, eligible.length, span)

  const bitcoin = bitcoinAsOf.slice(from - start, from - start + days)
  const altcoins = new Float64Array(days).fill(NaN)
  let level = 1
  let emptyBasketDays = 0
  const order = eligible.map((_, i) => i)
  for (let d = 0; d < days; d += 1) {
    const today = from - start + d
    const yesterday = today - 1
    const ranked = order
      .filter((c) => capAsOf[c * span + yesterday] === capAsOf[c * span + yesterday])
      .sort((a, b) => (capAsOf[b * span + yesterday] as number) - (capAsOf[a * span + yesterday] as number) || a - b)
      .slice(0, top)
    let weight = 0
    let grown = 0
    for (const c of ranked) {
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
  const row = db.prepare<[], { first: number | null; last: number | null }>("SELECT min(day) AS first, max(day) AS last FROM daily_values WHERE coin_id = 'bitcoin' AND price IS NOT NULL").get()
  return row && row.first !== null && row.last !== null ? { first: row.first, last: row.last } : null
}
