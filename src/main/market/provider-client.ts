import type { z } from 'zod'
import { AppError, describeZodError } from '../../shared/errors'
import type { ErrorCode } from '../../shared/errors'
import { providerAddressProblem, tierBaseUrl } from '../../shared/provider-address'
import type { ProviderTier } from '../../shared/provider-address'
import type { Logger } from '../ports/deps'
import { abortableSleep, cancelled } from './rate-budget'
import type { RequestBudget, Sleep, WaitListener } from './rate-budget'

export { PRO_BASE_URL, PUBLIC_BASE_URL } from '../../shared/provider-address'

/** Redirects a request without a key follows, within the provider's own origin. */
const MAX_REDIRECTS = 3

/** The base URL and key header for a tier; an explicit URL (setting, env, --provider-url) wins. */
export function providerEndpoint(
  tier: ProviderTier,
  apiKey: string | null,
  overrideUrl?: string | null
): { baseUrl: string; headers: Record<string, string> } {
  const baseUrl = (overrideUrl && overrideUrl.trim()) || tierBaseUrl(tier)
  const headers: Record<string, string> = { accept: 'application/json' }
  if (apiKey && tier === 'demo') headers['x-cg-demo-api-key'] = apiKey
  if (apiKey && tier === 'pro') headers['x-cg-pro-api-key'] = apiKey
  return { baseUrl: baseUrl.replace(/\/+$/, ''), headers }
}

export interface ProviderClientOptions {
  baseUrl: string
  /** Sent with every request (the API key header); never logged. */
  headers?: Record<string, string>
  fetch: typeof fetch
  budget: RequestBudget
  timeoutMs?: number
  /** Attempts per request, the first included. */
  maxAttempts?: number
  backoffBaseMs?: number
  backoffMaxMs?: number
  /** Wait after a 429 that names no Retry-After. */
  defaultRetryAfterMs?: number
  /** A Retry-After longer than this is capped, so one odd header cannot stall the app for hours. */
  maxRetryAfterMs?: number
  /** The message for a 401 or 403: what to check, in the words of the runtime (Settings, --tier…). */
  describeRefusal?: (path: string, status: number) => string
  /**
   * Told after every attempt whether the provider answered at all (any HTTP status) or could not
   * be reached (refused, unresolvable, no answer in time), so the app can say so at once.
   */
  onReach?: (reachable: boolean) => void
  sleep?: Sleep
  now?: () => number
  random?: () => number
  log?: Logger
}

export interface RequestStats {
  requests: number
  /** HTTP status codes as strings, plus "timeout" and "network-error". */
  statusCounts: Record<string, number>
  /** Requests per endpoint kind: markets, categories, global, history, range, ping. */
  byEndpoint: Record<string, number>
}

export interface ProviderClient {
  get<S extends z.ZodType>(
    path: string,
    query: Record<string, string | number>,
    schema: S,
    call?: CallOptions
  ): Promise<z.output<S>>
  readonly stats: RequestStats
  readonly baseUrl: string
}

export interface CallOptions {
  signal?: AbortSignal
  onWait?: WaitListener
  /** Which counter in byEndpoint this request adds to. */
  endpoint?: string
  /** An answer longer than this many characters is refused unparsed (not retried). */
  maxChars?: number
}

/** A provider failure that retrying will not fix (404, 401, 400…) or that retries did not fix. */
export class ProviderError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly status: number | null
  ) {
    super(code, message)
    this.name = 'ProviderError'
  }
}

type Attempt =
  | { kind: 'ok'; value: unknown }
  | {
      kind: 'retry'
      reason: string
      code: ErrorCode
      status: number | null
      waitMs?: number
      waitReason: 'retry-after' | 'backoff' | 'offline'
    }
  | { kind: 'fail'; error: ProviderError }

