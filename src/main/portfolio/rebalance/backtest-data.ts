import { BITCOIN_ID, staticExclusionReason } from '../../season/exclusions'
import { rankUniverse } from '../../season/rank-universe'
import { AS_OF_LIMIT_DAYS, asOfAt, asOfByDay, asOfReach } from '../../market/as-of'
import type { MarketReads } from '../../market/market-reads'

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
 * previous day's as-of market cap that are not excluded (Bitcoin, stablecoins, wrapped, staking and
 * bridged tokens, tokenized gold, the curated list), ranked as the index ranks them (largest cap
 * first, ties by id), weighted by that market cap, earning their price change into the day. Coins
 * the provider no longer lists are missing from the stored history altogether, so the basket
 * carries the survivorship of the tracked set.
 */
export function loadMarketSeries(market: MarketReads, from: number, to: number, top: number): MarketSeries {
  const days = Math.max(0, to - from + 1)
  // The first day's return reads the day before it, whose as-of values reach two days further back.
  const start = from - 1 - AS_OF_LIMIT_DAYS
  const span = to - start + 1
  const categories = market.categories()
  const eligible = market.coinIds().filter((id) => staticExclusionReason(id, categories.get(id) ?? []) === null)
  const coinCount = eligible.length
  const price = new Float64Array(coinCount * span).fill(NaN)
  const cap = new Float64Array(coinCount * span).fill(NaN)
  const bitcoinRaw = new Float64Array(span).fill(NaN)
  for (const [day, p] of market.coinRows(BITCOIN_ID, start, to)) if (p !== null) bitcoinRaw[day - start] = p
  eligible.forEach((id, c) => {
    for (const [day, p, m] of market.coinRows(id, start, to)) {
      if (p !== null) price[c * span + day - start] = p
      if (m !== null) cap[c * span + day - start] = m
    }
  })
  const reach = asOfReach(span)
  const capByDay = asOfByDay(cap, coinCount, span)
  const offset = from - start
  const bitcoin = new Float64Array(days)
  for (let d = 0; d < days; d += 1) bitcoin[d] = asOfAt(bitcoinRaw, reach, 0, offset + d)

  // Each day's basket is the ranking of the day before: columns [offset - 1, offset + days - 2].
  const ranking =
    days > 0 && coinCount > 0
      ? rankUniverse({
          capByDay,
          coinCount,
          from: offset - 1,
          to: offset + days - 2,
          cuts: [top],
          skip: new Uint8Array(coinCount),
          pegs: null
        })
      : null
  const altcoins = new Float64Array(days).fill(NaN)
  let level = 1
  let emptyBasketDays = 0
  for (let d = 0; d < days; d += 1) {
    const today = offset + d
    const yesterday = today - 1
    const size = ranking?.count[d] ?? 0
    // Summed in coin order, so the level does not depend on the order the selection left them in.
    const basket = ranking
      ? ranking.coins
          .subarray(d * ranking.size, d * ranking.size + size)
          .slice()
          .sort()
      : []
    let weight = 0
    let grown = 0
    for (const c of basket) {
      const before = asOfAt(price, reach, c * span, yesterday)
      const after = asOfAt(price, reach, c * span, today)
      if (!(before > 0) || !(after > 0)) continue
      const w = capByDay[yesterday * coinCount + c] as number
      weight += w
      grown += (w * after) / before
    }
    if (weight > 0) level *= grown / weight
    else emptyBasketDays += 1
    altcoins[d] = level
  }
  return { firstDay: from, bitcoin, altcoins, emptyBasketDays }
}
