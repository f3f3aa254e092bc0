import type { CoinDay, CoinPage, MembershipStatus, WatchlistItem } from '@shared/contract/coins'
import { dayNumberOf, isoDateOfDay } from '@shared/dates'
import { percent } from '@shared/format'
import { exclusionWords, formatReturn } from '@shared/season-format'

export const statusWords: Record<MembershipStatus, string> = {
  outperformer: 'Counted, beat Bitcoin',
  measured: 'Counted, lagged Bitcoin',
  ranked: 'Ranked, too young to measure',
  excluded: 'Excluded',
  outside: 'Not in the index universe'
}

/** What one day of the page says of the coin in the index, in a sentence. */
export function membershipSentence(day: CoinDay, top: number): string {
  if (day.status === 'excluded' && day.reason) {
    const evidence =
      day.pegSpread === null ? '' : ` (its price ratio spread ${percent(day.pegSpread - 1, 2)} over 30 days)`
    return `${statusWords.excluded}: ${exclusionWords(day.reason)}${evidence}`
  }
  if (day.status === 'outside') return `Not in the top ${top} on this day`
  return `${statusWords[day.status]} — rank ${day.rank} of the top ${top}`
}

/** The window return of the coin and of Bitcoin on a day, in words. */
export function windowWords(day: CoinDay, window: number): string {
  if (day.ratio === null) return `No price ${window} days before ${day.date}: the window return is unknown.`
  const btc = day.btcRatio === null ? 'Bitcoin has no price to compare' : `Bitcoin ${formatReturn(day.btcRatio)}`
  return `${formatReturn(day.ratio)} over the ${window} days to ${day.date}; ${btc}.`
}

/** The first day of a window ending on `date`: the span the chart shades. */
export function windowStart(date: string, window: number): string {
  const day = dayNumberOf(date)
  return day === null ? date : isoDateOfDay(day - window)
}

/** Days a coin entered or left the counted universe (ranked in the top N), newest first. */
export function transitions(days: readonly CoinDay[]): { date: string; entered: boolean }[] {
  const out: { date: string; entered: boolean }[] = []
  let inside: boolean | null = null
  for (const day of days) {
    const now = day.rank !== null
    if (inside !== null && now !== inside) out.push({ date: day.date, entered: now })
    inside = now
  }
  return out.reverse()
}

/** Counts of each status over the days shown. */
export function statusCounts(days: readonly CoinDay[]): Record<MembershipStatus, number> {
  const counts: Record<MembershipStatus, number> = { outperformer: 0, measured: 0, ranked: 0, excluded: 0, outside: 0 }
  for (const day of days) counts[day.status] += 1
  return counts
}

export const coinRanges = ['1m', '3m', '1y', '3y', 'all'] as const
export type CoinRange = (typeof coinRanges)[number]
export const coinRangeLabels: Record<CoinRange, string> = {
  '1m': '1 month',
  '3m': '3 months',
  '1y': '1 year',
  '3y': '3 years',
  all: 'All'
}

/** The page's days inside a range ending at the last one. */
export function daysInRange(page: CoinPage, range: CoinRange): CoinDay[] {
  const last = page.days.at(-1)
  if (!last || range === 'all') return page.days
  const end = dayNumberOf(last.date) as number
  const start = isoDateOfDay(end - { '1m': 30, '3m': 91, '1y': 365, '3y': 1096 }[range])
  return page.days.filter((d) => d.date > start)
}

/** A watchlist column that sorts. */
export type WatchlistKey = 'coin' | 'price' | 'change24h' | 'change7d' | 'change30d' | 'window'

function valueOf(item: WatchlistItem, key: WatchlistKey): number | string | null {
  switch (key) {
    case 'coin':
      return item.symbol
    case 'price':
      return item.price
    case 'window':
      return item.windowRatio
    default:
      return item[key]
  }
}

/** Sorted by one column; unknown values go last either way. */
export function sortWatchlist(
  items: readonly WatchlistItem[],
  key: WatchlistKey,
  descending: boolean
): WatchlistItem[] {
  return [...items].sort((a, b) => {
    const x = valueOf(a, key)
    const y = valueOf(b, key)
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1
    const c = x < y ? -1 : x > y ? 1 : 0
    return descending ? -c : c
  })
}
