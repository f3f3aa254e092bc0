import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'
import {
  ALL_COINS,
  CMC_FILE,
  PUBLISHED_FILE,
  STABLE_LIST,
  WRAPPED_LIST,
  realMarketDir
} from '../fixtures/real-market/coverage'
import type { DatasetCoin, MarketDataset } from './market-dataset'

// The real data lives in test/fixtures/real-market (see its SOURCE.md): a cut-down copy of the
// CoinMarketCap snapshots and blockchaincenter's published series.

/** Tickers whose provider ids differ from the lowercased ticker. */
const idOfTicker: Record<string, string> = { BTC: 'bitcoin', ETH: 'ethereum' }

export function cmcIdOf(ticker: string): string {
  return idOfTicker[ticker] ?? ticker.toLowerCase()
}

function readTickerList(file: string): Set<string> {
  const [header, ...lines] = readFileSync(resolve(realMarketDir, file), 'utf8').split(/\r?\n/)
  if (header !== 'ticker') throw new Error(`${file} has no ticker column`)
  const ids = new Set<string>()
  for (const line of lines) {
    const ticker = line.trim()
    if (ticker) ids.add(cmcIdOf(ticker))
  }
  return ids
}

export interface CmcOptions {
  /**
   * First and last dates kept, YYYY-MM-DD inclusive. The fixture has every coin only from
   * ALL_COINS.from to ALL_COINS.to: that is the default, and a range reaching outside it is refused.
   */
  from?: string
  to?: string
}

/**
 * CoinMarketCap's daily top-200 snapshots as a MarketDataset: ids are tickers (BTC → bitcoin,
 * ETH → ethereum, others lowercased), each snapshot is a point at 00:00 UTC of its date, a ticker
 * listed twice on one date keeps its best rank, and the two published ticker lists become the
 * `stablecoins` and `wrapped-tokens` categories. Every coin seen in the range is in the dataset,
 * with points only on the dates it was in the top 200.
 */
export function loadCmcDataset(options: CmcOptions = {}): MarketDataset {
  const { from = ALL_COINS.from, to = ALL_COINS.to } = options
  if (from < ALL_COINS.from || to > ALL_COINS.to)
    throw new Error(
      `the real-market fixture has every coin only from ${ALL_COINS.from} to ${ALL_COINS.to}, not ${from} .. ${to}`
    )
  const text = gunzipSync(readFileSync(resolve(realMarketDir, CMC_FILE))).toString('utf8')
  const stable = readTickerList(STABLE_LIST)
  const wrapped = readTickerList(WRAPPED_LIST)
  const header = text.slice(0, text.indexOf('\n')).trim().split(',')
  const col = (name: string): number => {
    const index = header.indexOf(name)
    if (index < 0) throw new Error(`CMC file has no ${name} column`)
    return index
  }
  const [cDate, cRank, cSymbol, cCap, cPrice] = [
    col('date'),
    col('rank'),
    col('symbol'),
    col('market_cap'),
    col('price')
  ]
  const coins = new Map<string, DatasetCoin & { ranks: Map<number, number> }>()
  let start = text.indexOf('\n') + 1
  while (start < text.length) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    const line = text.slice(start, end)
    start = end + 1
    if (line.length === 0) continue
    const fields = line.split(',')
    const date = fields[cDate] as string
    if (date < from || date > to) continue
    const symbol = (fields[cSymbol] ?? '').trim()
    if (!symbol) continue
    const id = cmcIdOf(symbol)
    const t = Date.parse(`${date}T00:00:00Z`)
    const rank = Number(fields[cRank])
    const price = parseNumber(fields[cPrice])
    const marketCap = parseNumber(fields[cCap])
    let coin = coins.get(id)
    if (!coin) {
      const categories = [...(stable.has(id) ? ['stablecoins'] : []), ...(wrapped.has(id) ? ['wrapped-tokens'] : [])]
      coin = { id, symbol: symbol.toLowerCase(), name: symbol, categories, points: [], ranks: new Map() }
      coins.set(id, coin)
    }
    const seenRank = coin.ranks.get(t)
    if (seenRank !== undefined && seenRank <= rank) continue
    if (seenRank !== undefined) coin.points = coin.points.filter((p) => p.t !== t)
    coin.ranks.set(t, rank)
    coin.points.push({ t, price, marketCap })
  }
  return {
    coins: [...coins.values()].map(({ ranks: _ranks, ...coin }) => ({
      ...coin,
      points: coin.points.sort((a, b) => a.t - b.t)
    }))
  }
}

function parseNumber(field: string | undefined): number | null {
  if (field === undefined || field.trim() === '') return null
  const value = Number(field)
  return Number.isFinite(value) ? value : null
}

/** blockchaincenter.net's published top-50 / 90-day series: date → value. */
export function loadPublishedSeries(): Map<string, number> {
  const lines = readFileSync(resolve(realMarketDir, PUBLISHED_FILE), 'utf8').split(/\r?\n/).slice(1)
  const series = new Map<string, number>()
  for (const line of lines) {
    const [date, value] = line.split(',')
    if (date && value) series.set(date.trim(), Number(value))
  }
  return series
}
