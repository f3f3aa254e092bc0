import type { Database } from 'better-sqlite3'
import type { DayCandle } from './candle-days'

/** Where a stored daily candle came from: the provider's daily candles, or six of its 4-hour ones. */
export type CandleInterval = '1d' | '4h'

export interface StoredCandle extends DayCandle {
  interval: CandleInterval
}

/** The most days one read returns: the coin page's longest span (twenty years). */
const MAX_READ_DAYS = 20 * 366

/** The coin page's candle cache: synchronous reads and one-transaction writes. */
export function createCandleStore(db: Database) {
  const insert = db.prepare(
    `INSERT INTO coin_candles (coin_id, interval, day, open, high, low, close, fetched_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (coin_id, day, interval) DO UPDATE SET
       open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
       fetched_at = excluded.fetched_at`
  )
  const logRequest = db.prepare(
    `INSERT INTO candle_requests (coin_id, interval, days, fetched_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (coin_id, interval, days) DO UPDATE SET fetched_at = excluded.fetched_at`
  )
  // The daily interval sorts first ('1d' < '4h'), so the reader keeps it when a day has both.
  const select = db.prepare(
    `SELECT day, interval, open, high, low, close FROM coin_candles
     WHERE coin_id = ? AND day BETWEEN ? AND ? ORDER BY day, interval LIMIT ?`
  )
  const lastRequest = db.prepare(
    `SELECT MAX(fetched_at) AS at FROM candle_requests WHERE coin_id = ? AND interval = ? AND days >= ?`
  )
  const lastFetch = db.prepare(
    `SELECT MAX(fetched_at) AS at FROM coin_candles WHERE coin_id = ? AND day BETWEEN ? AND ?`
  )

  const write = db.transaction(
    (coinId: string, interval: CandleInterval, days: number, candles: readonly DayCandle[], at: number) => {
      for (const c of candles) insert.run(coinId, interval, c.day, c.open, c.high, c.low, c.close, at)
      logRequest.run(coinId, interval, days, at)
    }
  )

  return {
    /** A provider answer's whole days and the request itself, in one transaction. */
    write(coinId: string, interval: CandleInterval, days: number, candles: readonly DayCandle[], at: number): void {
      write(coinId, interval, days, candles, at)
    },
    /** Candles of days from..to, ascending, one per day (the daily interval first). */
    read(coinId: string, from: number, to: number): StoredCandle[] {
      const rows = select.all(coinId, Math.max(from, to - MAX_READ_DAYS), to, 2 * MAX_READ_DAYS) as StoredCandle[]
      return rows.filter((row, i) => i === 0 || (rows[i - 1] as StoredCandle).day !== row.day)
    },
    /** When a request of at least `days` of this interval was last answered for the coin; null if never. */
    lastRequest(coinId: string, interval: CandleInterval, days: number): number | null {
      return (lastRequest.get(coinId, interval, days) as { at: number | null }).at
    },
    /** When the newest stored candle of days from..to was fetched; null when none is stored. */
    lastFetch(coinId: string, from: number, to: number): number | null {
      return (lastFetch.get(coinId, from, to) as { at: number | null }).at
    }
  }
}

export type CandleStore = ReturnType<typeof createCandleStore>