export function createProviderClient(options: ProviderClientOptions): ProviderClient {
  const timeoutMs = options.timeoutMs ?? 30_000
  const maxAttempts = options.maxAttempts ?? 5
  const backoffBase = options.backoffBaseMs ?? 1_000
  const backoffMax = options.backoffMaxMs ?? 60_000
  const defaultRetryAfter = options.defaultRetryAfterMs ?? 60_000
  const maxRetryAfter = options.maxRetryAfterMs ?? 5 * 60_000
  const sleep = options.sleep ?? abortableSleep
  const now = options.now ?? Date.now
  const random = options.random ?? Math.random
  const stats: RequestStats = { requests: 0, statusCounts: {}, byEndpoint: {} }
  const count = (bucket: Record<string, number>, key: string) => (bucket[key] = (bucket[key] ?? 0) + 1)
  const headers = options.headers ?? {}
  // Anything beyond `accept` is a credential (the key header): such a request follows no redirect.
  const carriesKey = Object.keys(headers).some((name) => name.toLowerCase() !== 'accept')
  // Checked here too, not only where the address is entered: no code path sends a key over plain
  // http to another computer.
  const addressProblem = providerAddressProblem(options.baseUrl)
  if (addressProblem) throw new ProviderError('VALIDATION', `The provider address ${addressProblem}.`, null)

  async function attempt(url: string, schema: z.ZodType, path: string, call: CallOptions): Promise<Attempt> {
    await options.budget.acquire(call.signal, call.onWait)
    stats.requests += 1
    count(stats.byEndpoint, call.endpoint ?? 'other')
    const controller = new AbortController()
    const onAbort = () => controller.abort()
    call.signal?.addEventListener('abort', onAbort, { once: true })
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    try {
      let response: Response
      let text: string
      try {
        // Redirects are followed by hand (see below): fetch would carry the key header along.
        let target = url
        for (let hop = 0; ; hop += 1) {
          response = await options.fetch(target, { headers, signal: controller.signal, redirect: 'manual' })
          text = await response.text()
          if (!isRedirect(response.status)) break
          count(stats.statusCounts, String(response.status))
          const next = followable(url, target, response, path, hop, carriesKey)
          if (next instanceof ProviderError) return { kind: 'fail', error: next }
          target = next
        }
      } catch (error) {
        if (call.signal?.aborted) throw cancelled()
        const timedOut = controller.signal.aborted
        count(stats.statusCounts, timedOut ? 'timeout' : 'network-error')
        const reason = timedOut
          ? `no answer within ${Math.round(timeoutMs / 1000)} s`
          : `could not connect (${describeNetworkError(error)})`
        options.onReach?.(false)
        return { kind: 'retry', reason, code: 'OFFLINE', status: null, waitReason: 'offline' }
      }
      options.onReach?.(true)
      count(stats.statusCounts, String(response.status))
      if (call.maxChars !== undefined && text.length > call.maxChars) {
        return {
          kind: 'fail',
          error: new ProviderError(
            'INTERNAL',
            `The provider's answer to ${path} was larger than expected.`,
            response.status
          )
        }
      }
      if (response.status === 429) {
        const waitMs = Math.min(
          parseRetryAfter(response.headers.get('retry-after'), now()) ?? defaultRetryAfter,
          maxRetryAfter
        )
        options.budget.pauseUntil(now() + waitMs)
        return {
          kind: 'retry',
          reason: 'the provider says too many requests (429)',
          code: 'RATE_LIMITED',
          status: 429,
          waitMs,
          waitReason: 'retry-after'
        }
      }
      if (response.status >= 500) {
        return {
          kind: 'retry',
          reason: `the provider failed (HTTP ${response.status})`,
          code: 'INTERNAL',
          status: response.status,
          waitReason: 'backoff'
        }
      }
      if (response.status === 404)
        return {
          kind: 'fail',
          error: new ProviderError('NOT_FOUND', `The provider has nothing at ${path} (404).`, 404)
        }
      if (response.status === 401 || response.status === 403) {
        return {
          kind: 'fail',
          error: new ProviderError(
            'UNAUTHORIZED',
            options.describeRefusal?.(path, response.status) ??
              `The provider refused ${path} (HTTP ${response.status}): check the API key and its plan.`,
            response.status
          )
        }
      }
      if (response.status < 200 || response.status >= 300) {
        return {
          kind: 'fail',
          error: new ProviderError(
            'INTERNAL',
            `The provider answered ${path} with HTTP ${response.status}.`,
            response.status
          )
        }
      }
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        // Usually a connection cut mid-answer: worth another try.
        return {
          kind: 'retry',
          reason: `its answer to ${path} was not valid JSON`,
          code: 'INTERNAL',
          status: response.status,
          waitReason: 'backoff'
        }
      }
      const parsed = schema.safeParse(json)
      if (!parsed.success) {
        return {
          kind: 'retry',
          reason: `its answer to ${path} did not have the expected shape (${describeZodError(parsed.error)})`,
          code: 'INTERNAL',
          status: response.status,
          waitReason: 'backoff'
        }
      }
      return { kind: 'ok', value: parsed.data }
    } finally {
      clearTimeout(timer)
      call.signal?.removeEventListener('abort', onAbort)
    }
  }

  return {
    stats,
    baseUrl: options.baseUrl,
    async get(path, query, schema, call = {}) {
      const url = buildUrl(options.baseUrl, path, query)
      let last: Extract<Attempt, { kind: 'retry' }> | null = null
      for (let n = 1; n <= maxAttempts; n += 1) {
        const result = await attempt(url, schema, path, call)
        if (result.kind === 'ok') return result.value as z.output<typeof schema>
        if (result.kind === 'fail') throw result.error
        last = result
        options.log?.warn('provider request failed; will retry', { path, attempt: n, reason: result.reason })
        if (n === maxAttempts) break
        // Exponential backoff with jitter (half to full delay), so retries of many clients spread out.
        const waitMs = result.waitMs ?? Math.min(backoffMax, backoffBase * 2 ** (n - 1)) * (0.5 + random() * 0.5)
        call.onWait?.({ reason: result.waitReason, untilMs: now() + waitMs, because: result.reason.slice(0, 200) })
        try {
          await sleep(waitMs, call.signal)
        } finally {
          call.onWait?.(null)
        }
      }
      const reason = last?.reason ?? 'unknown failure'
      const code = last?.code ?? 'INTERNAL'
      const lead = code === 'OFFLINE' ? 'The market data provider cannot be reached' : 'The market data provider failed'
      throw new ProviderError(code, `${lead}: ${reason}, ${maxAttempts} times in a row.`, last?.status ?? null)
    }
  }
}

