import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { Database } from 'better-sqlite3'
import { dayNumberOf } from '../../../src/shared/dates'
import { CMC_COLUMNS, CMC_FILE, PORTFOLIO, realMarketDir } from '../../fixtures/real-market/coverage'

/** Provider ids for the tickers the portfolio tests hold (CoinGecko's ids for these coins). */
export const TICKER_IDS: Record<string, { id: string; name: string; stable?: boolean }> = {
  BTC: { id: 'bitcoin', name: 'Bitcoin' },
  ETH: { id: 'ethereum', name: 'Ethereum' },
  SOL: { id: 'solana', name: 'Solana' },
  BNB: { id: 'binancecoin', name: 'BNB' },
  DOGE: { id: 'dogecoin', name: 'Dogecoin' },
  LINK: { id: 'chainlink', name: 'Chainlink' },
  DOT: { id: 'polkadot', name: 'Polkadot' },
  WBTC: { id: 'wrapped-bitcoin', name: 'Wrapped Bitcoin' },
  USDT: { id: 'tether', name: 'Tether', stable: true },
  USDC: { id: 'usd-coin', name: 'USDC', stable: true }
}

let cache: { ticker: string; day: number; price: number; cap: number; rank: number }[] | null = null

/**
 * Real daily prices (CoinMarketCap's daily top-200 snapshots, from 2022-01-01 on, as kept in
 * test/fixtures/real-market; see its SOURCE.md) for those tickers.
 */
export function realRows(): { ticker: string; day: number; price: number; cap: number; rank: number }[] {
  if (cache) return cache
  const kept = new Set<string>(PORTFOLIO.tickers)
  const missing = Object.keys(TICKER_IDS).filter((ticker) => !kept.has(ticker))
  if (missing.length > 0)
    throw new Error(`the real-market fixture keeps no rows for ${missing.join(', ')} from ${PORTFOLIO.from} on`)
  const text = gunzipSync(readFileSync(resolve(realMarketDir, CMC_FILE))).toString('utf8')
  if (!text.startsWith(`${CMC_COLUMNS.join(',')}\n`)) throw new Error(`${CMC_FILE} does not start with its header`)
  const best = new Map<string, { ticker: string; day: number; price: number; cap: number; rank: number }>()
  for (const line of text.split('\n')) {
    const [date, rank, ticker, cap, price] = line.split(',')
    if (!ticker || !(ticker in TICKER_IDS) || !date || date < PORTFOLIO.from) continue
    const day = dayNumberOf(date)
    if (day === null) continue
    const key = `${ticker}|${day}`
    const row = { ticker, day, price: Number(price), cap: Number(cap), rank: Number(rank) }
    const seen = best.get(key)
    // A ticker can repeat within a day: the best-ranked row is the coin meant.
    if (!seen || row.rank < seen.rank) best.set(key, row)
  }
  cache = [...best.values()]
  return cache
}

/** Stores those coins and their real prices, plus a second coin that also calls itself ETH. */
export function seedRealMarket(db: Database): void {
  const rows = realRows()
  db.transaction(() => {
    const coin = db.prepare(
      'INSERT INTO coins (id, symbol, name, last_rank, tracked, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, 1, 0, 0)'
    )
    for (const [ticker, info] of Object.entries(TICKER_IDS)) coin.run(info.id, ticker.toLowerCase(), info.name, null)
    coin.run('ethereum-wormhole', 'eth', 'Ethereum (Wormhole)', null)
    const category = db.prepare("INSERT INTO coin_categories (coin_id, category) VALUES (?, 'stablecoins')")
    for (const info of Object.values(TICKER_IDS)) if (info.stable) category.run(info.id)
    const value = db.prepare(
      'INSERT INTO daily_values (coin_id, day, price, price_ts, market_cap, market_cap_ts) VALUES (?, ?, ?, ?, ?, ?)'
    )
    for (const r of rows)
      value.run(
        (TICKER_IDS[r.ticker] as { id: string }).id,
        r.day,
        r.price,
        r.day * 86_400_000,
        r.cap,
        r.day * 86_400_000
      )
    const rank = db.prepare('UPDATE coins SET last_rank = ? WHERE id = ?')
    const lastDay = Math.max(...rows.map((r) => r.day))
    for (const r of rows) if (r.day === lastDay) rank.run(r.rank, (TICKER_IDS[r.ticker] as { id: string }).id)
  })()
}

export function realPrice(ticker: string, date: string): number {
  const day = dayNumberOf(date)
  const row = realRows().find((r) => r.ticker === ticker && r.day === day)
  if (!row) throw new Error(`no ${ticker} price on ${date}`)
  return row.price
}
