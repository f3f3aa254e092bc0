/** Failures the fake provider can inject, matched against the request's path and query. */
export type FaultKind =
  'status' | 'hang' | 'malformed-json' | 'truncated-json' | 'drift-missing-field' | 'drift-string-number' | 'redirect'

export interface Fault {
  /** A substring of, or a pattern for, the path after /api/v3 with its query, e.g. "/coins/markets?". */
  match: string | RegExp
  kind: FaultKind
  /** For 'status': the HTTP status (429, 500, 502, 503, 404…). */
  status?: number
  /** For a 429: the Retry-After header; omitted means the answer carries none. */
  retryAfter?: string
  /**
   * For 'redirect': the Location header, absolute (another server) or a path on this one; the
   * request's own path and query are appended when it ends with "/api/v3". Status: 302 unless given.
   */
  location?: string
  /** How many matching requests get this fault; omitted means every one. */
  count?: number
}

export interface ActiveFault extends Fault {
  remaining: number
}

export function activate(faults: readonly Fault[]): ActiveFault[] {
  return faults.map((fault) => ({ ...fault, remaining: fault.count ?? Infinity }))
}

/** The first fault that matches and still has uses left; using it counts down. */
export function takeFault(faults: ActiveFault[], target: string): ActiveFault | null {
  for (const fault of faults) {
    if (fault.remaining <= 0) continue
    const hit = typeof fault.match === 'string' ? target.includes(fault.match) : fault.match.test(target)
    if (!hit) continue
    fault.remaining -= 1
    return fault
  }
  return null
}

/** Schema drift: the answer's shape changes the way providers' answers sometimes do. */
export function drift(body: unknown, kind: 'drift-missing-field' | 'drift-string-number'): unknown {
  const copy = JSON.parse(JSON.stringify(body)) as unknown
  if (Array.isArray(copy) && Array.isArray(copy[0])) {
    // An OHLC answer: a candle loses its close, or a price becomes a string.
    const first = copy[0] as unknown[]
    if (kind === 'drift-missing-field') first.pop()
    else first[1] = String(first[1])
    return copy
  }
  if (Array.isArray(copy)) {
    const first = copy[0] as Record<string, unknown> | undefined
    if (!first) return kind === 'drift-missing-field' ? [{ id: 'x' }] : [{ id: 'x', current_price: '1' }]
    if (kind === 'drift-missing-field') delete first.market_cap
    else first.current_price = String(first.current_price)
    return copy
  }
  const object = copy as Record<string, unknown>
  if ('prices' in object) {
    if (kind === 'drift-missing-field') delete object.market_caps
    else {
      const prices = object.prices as [number, unknown][]
      if (prices[0]) prices[0][1] = String(prices[0][1])
      else object.prices = [[0, '1']]
    }
    return object
  }
  const data = (object.data ?? {}) as Record<string, Record<string, unknown>>
  if (kind === 'drift-missing-field') delete data.market_cap_percentage
  else if (data.total_market_cap) data.total_market_cap.usd = String(data.total_market_cap.usd)
  return object
}
