/**
 * The only way an exchange key leaves the machine (DESIGN §4): every request of an exchange
 * client goes through here. A request to any origin but the exchange's own (or the address the
 * user set for it) is refused before it is sent, redirects are never followed (a redirect could
 * carry the signed request elsewhere), and each request is counted for the connection's usage.
 */
export interface RequestMeter {
  requests: number
  /** The Retry-After of the last 429/418/503, in ms, for the retry's wait. */
  retryAfterMs: number | null
  /** The HTTP status of the last answer. */
  lastStatus: number | null
}

export class HostRefused extends Error {}

export function guardedFetch(
  allowedOrigins: ReadonlySet<string>,
  fetchImpl: typeof fetch,
  meter: RequestMeter
): (url: string, init: RequestInit & { timeout?: number; agent?: unknown }) => Promise<Response> {
  return async (url, init) => {
    const origin = new URL(url).origin
    if (!allowedOrigins.has(origin)) {
      throw new HostRefused(`a request to ${origin} was refused: exchange keys go only to the exchange's own address`)
    }
    // ccxt passes node-style options to a custom fetch; the platform fetch takes neither.
    const { timeout: _timeout, agent: _agent, ...rest } = init
    meter.requests += 1
    const response = await fetchImpl(url, { ...rest, redirect: 'manual' })
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel()
      throw new HostRefused(
        `the exchange answered with a redirect (HTTP ${response.status}), which Seasonwatch does not follow with a key`
      )
    }
    meter.lastStatus = response.status
    const retryAfter = response.headers.get('retry-after')
    meter.retryAfterMs =
      (response.status === 429 || response.status === 418 || response.status === 503) && retryAfter !== null
        ? retryAfterMs(retryAfter)
        : null
    return response
  }
}

/** Retry-After in seconds or as an HTTP date; bounded so a hostile answer cannot stall a sync for days. */
function retryAfterMs(value: string): number | null {
  const seconds = Number(value)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now()
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 120_000) : null
}
