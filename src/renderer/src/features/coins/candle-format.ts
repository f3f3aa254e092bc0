import type { CoinCandle, CoinCandles, CoinDay } from '@shared/contract/coins'

export const CLOSES_ONLY = 'Only daily closes are known for this range; shown as a line.'

export interface CandleView {
  /** The range's candles, ascending. */
  candles: CoinCandle[]
  /** The closes of the days before the first candle (all days when there is none), as a line. */
  line: { time: string; value: number }[]
  /** The closes of later days without a candle (today, a day missing a 4-hour candle), as dots. */
  dots: { time: string; value: number }[]
  /** Sentences for the reader: what is drawn how, and why. */
  notes: string[]
}

/**
 * What the candle chart draws over a range: candles where they are known, the daily close as a
 * line elsewhere, and in words which is which.
 */
export function candleView(days: readonly CoinDay[], answer: CoinCandles): CandleView {
  const first = days[0]?.date ?? ''
  const last = days.at(-1)?.date ?? ''
  const candles = answer.candles.filter((c) => c.date >= first && c.date <= last)
  const known = new Set(candles.map((c) => c.date))
  const oldest = candles[0]?.date
  const closes = days.flatMap((d) => (d.price === null || known.has(d.date) ? [] : [{ time: d.date, value: d.price }]))
  const line = closes.filter((c) => oldest === undefined || c.time < oldest)
  const dots = closes.filter((c) => oldest !== undefined && c.time > oldest)
  const notes: string[] = []
  if (oldest === undefined) notes.push(CLOSES_ONLY)
  else {
    if (first < oldest) notes.push(`Only daily closes are known for this range before ${oldest}; shown as a line.`)
    const missing = days.filter((d) => d.date > oldest && !known.has(d.date)).length
    if (missing > 0) {
      const why =
        answer.source === '4h'
          ? `without all six of ${missing === 1 ? 'its' : 'their'} 4-hour candles`
          : 'without a candle from the provider'
      notes.push(
        `${missing} later day${missing === 1 ? '' : 's'} ${why} show${missing === 1 ? 's' : ''} the close only.`
      )
    }
  }
  notes.push(
    answer.source === '4h'
      ? 'On the public and demo plans the provider has no daily candles: each day’s candle is built from its six 4-hour candles, for the last 30 days only.'
      : 'Daily candles from the provider (pro plan), for the last 180 days.'
  )
  if (answer.fetchedAt !== null)
    notes.push(`Candles fetched ${new Date(answer.fetchedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC.`)
  return { candles, line, dots, notes }
}
