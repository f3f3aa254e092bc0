import { AppError } from '../../shared/errors'

export type WaitReason = 'rate-budget' | 'retry-after' | 'backoff' | 'offline'
/** `because`: what went wrong before a retry, in plain words ("the provider failed (HTTP 503)"). */
export type WaitListener = (wait: { reason: WaitReason; untilMs: number; because?: string } | null) => void
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

/**
 * The client-side request budget every provider call draws from. Requests are spaced evenly
 * (60 000 / R ms apart, plus a small margin) rather than allowed in bursts: a server that counts
 * requests in any sliding minute then never sees more than R, even when network jitter bunches
 * arrivals, and a long backfill takes no longer than the budget requires.
 */
export interface RequestBudget {
  /** Waits for the next slot; rejects with CANCELLED when the signal aborts. */
  acquire(signal?: AbortSignal, onWait?: WaitListener): Promise<void>
  /** Requests per minute; 0 means no client-side limit. */
  setRate(perMinute: number): void
  readonly perMinute: number
  /** Nobody gets a slot before this time (a 429's Retry-After applies to every caller). */
  pauseUntil(ms: number): void
}

export interface BudgetOptions {
  perMinute: number
  now?: () => number
  sleep?: Sleep
  /** Extra spacing as a fraction of the interval, absorbing jitter between send and arrival. */
  margin?: number
}

export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled())
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      },
      Math.max(0, ms)
    )
    const onAbort = () => {
      clearTimeout(timer)
      reject(cancelled())
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })

export function cancelled(): AppError {
  return new AppError('CANCELLED', 'The sync was cancelled; what it had stored is kept.')
}

export function createRequestBudget(options: BudgetOptions): RequestBudget {
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? abortableSleep
  const margin = options.margin ?? 0.01
  let perMinute = checkRate(options.perMinute)
  let nextSlot = 0
  let pausedUntil = 0

  return {
    get perMinute() {
      return perMinute
    },
    setRate(value) {
      perMinute = checkRate(value)
    },
    pauseUntil(ms) {
      pausedUntil = Math.max(pausedUntil, ms)
    },
    async acquire(signal, onWait) {
      if (signal?.aborted) throw cancelled()
      const t = now()
      const interval = perMinute > 0 ? (60_000 / perMinute) * (1 + margin) : 0
      const paused = pausedUntil > t
      // The slot is reserved before waiting, so concurrent callers queue up in distinct slots.
      const start = Math.max(t, perMinute > 0 ? nextSlot : 0, pausedUntil)
      if (perMinute > 0) nextSlot = start + interval
      if (start > t) {
        onWait?.({ reason: paused && start === pausedUntil ? 'retry-after' : 'rate-budget', untilMs: start })
        try {
          await sleep(start - t, signal)
        } finally {
          onWait?.(null)
        }
        // A busy event loop wakes late; spacing the next request from the actual send time keeps
        // late requests from bunching up with the ones after them.
        if (perMinute > 0) nextSlot = Math.max(nextSlot, now() + interval)
      }
    }
  }
}

function checkRate(value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new AppError(
      'VALIDATION',
      `The request budget must be 0 (no limit) or a positive number per minute, not ${value}.`
    )
  return value
}
