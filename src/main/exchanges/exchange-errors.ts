import { AppError } from '../../shared/errors'
import { exchangeInfo } from '../../shared/exchanges'
import type { ExchangeId } from '../../shared/exchanges'
import { PageRejected } from './adapter-types'
import { HostRefused } from './guarded-fetch'

/** What to do about a failed request: wait and ask again, or stop and say why. */
export type Failure = { retry: true } | { retry: false; error: AppError }

/** ccxt's error classes by name (ccxt is loaded lazily, so its classes are not imported here). */
const TRANSIENT = new Set([
  'RateLimitExceeded',
  'ExchangeNotAvailable',
  'OnMaintenance',
  'RequestTimeout',
  'NetworkError'
])

/**
 * Turns an exchange client's failure into a decision and plain words (never a URL, a stack or the
 * exchange's raw JSON). Binance reports a key without permission (-2015) as DDoSProtection once a
 * private call has succeeded, so the code in the message decides, not the class.
 */
export function classify(exchange: ExchangeId, error: unknown, lastStatus: number | null = null): Failure {
  const label = exchangeInfo[exchange].label
  const stop = (code: ConstructorParameters<typeof AppError>[0], message: string): Failure => ({
    retry: false,
    error: new AppError(code, message)
  })
  if (error instanceof AppError) return { retry: false, error }
  if (error instanceof HostRefused) return stop('FORBIDDEN', `${label}: ${error.message}.`)
  if (error instanceof PageRejected) return stop('INTERNAL', `${error.message}; nothing of that page was saved.`)
  const name = error instanceof Error ? error.name : ''
  // Not the exchange's doing: the database refused the write (another process holds it, or it is damaged).
  if (name === 'SqliteError')
    return stop(
      'BUSY',
      `What ${label} sent could not be saved: the database is busy or damaged. The next sync resumes where this one stopped.`
    )
  const text = error instanceof Error ? error.message : String(error)
  if (exchange === 'kraken') {
    const kraken = krakenFailure(text, name)
    if (kraken) return kraken
  }
  if (/-2015|-2014|-1022/.test(text) || name === 'AuthenticationError' || name === 'PermissionDenied')
    return stop(
      'UNAUTHORIZED',
      `${label} refused the key: check that it is typed in full, still active, allowed to read, and not limited to other IP addresses.`
    )
  if (name === 'AccountSuspended') return stop('FORBIDDEN', `${label} says this account is suspended.`)
  if (/-1021/.test(text) || name === 'InvalidNonce')
    return stop(
      'VALIDATION',
      `${label} refused the request because this computer's clock is off; set the clock and try again.`
    )
  // 418: Binance's ban after ignored 429s; asking again only lengthens it.
  if (lastStatus === 418)
    return stop(
      'RATE_LIMITED',
      `${label} has blocked this address for a while after too many requests; Seasonwatch will try again later.`
    )
  if (name === 'DDoSProtection' || TRANSIENT.has(name)) return { retry: true }
  // An answer cut short (the connection closed mid-body) fails while ccxt reads it, outside its own wrapping.
  if (error instanceof TypeError && /terminated|other side closed|fetch failed/i.test(text)) return { retry: true }
  // Coinbase's 429 ("RATE_LIMIT_EXCEEDED") and some 5xx bodies reach ccxt as a plain ExchangeError: the status decides.
  if (lastStatus === 429 || (lastStatus !== null && lastStatus >= 500)) return { retry: true }
  if (name === 'BadResponse' || name === 'NullResponse' || error instanceof SyntaxError)
    return stop('OFFLINE', `${label} sent an answer Seasonwatch could not read; nothing of it was saved.`)
  return stop('INTERNAL', `${label} answered with an error Seasonwatch does not know (${name || 'unknown'}).`)
}

/**
 * Kraken answers errors in the body (`{"error":["EAPI:Invalid nonce"]}`); those whose words differ
 * from other exchanges'. Rate limits ("EAPI:Rate limit exceeded") and "EService:Unavailable/Busy"
 * arrive as ccxt's DDoSProtection and ExchangeNotAvailable and are retried like any 429/5xx.
 */
function krakenFailure(text: string, name: string): Failure | null {
  const stop = (code: ConstructorParameters<typeof AppError>[0], message: string): Failure => ({
    retry: false,
    error: new AppError(code, message)
  })
  if (/EAPI:Invalid signature/.test(text))
    return stop(
      'UNAUTHORIZED',
      'Kraken refused the signature of the request: check that the private key (the secret) is copied in full.'
    )
  if (/EAPI:Invalid nonce/.test(text) || name === 'InvalidNonce')
    return stop(
      'VALIDATION',
      'Kraken refused the request as out of order (nonce): another program is probably using the same key. Give Seasonwatch a key of its own.'
    )
  if (/EGeneral:Temporary lockout/.test(text))
    return stop(
      'RATE_LIMITED',
      'Kraken has locked this key for a while after too many requests; Seasonwatch will try again at the next sync.'
    )
  if (/EGeneral:Permission denied/.test(text) || name === 'PermissionDenied')
    return stop(
      'UNAUTHORIZED',
      'Kraken refused the key: it lacks a permission Seasonwatch needs ("Query Funds" and "Query Ledger Entries").'
    )
  return null
}

/** Waits between attempts: the Retry-After when the exchange sent one, else doubling from base, with jitter. */
export function backoffMs(attempt: number, retryAfterMs: number | null, baseMs: number): number {
  if (retryAfterMs !== null) return retryAfterMs
  return Math.min(baseMs * 2 ** attempt, 60_000) * (0.8 + Math.random() * 0.4)
}
