import { buildMatrix } from '../../../src/main/season/market-matrix'
import type { DailyRow } from '../../../src/main/market/market-reads'
import type { MarketMatrix } from '../../../src/main/season/market-matrix'

export interface CoinSpec {
  /** Price per day from day 0; null = no observation. A number alone repeats for every day. */
  price: (number | null)[] | number
  cap: (number | null)[] | number
  categories?: string[]
}

/** A small market from per-coin day arrays (day 0 = `firstDay`), for hand-computed cases. */
export function marketOf(days: number, coins: Record<string, CoinSpec>, firstDay = 20_000): MarketMatrix {
  const rows: DailyRow[] = []
  const categories = new Map<string, string[]>()
  for (const [id, spec] of Object.entries(coins)) {
    categories.set(id, spec.categories ?? [])
    for (let t = 0; t < days; t += 1) {
      const price = typeof spec.price === 'number' ? spec.price : (spec.price[t] ?? null)
      const cap = typeof spec.cap === 'number' ? spec.cap : (spec.cap[t] ?? null)
      rows.push({ coinId: id, day: firstDay + t, price, marketCap: cap })
    }
  }
  return buildMatrix(rows, firstDay, firstDay + days - 1, categories, Object.keys(coins))
}

/** A price path that starts at `start` and ends at `start * growth` after `days` steps, geometric. */
export function path(days: number, start: number, growth: number): number[] {
  return Array.from({ length: days }, (_, t) => start * growth ** (t / (days - 1)))
}
