import { z } from 'zod'
import type { CoinCandles, CoinCandlesInput } from '../../shared/contract/coins'
import { dayNumberOf, dayOfTimestamp, isoDateOfDay } from '../../shared/dates'
import { AppError } from '../../shared/errors'
import type { ProviderTier } from '../../shared/provider-address'
import type { Clock, Logger } from '../ports/deps'
import { DAY_MS, daysFromDaily, daysFromFourHour } from './candle-days'
import type { CandleInterval, CandleStore } from './candle-store'
import type { ProviderClient } from './provider-client'

/**
 * The coin page's daily candles, fetched from the provider's /coins/{id}/ohlc when the page asks
 * (never by the background sync) and cached. What each plan can give (CoinGecko's docs):
 * - public and demo: `days` of 1, 7, 14, 30, 90, 180 or 365, candle size chosen by the provider:
 *   30 minutes for 1-2 days, 4 hours for 3-30 days, 4 days beyond. So only `days=30` yields whole
 *   days, built from six 4-hour candles each: daily candles for the last 30 days at most.
 * - pro: `interval=daily` for 1, 7, 14, 30, 90 or 180 days: daily candles for the last 180 days.
 * Older days have daily closes only (the stored history), unless an earlier look cached them.
 */

/** At most this many candles in one answer (days=30 at 4 hours is about 181; daily at 180 days, 181). */
export const MAX_OHLC_CANDLES = 2_000
/** An answer longer than this (characters) is refused before it is parsed. */
export const MAX_OHLC_CHARS = 400_000

export const ohlcSchema = z
  .array(z.tuple([z.number().int(), z.number(), z.number(), z.number(), z.number()]))
  .max(MAX_OHLC_CANDLES)

const PRO_DAILY_DAYS = [1, 7, 14, 30, 90, 180] as const
/** The provider publishes the last whole UTC day 35 minutes after midnight (docs: /coins/{id}/ohlc). */
const PUBLISHED_AFTER_MS = 35 * 60_000

export interface CandleRequest {
  interval: CandleInterval
  /** The `days` query parameter. */
  days: number
  /** The first day this plan can give a daily candle for. */
  reachFrom: number
}

/** What to ask the provider for so a range ending `to` gets daily candles; null when the plan reaches none of it. */
export function candleRequest(tier: ProviderTier, from: number, to: number, today: number): CandleRequest | null {
  const reach = tier === 'pro' ? 180 : 30
  const reachFrom = today - reach
  if (to < reachFrom) return null
  if (tier !== 'pro') return { interval: '4h', days: 30, reachFrom }
  const need = today - Math.max(from, reachFrom)
  const days = PRO_DAILY_DAYS.find((d) => d >= need) ?? 180
  return { interval: '1d', days, reachFrom: today - days }
}

/** The last moment the provider published a new whole day: 00:35 UTC today, or yesterday before then. */
export function lastPublication(nowMs: number): number {
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS + PUBLISHED_AFTER_MS
  return nowMs >= today ? today : today - DAY_MS
}

export interface CandleServiceDeps {
  store: CandleStore
  clock: Clock
  log: Logger
  /** Whether the coin is stored (no request goes out for an id the app does not know). */
  known(coinId: string): boolean
  /** A provider client with the sync's request budget, key and address, and the plan in use. */
  open(): { tier: ProviderTier; client(): ProviderClient }
}

export function createCandleService(deps: CandleServiceDeps) {
  const { store, clock, log } = deps

  async function fetchInto(client: ProviderClient, coinId: string, request: CandleRequest, now: number) {
    const query: Record<string, string | number> = { vs_currency: 'usd', days: request.days }
    if (request.interval === '1d') query.interval = 'daily'
    const raw = await client.get(`/coins/${encodeURIComponent(coinId)}/ohlc`, query, ohlcSchema, {
      endpoint: 'ohlc',
      maxChars: MAX_OHLC_CHARS
    })
    const days = request.interval === '1d' ? daysFromDaily(raw, now) : daysFromFourHour(raw, now)
    store.write(coinId, request.interval, request.days, days, now)
  }

  return {
    async get(input: CoinCandlesInput): Promise<CoinCandles> {
      if (!deps.known(input.coinId))
        throw new AppError('NOT_FOUND', `No coin "${input.coinId}" is stored. Search by name or ticker, or run a sync.`)
      const from = dayNumberOf(input.from) as number
      const to = dayNumberOf(input.to) as number
      if (from > to) throw new AppError('VALIDATION', `from (${input.from}) is after to (${input.to})`)
      const now = clock.now()
      const today = dayOfTimestamp(now)
      const plan = deps.open()
      const tier = plan.tier
      const request = candleRequest(tier, from, to, today)
      let fetched = false
      let problem: string | null = null
      if (request) {
        const last = store.lastRequest(input.coinId, request.interval, request.days)
        if (last === null || last < lastPublication(now)) {
          try {
            await fetchInto(plan.client(), input.coinId, request, now)
            fetched = true
          } catch (error) {
            if (!(error instanceof AppError)) throw error
            log.warn('candles not fetched', { coinId: input.coinId, code: error.code })
            problem = `${problemWords(error)} ${ageWords(store.lastFetch(input.coinId, from, to), now)}`
          }
        }
      }
      const candles = store.read(input.coinId, from, to)
      const fetchedAt = store.lastFetch(input.coinId, from, to)
      return {
        coinId: input.coinId,
        source: tier === 'pro' ? 'daily' : '4h',
        reachFrom: request ? isoDateOfDay(request.reachFrom) : null,
        candles: candles.map((c) => ({
          date: isoDateOfDay(c.day),
          open: c.open,
          high: c.high,
          low: c.low,
          close: c.close,
          interval: c.interval
        })),
        fetched,
        fetchedAt,
        problem
      }
    }
  }
}

/** Why no new candles came, in words; a malformed answer is described, never quoted. */
function problemWords(error: AppError): string {
  switch (error.code) {
    case 'OFFLINE':
      return 'The market data provider cannot be reached, so no new candles were fetched.'
    case 'RATE_LIMITED':
      return 'The provider is limiting requests right now, so no new candles were fetched.'
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
    case 'VALIDATION':
      return error.message
    case 'NOT_FOUND':
      return 'The provider has no candles for this coin.'
    default:
      return "The provider's answer for candles could not be used, so nothing was stored."
  }
}

/** How old the cached candles are, or that there are none. */
function ageWords(fetchedAt: number | null, now: number): string {
  if (fetchedAt === null) return 'No candles are stored for this range yet.'
  const minutes = Math.max(0, Math.round((now - fetchedAt) / 60_000))
  const age =
    minutes < 90
      ? `${minutes} minute${minutes === 1 ? '' : 's'}`
      : minutes < 48 * 60
        ? `${Math.round(minutes / 60)} hours`
        : `${Math.round(minutes / 1440)} days`
  return `Showing the candles stored ${age} ago (${new Date(fetchedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC).`
}

export type CandleService = ReturnType<typeof createCandleService>
