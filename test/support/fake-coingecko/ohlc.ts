import type { DatasetCoin } from '../market-dataset'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const PUBLIC_DAYS = [1, 7, 14, 30, 90, 180, 365]
const DAILY_DAYS = [1, 7, 14, 30, 90, 180]

export interface OhlcAnswer {
  status: number
  body: unknown
}

/** A coin's price at any moment: the straight line between its daily points (none before the first). */
function priceAt(coin: DatasetCoin, t: number): number | null {
  const points = coin.points.filter((p) => p.price !== null && p.price > 0)
  let before = null
  for (const p of points) {
    if (p.t <= t) before = p
    else if (before) {
      const w = (t - before.t) / (p.t - before.t)
      return (before.price as number) * (1 - w) + (p.price as number) * w
    } else return null
  }
  return before ? (before.price as number) : null
}

/**
 * /coins/{id}/ohlc the way CoinGecko answers it: [[close time ms, open, high, low, close], ...],
 * with the candle size chosen by `days` (1-2: 30 minutes, 3-30: 4 hours, beyond: 4 days), or daily
 * candles with interval=daily on the pro plan only (days 1, 7, 14, 30, 90, 180). The last candle is
 * the one still open, stamped with its coming close time. `gaps` are close times left out, as the
 * real API does for a slot it has no trades in.
 */
export function ohlcAnswer(
  coin: DatasetCoin,
  query: URLSearchParams,
  now: number,
  pro: boolean,
  gaps: ReadonlySet<number>
): OhlcAnswer {
  if (query.get('vs_currency') !== 'usd') return { status: 400, body: { error: 'invalid vs_currency' } }
  const days = Number(query.get('days'))
  const interval = query.get('interval')
  if (interval !== null && interval !== 'daily') return { status: 400, body: { error: 'invalid interval' } }
  if (interval === 'daily' && !pro) {
    return {
      status: 401,
      body: {
        error: {
          status: {
            error_code: 10005,
            error_message: 'You may upgrade to a paid plan to use the interval=daily parameter.'
          }
        }
      }
    }
  }
  if (!(interval === 'daily' ? DAILY_DAYS : PUBLIC_DAYS).includes(days))
    return { status: 400, body: { error: 'invalid days' } }
  const size = interval === 'daily' ? DAY : days <= 2 ? 30 * MINUTE : days <= 30 ? 4 * HOUR : 4 * DAY
  const first = Math.ceil((now - days * DAY) / size) * size
  const candles: [number, number, number, number, number][] = []
  for (let close = first; close < now + size; close += size) {
    if (gaps.has(close)) continue
    const open = priceAt(coin, close - size)
    const end = priceAt(coin, Math.min(close, now))
    if (open === null || end === null) continue
    // A little room above and below, so the candle has wicks; never below a body end.
    const wobble = 0.004 + ((close / size) % 7) * 0.001
    const round = (v: number) => Number(v.toPrecision(10))
    candles.push([
      close,
      round(open),
      round(Math.max(open, end) * (1 + wobble)),
      round(Math.min(open, end) * (1 - wobble)),
      round(end)
    ])
  }
  return { status: 200, body: candles }
}
