import { createRequire } from 'node:module'
import type * as Ccxt from 'ccxt'
import type { Exchange } from 'ccxt'
import { exchangeInfo } from '../../shared/exchanges'
import type { ExchangeId } from '../../shared/exchanges'
import type { ExchangeCredentials } from '../ports/exchange-keys'
import { guardedFetch } from './guarded-fetch'
import type { RequestMeter } from './guarded-fetch'

export interface ClientOptions {
  /** Another address for the exchange's API (loopback fakes, a regional host); null for its own. */
  apiUrl: string | null
  fetch: typeof fetch
  meter: RequestMeter
  timeoutMs: number
  /** False only in benchmarks that measure the client alone; the exchange's limits apply otherwise. */
  rateLimit: boolean
}

/** Per exchange: what ccxt should skip so that only the calls Seasonwatch needs are made. */
const OPTIONS: Record<ExchangeId, Record<string, unknown>> = {
  // Spot markets only: futures and margin endpoints are neither needed nor reachable by a read-only spot key.
  binance: { fetchMarkets: { types: ['spot'] }, fetchMargins: false, fetchCurrencies: false, defaultType: 'spot' },
  kraken: { fetchCurrencies: false },
  // The adapter calls Coinbase's own endpoints only (no unified call), so no market list is ever loaded.
  coinbase: { fetchCurrencies: false }
}

/**
 * Kraken's private calls raise a counter that decays by 0.33 a second, up to 15 on the smallest
 * tier; ccxt paces its cost units (Ledgers 6, Balance 3: one unit a second) without that headroom.
 * Starting with 12 of the 15 points as headroom lets a short sync run at once and paces longer ones
 * as Kraken does; an overdraft is answered "EAPI:Rate limit exceeded", which is waited out.
 */
const BUCKETS: Partial<Record<ExchangeId, { capacity: number; tokens: number }>> = {
  kraken: { capacity: 36, tokens: 36 }
}

/**
 * A ccxt client for one exchange, with the key set and every request going through the guarded
 * fetch. ccxt is loaded on first use: it is large, and most commands never touch an exchange.
 */
export async function createCcxtClient(
  exchange: ExchangeId,
  credentials: ExchangeCredentials,
  options: ClientOptions
): Promise<Exchange> {
  const ccxt = loadCcxt()
  const Client = ccxt[exchange] as unknown as new (config: Record<string, unknown>) => Exchange
  const client = new Client({
    apiKey: credentials.apiKey,
    secret: credentials.secret,
    enableRateLimit: options.rateLimit,
    timeout: options.timeoutMs,
    options: OPTIONS[exchange],
    ...(BUCKETS[exchange] ? { tokenBucket: { ...BUCKETS[exchange] } } : {})
  })
  const origins = new Set(exchangeInfo[exchange].apiHosts.map((host) => `https://${host}`))
  if (options.apiUrl !== null) {
    const target = new URL(options.apiUrl)
    origins.clear()
    origins.add(target.origin)
    rewriteUrls(client.urls.api as Record<string, unknown>, target)
  }
  client.fetchImplementation = guardedFetch(origins, options.fetch, options.meter)
  if (exchange === 'kraken') strictlyIncreasingNonce(client)
  return client
}

let loaded: typeof Ccxt | undefined
/** ccxt takes over a second to load: only commands that reach an exchange pay for it. */
function loadCcxt(): typeof Ccxt {
  loaded ??= createRequire(import.meta.url)('ccxt') as typeof Ccxt
  return loaded
}

/**
 * Points every API address at another origin, keeping each path exactly as written (ccxt builds
 * each request from these; Coinbase's is a bare origin, to which ccxt adds "/api/v3/…" or "/v2/…").
 */
function rewriteUrls(api: Record<string, unknown>, target: URL): void {
  for (const [key, value] of Object.entries(api)) {
    if (typeof value === 'string') {
      const url = new URL(value)
      // A bare origin ("https://api.kraken.com") stays bare: ccxt appends paths that start with "/".
      const rest = value.startsWith(url.origin) ? value.slice(url.origin.length) : `${url.pathname}${url.search}`
      api[key] = `${target.origin}${rest}`
    } else if (value !== null && typeof value === 'object') rewriteUrls(value as Record<string, unknown>, target)
  }
}

/**
 * Kraken refuses a nonce not greater than the last one it saw for the key; ccxt's is the clock in
 * milliseconds, which two quick calls can share. Never less than the clock, so a later process
 * (a resumed sync) starts above it too.
 */
function strictlyIncreasingNonce(client: Exchange): void {
  let last = 0
  const clockNonce = client.nonce.bind(client)
  client.nonce = () => {
    last = Math.max(last + 1, Number(clockNonce()))
    return last
  }
}