export function buildUrl(baseUrl: string, path: string, query: Record<string, string | number>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) search.set(key, String(value))
  const qs = search.toString()
  return `${baseUrl}${path}${qs ? `?${qs}` : ''}`
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400
}

/**
 * Where a redirect may be followed to, or why it is refused. A request carrying the API key never
 * follows one (DESIGN §4); one without follows a few hops within the provider's own origin. A
 * redirect to another host is always refused, so the sync talks only to the address it was given.
 */
function followable(
  first: string,
  current: string,
  response: Response,
  path: string,
  hop: number,
  carriesKey: boolean
): string | ProviderError {
  const origin = new URL(first).origin
  const location = response.headers.get('location')
  let next: URL | null
  try {
    next = location ? new URL(location, current) : null
  } catch {
    next = null
  }
  const lead = `The provider at ${origin} answered ${path} with a redirect (HTTP ${response.status})`
  if (next === null) return new ProviderError('INTERNAL', `${lead} that names no usable address.`, response.status)
  if (next.origin !== origin) {
    return new ProviderError(
      'FORBIDDEN',
      `${lead} to another host, ${next.origin.slice(0, 200)}. Seasonwatch does not follow it: requests go only to the provider address it was given${carriesKey ? ', and the API key with them' : ''}. If the provider has moved, set its new address.`,
      response.status
    )
  }
  if (carriesKey) {
    return new ProviderError(
      'FORBIDDEN',
      `${lead}. A request carrying the API key never follows a redirect; if the provider's address has changed, set the new one.`,
      response.status
    )
  }
  if (hop + 1 >= MAX_REDIRECTS)
    return new ProviderError('INTERNAL', `${lead}, more than ${MAX_REDIRECTS} times in a row.`, response.status)
  return next.href
}

/** Retry-After is either seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (header === null || header.trim() === '') return null
  const value = header.trim()
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000)
  const date = Date.parse(value)
  if (Number.isNaN(date)) return null
  return Math.max(0, date - nowMs)
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))
}
