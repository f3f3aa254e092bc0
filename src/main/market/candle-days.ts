/**
 * Daily candles from the provider's OHLC answers. CoinGecko stamps each candle with its close time
 * (docs: /coins/{id}/ohlc), so a candle stamped t covers the span ending at t. A candle is labelled
 * with the UTC day it covers, 00:00 to 24:00. Pure functions: no database, no clock.
 */

export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000
const FOUR_HOURS = 4 * HOUR_MS
const SLOTS_PER_DAY = 6

/** [close time ms, open, high, low, close] as the provider sends it. */
export type RawCandle = readonly [number, number, number, number, number]

export interface DayCandle {
  day: number
  open: number
  high: number
  low: number
  close: number
}

/** Values a candle must have to be one: positive, finite, high above low and both ends inside them. */
function sound([, open, high, low, close]: RawCandle): boolean {
  const all = [open, high, low, close]
  if (!all.every((v) => Number.isFinite(v) && v > 0)) return false
  return low <= Math.min(open, close) && high >= Math.max(open, close)
}

/**
 * Whole days built from 4-hour candles: a day counts only when all six of its 4-hour candles are
 * present, sound and closed by `nowMs`; any day missing one is left out (the page shows its close).
 * A candle whose close time is not on a 4-hour boundary (a live one) belongs to no slot.
 */
export function daysFromFourHour(raw: readonly RawCandle[], nowMs: number): DayCandle[] {
  const slots = new Map<number, (RawCandle | undefined)[]>()
  for (const candle of raw) {
    const t = candle[0]
    if (t % FOUR_HOURS !== 0 || t > nowMs || !sound(candle)) continue
    const start = t - FOUR_HOURS
    const day = Math.floor(start / DAY_MS)
    const slot = (start - day * DAY_MS) / FOUR_HOURS
    let row = slots.get(day)
    if (!row) slots.set(day, (row = new Array<RawCandle | undefined>(SLOTS_PER_DAY)))
    row[slot] = candle
  }
  const out: DayCandle[] = []
  for (const [day, row] of slots) {
    const six = row.filter((c): c is RawCandle => c !== undefined)
    if (six.length !== SLOTS_PER_DAY) continue
    out.push({
      day,
      open: (six[0] as RawCandle)[1],
      high: Math.max(...six.map((c) => c[2])),
      low: Math.min(...six.map((c) => c[3])),
      close: (six[SLOTS_PER_DAY - 1] as RawCandle)[4]
    })
  }
  return out.sort((a, b) => a.day - b.day)
}

/** The provider's own daily candles (pro plan, interval=daily): those closed at a midnight by `nowMs`. */
export function daysFromDaily(raw: readonly RawCandle[], nowMs: number): DayCandle[] {
  const byDay = new Map<number, DayCandle>()
  for (const candle of raw) {
    const t = candle[0]
    if (t % DAY_MS !== 0 || t > nowMs || !sound(candle)) continue
    const [, open, high, low, close] = candle
    byDay.set(t / DAY_MS - 1, { day: t / DAY_MS - 1, open, high, low, close })
  }
  return [...byDay.values()].sort((a, b) => a.day - b.day)
}
