import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { DatasetCoin, DatasetPoint, MarketDataset } from '../market-dataset'
import { activate, drift, takeFault } from './faults'
import type { ActiveFault, Fault } from './faults'
import { createMarketView } from './market-view'
import { ohlcAnswer } from './ohlc'

const DAY = 86_400_000
const PREFIX = '/api/v3'
/** The price_change_percentage windows the markets endpoint answers, in days. */
const CHANGE_DAYS: Record<string, number> = {
  '1h': 1 / 24,
  '24h': 1,
  '7d': 7,
  '14d': 14,
  '30d': 30,
  '200d': 200,
  '1y': 365
}

export interface FakeCoinGeckoOptions {
  dataset: MarketDataset
  /** The server's clock, ms; answers are "as of" it. Change it with setNow. */
  now: number
  faults?: Fault[]
  /** Requests allowed per minute (sliding window); more get 429 with Retry-After. Omitted: no limit. */
  rateLimitPerMinute?: number
  /** The sliding window's length; the limit scales with it (a short window makes short tests possible). */
  rateLimitWindowMs?: number
  /** When set, requests without this header and value get 401. */
  requireHeader?: { name: string; value: string }
  /**
   * Like the real public and demo tiers: history reaching further back than this many days gets
   * 401 with CoinGecko's error 10012 unless the request carries a pro key (x-cg-pro-api-key).
   * Omitted: no limit.
   */
  limitedHistoryDays?: number
  /** Candle close times (ms) /coins/{id}/ohlc leaves out, as the real API does for a slot without trades. */
  ohlcGaps?: number[]
  port?: number
}

export interface LoggedRequest {
  /** Path after /api/v3, with the query. */
  path: string
  /** HTTP status; 0 for a request that was left hanging. */
  status: number
  at: number
  headers: Record<string, string | string[] | undefined>
}

export interface FakeCoinGecko {
  /** Base URL, http://127.0.0.1:PORT/api/v3. */
  url: string
  setNow(ms: number): void
  setFaults(faults: Fault[]): void
  readonly requests: LoggedRequest[]
  close(): Promise<void>
}

/**
 * A loopback stand-in for the CoinGecko v3 API, answering from a MarketDataset in the real API's
 * shapes, with injectable faults and an optional rate limit.
 */
