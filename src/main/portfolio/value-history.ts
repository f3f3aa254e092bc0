import { dayOfTimestamp, isoDateOfDay } from '../../shared/dates'
import type { IsoDate } from '../../shared/dates'
import { AS_OF_LIMIT_DAYS } from '../market/as-of'
import type { PriceBook } from '../market/price-book'
import type { Decimal } from './decimal'
import { toFiniteNumber } from './decimal'
import type { LedgerResult } from './ledger/types'

export interface ValuePoint {
  date: IsoDate
  /** The whole portfolio's value; null on a day when some holding has no price (never counted as 0). */
  value: number | null
  /** The value of the holdings that have a price that day. */
  known: number
  /** How many holdings have no price that day. */
  unpriced: number
}

/**
 * The portfolio's USD value on every UTC day from the first day with a known value to the newest
 * stored price, replaying the ledger's balance changes. Each holding is valued at its as-of price
 * (the latest stored day at most two days back); a day on which a holding has none says so, with
 * the value of what does have a price, instead of drawing it as lower than it was.
 */
export function valueHistory(
  changes: LedgerResult['balanceChanges'],
  book: PriceBook,
  fromDay?: number,
  toDay?: number
): ValuePoint[] {
  const first = changes[0]
  if (!first || book.marketDay === null) return []
  const end = Math.min(toDay ?? Infinity, book.marketDay)
  const keys = new Map<string, number>()
  const coinOf: (string | null)[] = []
  for (const c of changes) {
    if (!keys.has(c.key)) {
      keys.set(c.key, keys.size)
      coinOf.push(c.coinId)
    }
  }
  const exact: Decimal[] = new Array<Decimal>(keys.size).fill(0n)
  const balance = new Float64Array(keys.size)
  const series = coinOf.map((coin) => (coin === null ? null : book.series(coin)))
  const cursor = new Int32Array(keys.size).fill(-1)
  const points: ValuePoint[] = []
  let next = 0
  let started = false
  for (let day = dayOfTimestamp(first.at); day <= end; day += 1) {
    for (; next < changes.length; next += 1) {
      const c = changes[next] as LedgerResult['balanceChanges'][number]
      if (dayOfTimestamp(c.at) > day) break
      const i = keys.get(c.key) as number
      exact[i] = c.set ? c.delta : (exact[i] as Decimal) + c.delta
      // NaN marks a balance beyond the float range: that day counts it as unpriced, never as Infinity.
      balance[i] = toFiniteNumber(exact[i] as Decimal) ?? Number.NaN
    }
    let known = 0
    let unpriced = 0
    for (let i = 0; i < balance.length; i += 1) {
      const quantity = balance[i] as number
      if (quantity === 0) continue
      const s = series[i]
      let c = cursor[i] as number
      if (s) {
        while (c + 1 < s.days.length && (s.days[c + 1] as number) <= day) c += 1
        cursor[i] = c
      }
      const worth =
        !s || c < 0 || day - (s.days[c] as number) > AS_OF_LIMIT_DAYS ? NaN : quantity * (s.prices[c] as number)
      if (Number.isFinite(worth) && Number.isFinite(known + worth)) known += worth
      else unpriced += 1
    }
    // The chart starts on the first day something held has a price.
    if (!started && known === 0 && unpriced > 0) continue
    started = true
    if (fromDay !== undefined && day < fromDay) continue
    points.push({ date: isoDateOfDay(day), value: unpriced === 0 ? known : null, known, unpriced })
  }
  return points
}
