import { dayOfTimestamp } from '../../shared/dates'

/** One UTC day's value of a coin: price and market cap each with the timestamp it was observed at. */
export interface DailyObservation {
  day: number
  price: number | null
  priceTs: number | null
  marketCap: number | null
  marketCapTs: number | null
  /** 24h volume in USD; absent where the answer carried none. */
  volume?: number | null
  volumeTs?: number | null
}

export type SeriesPoint = readonly [number, number | null]

/** null, non-finite and <= 0 values are not observations (DESIGN.md section 1, item 1). */
export function isObservation(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
}

/**
 * Reduces provider series to one value per UTC day: the observation with the greatest timestamp
 * on that day wins, prices, market caps and volumes independently. Days are returned in ascending order.
 */
export function toDailyObservations(
  prices: readonly SeriesPoint[],
  marketCaps: readonly SeriesPoint[],
  volumes: readonly SeriesPoint[] = []
): DailyObservation[] {
  const byDay = new Map<number, DailyObservation>()
  const slot = (day: number): DailyObservation => {
    let entry = byDay.get(day)
    if (!entry) {
      entry = { day, price: null, priceTs: null, marketCap: null, marketCapTs: null }
      byDay.set(day, entry)
    }
    return entry
  }
  for (const [ts, value] of prices) {
    if (!isObservation(value) || !Number.isFinite(ts)) continue
    const entry = slot(dayOfTimestamp(ts))
    if (entry.priceTs === null || ts >= entry.priceTs) {
      entry.price = value
      entry.priceTs = ts
    }
  }
  for (const [ts, value] of marketCaps) {
    if (!isObservation(value) || !Number.isFinite(ts)) continue
    const entry = slot(dayOfTimestamp(ts))
    if (entry.marketCapTs === null || ts >= entry.marketCapTs) {
      entry.marketCap = value
      entry.marketCapTs = ts
    }
  }
  for (const [ts, value] of volumes) {
    if (!isObservation(value) || !Number.isFinite(ts)) continue
    const entry = slot(dayOfTimestamp(ts))
    if (entry.volumeTs == null || ts >= entry.volumeTs) {
      entry.volume = value
      entry.volumeTs = ts
    }
  }
  return [...byDay.values()].sort((a, b) => a.day - b.day)
}