export async function startFakeCoinGecko(options: FakeCoinGeckoOptions): Promise<FakeCoinGecko> {
  const view = createMarketView(options.dataset)
  let now = options.now
  let faults: ActiveFault[] = activate(options.faults ?? [])
  const requests: LoggedRequest[] = []
  const arrivals: number[] = []
  const sockets = new Set<Socket>()
  const windowMs = options.rateLimitWindowMs ?? 60_000
  const limit =
    options.rateLimitPerMinute === undefined
      ? Infinity
      : Math.max(1, Math.round((options.rateLimitPerMinute * windowMs) / 60_000))

  const server = createServer((req, res) => {
    try {
      handle(req, res)
    } catch (error) {
      send(res, req, 500, { error: String(error) })
    }
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  function log(req: IncomingMessage, status: number): void {
    requests.push({ path: (req.url ?? '').slice(PREFIX.length), status, at: Date.now(), headers: req.headers })
  }

  function send(
    res: ServerResponse,
    req: IncomingMessage,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
    raw?: string
  ): void {
    log(req, status)
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(raw ?? JSON.stringify(body))
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const target = (req.url ?? '').slice(PREFIX.length)
    if (!url.pathname.startsWith(PREFIX)) return send(res, req, 404, { error: 'not found' })

    const t = Date.now()
    while (arrivals.length > 0 && (arrivals[0] as number) <= t - windowMs) arrivals.shift()
    if (arrivals.length >= limit) {
      const retryAfter = Math.max(1, Math.ceil(((arrivals[0] as number) + windowMs - t) / 1000))
      return send(
        res,
        req,
        429,
        { status: { error_code: 429, error_message: 'rate limited' } },
        { 'retry-after': String(retryAfter) }
      )
    }
    arrivals.push(t)

    if (
      options.requireHeader &&
      req.headers[options.requireHeader.name.toLowerCase()] !== options.requireHeader.value
    ) {
      return send(res, req, 401, { status: { error_code: 401, error_message: 'missing or wrong API key' } })
    }

    const fault = takeFault(faults, target)
    if (fault?.kind === 'hang') {
      log(req, 0)
      return
    }
    if (fault?.kind === 'redirect') {
      const base = fault.location ?? PREFIX
      const location = base.endsWith(PREFIX) ? `${base}${target}` : base
      return send(res, req, fault.status ?? 302, { moved: location }, { location })
    }
    if (fault?.kind === 'status') {
      const status = fault.status ?? 500
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}
      return send(res, req, status, { error: `injected ${status}` }, headers)
    }

    const answer = route(url, typeof req.headers['x-cg-pro-api-key'] === 'string')
    if (answer.status !== 200 || !fault) return send(res, req, answer.status, answer.body)
    const text = JSON.stringify(answer.body)
    if (fault.kind === 'malformed-json') return send(res, req, 200, null, {}, `<html>${text.slice(0, 40)}`)
    if (fault.kind === 'truncated-json')
      return send(res, req, 200, null, {}, text.slice(0, Math.max(1, Math.floor(text.length / 2))))
    return send(res, req, 200, drift(answer.body, fault.kind))
  }

  function route(url: URL, pro: boolean): { status: number; body: unknown } {
    const path = url.pathname.slice(PREFIX.length)
    const q = url.searchParams
    if (path === '/ping') return { status: 200, body: { gecko_says: '(V3) To the Moon!' } }
    if (path === '/global') return { status: 200, body: globalBody() }
    if (path === '/coins/markets') {
      if (q.get('vs_currency') !== 'usd') return { status: 400, body: { error: 'invalid vs_currency' } }
      const perPage = Math.min(250, Math.max(1, Number(q.get('per_page') ?? 100)))
      const page = Math.max(1, Number(q.get('page') ?? 1))
      const category = q.get('category')
      const ranked = view.ranking(now).filter((row) => category === null || row.coin.categories.includes(category))
      // Like the real API, the windows asked in price_change_percentage add *_in_currency fields.
      const windows = (q.get('price_change_percentage') ?? '').split(',').filter((w) => Object.hasOwn(CHANGE_DAYS, w))
      return {
        status: 200,
        body: ranked.slice((page - 1) * perPage, page * perPage).map((row) => marketRow(row, windows))
      }
    }
    const ohlc = /^\/coins\/([^/]+)\/ohlc$/.exec(path)
    if (ohlc) {
      const coin = view.coin(decodeURIComponent(ohlc[1] as string))
      if (!coin) return { status: 404, body: { error: 'coin not found' } }
      return ohlcAnswer(coin, q, now, pro, new Set(options.ohlcGaps ?? []))
    }
    const chart = /^\/coins\/([^/]+)\/market_chart(\/range)?$/.exec(path)
    if (chart) {
      const coin = view.coin(decodeURIComponent(chart[1] as string))
      if (!coin) return { status: 404, body: { error: 'coin not found' } }
      if (q.get('vs_currency') !== 'usd') return { status: 400, body: { error: 'invalid vs_currency' } }
      if (chart[2]) {
        const from = Number(q.get('from'))
        const to = Number(q.get('to'))
        if (!Number.isFinite(from) || !Number.isFinite(to)) return { status: 400, body: { error: 'invalid from/to' } }
        if (!pro && options.limitedHistoryDays !== undefined && from * 1000 < now - options.limitedHistoryDays * DAY)
          return beyondTier()
        return { status: 200, body: chartBody(view.series(coin, from * 1000, to * 1000, now, false)) }
      }
      const daysParam = q.get('days')
      const days = daysParam === 'max' ? 100_000 : Number(daysParam)
      if (!Number.isFinite(days) || days <= 0) return { status: 400, body: { error: 'invalid days' } }
      if (!pro && options.limitedHistoryDays !== undefined && days > options.limitedHistoryDays) return beyondTier()
      const from = (Math.floor(now / DAY) - days) * DAY
      return {
        status: 200,
        body: chartBody(view.series(coin, from, now, now, q.get('interval') === 'daily' || days > 90))
      }
    }
    return { status: 404, body: { error: 'not found' } }
  }

  function beyondTier() {
    const days = options.limitedHistoryDays ?? 0
    return {
      status: 401,
      body: {
        error: {
          status: {
            timestamp: new Date(now).toISOString(),
            error_code: 10012,
            error_message: `Your request exceeds the allowed time range. Public API users are limited to querying historical data within the past ${days} days.`
          }
        }
      }
    }
  }

  function marketRow(row: ReturnType<typeof view.ranking>[number], windows: readonly string[] = []) {
    const { coin, point } = row
    const changes = Object.fromEntries(
      windows.map((w) => [`price_change_percentage_${w}_in_currency`, view.priceChange(coin, now, CHANGE_DAYS[w] ?? 0)])
    )
    return {
      id: coin.id,
      symbol: coin.symbol,
      name: coin.name,
      image: `https://example.invalid/${coin.id}.png`,
      current_price: point.price,
      market_cap: point.marketCap,
      market_cap_rank: point.marketCap !== null && point.marketCap > 0 ? row.rank : null,
      fully_diluted_valuation: null,
      total_volume: point.volume ?? 0,
      price_change_percentage_24h: 0,
      circulating_supply: point.price && point.marketCap ? point.marketCap / point.price : 0,
      last_updated: new Date(row.live ? now : point.t).toISOString(),
      ...changes
    }
  }

  function chartBody(points: DatasetPoint[]) {
    return {
      prices: points.map((p) => [p.t, p.price]),
      market_caps: points.map((p) => [p.t, p.marketCap]),
      total_volumes: points.map((p) => [p.t, p.volume ?? 0])
    }
  }

  function globalBody() {
    const g = view.global(now)
    return {
      data: {
        active_cryptocurrencies: options.dataset.coins.length,
        markets: 1000,
        total_market_cap: { usd: g.totalMarketCap, btc: 0 },
        total_volume: { usd: 0 },
        market_cap_percentage: { btc: g.btcDominance },
        market_cap_change_percentage_24h_usd: 0,
        updated_at: Math.floor(now / 1000)
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}${PREFIX}`,
    requests,
    setNow(ms) {
      now = ms
    },
    setFaults(next) {
      faults = activate(next)
    },
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

export type { DatasetCoin }
