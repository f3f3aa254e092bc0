import { describe, expect, it } from 'vitest'
import type { SyncProgress, SyncState } from '../../../src/shared/contract/sync'
import { describePhase, progressShare, relativeTime, withProgress } from '../../../src/shared/sync-format'
import { startLabel, syncStatus } from '../../../src/shared/sync-status'

const at = Date.UTC(2024, 11, 11, 9, 30)
const idle: SyncState = {
  running: false,
  progress: null,
  lastSuccessAt: at - 3_600_000,
  lastAttemptAt: at - 3_600_000,
  lastOutcome: 'succeeded',
  coinsWithHistory: 250,
  lastError: null,
  nextRunAt: at + 600_000,
  online: true,
  coinsTracked: 250,
  daysStored: 365,
  dataAsOf: '2024-12-11'
}
const history: SyncProgress = {
  runId: 'r1',
  phase: 'history',
  done: 41,
  total: 250,
  currentCoin: 'solana',
  waiting: null,
  startedAt: at - 90_000
}

describe('sync status wording', () => {
  it('names the phase with its counts and the coin being fetched', () => {
    expect(describePhase(history)).toBe('Downloading price history (41 of 250): solana')
    expect(describePhase({ ...history, phase: 'markets', done: 0, total: 0, currentCoin: null })).toBe(
      'Reading the market ranking'
    )
  })

  it('has no share while the total is unknown', () => {
    expect(progressShare(history)).toBeCloseTo(41 / 250, 12)
    expect(progressShare({ ...history, done: 0, total: 0 })).toBeNull()
  })

  it('says how long ago in words', () => {
    expect(relativeTime(at - 20_000, at)).toBe('just now')
    expect(relativeTime(at - 5 * 60_000, at)).toBe('5 min ago')
    expect(relativeTime(at - 3 * 3_600_000, at)).toBe('3 h ago')
    expect(relativeTime(at - 3 * 86_400_000, at)).toBe('3 days ago')
  })
})

describe('the sync state machine', () => {
  const kind = (state: SyncState) => syncStatus(state, at).kind
  const running = (waiting: SyncProgress['waiting'], online = true): SyncState => ({
    ...idle,
    running: true,
    online,
    progress: { ...history, waiting }
  })

  it('tells every state apart, each in its own words', () => {
    expect(syncStatus(idle, at)).toMatchObject({ kind: 'idle', headline: 'Last sync 1 h ago', notable: false })
    expect(
      kind({ ...idle, lastSuccessAt: null, lastOutcome: null, daysStored: 0, coinsTracked: 0, coinsWithHistory: 0 })
    ).toBe('never')
    expect(syncStatus(running(null), at)).toMatchObject({
      kind: 'syncing',
      headline: 'Downloading price history (41 of 250): solana',
      detail: null
    })
    expect(syncStatus(running({ reason: 'rate-budget', untilMs: at + 12_400 }), at)).toMatchObject({
      kind: 'waiting',
      detail: 'Pausing to stay within the request budget (13 s).'
    })
    expect(
      syncStatus(running({ reason: 'backoff', untilMs: at + 4_000, because: 'the provider failed (HTTP 503)' }), at)
    ).toMatchObject({
      kind: 'retrying',
      detail: 'The provider had a problem: the provider failed (HTTP 503); retrying in 4 s.'
    })
    expect(syncStatus(running({ reason: 'retry-after', untilMs: at + 60_000 }), at).detail).toBe(
      'The provider asked us to wait; retrying in 60 s.'
    )
    const failed: SyncState = {
      ...idle,
      lastOutcome: 'failed',
      lastError: { code: 'UNAUTHORIZED', message: 'The provider refused /coins/markets (HTTP 401).', at: at - 60_000 }
    }
    expect(syncStatus(failed, at)).toMatchObject({ kind: 'failed', headline: 'Sync failed', alarming: true })
    expect(startLabel(syncStatus(failed, at))).toBe('Try again')
    // An error older than the last success is history, not the current state.
    expect(kind({ ...failed, lastOutcome: 'succeeded', lastError: null })).toBe('idle')
    expect(kind({ ...idle, coinsWithHistory: 109 })).toBe('partial')
    expect(syncStatus({ ...idle, coinsWithHistory: 109 }, at).detail).toContain('history for 109 of 250 coins')
  })

  it('says a refused connection is offline at once, while the run still retries', () => {
    const refused = running(
      { reason: 'offline', untilMs: at + 3_000, because: 'could not connect (ECONNREFUSED)' },
      false
    )
    const status = syncStatus(refused, at)
    expect(status).toMatchObject({ kind: 'offline', running: true, notable: true })
    expect(status.detail).toBe(
      'Offline. The market data provider cannot be reached: could not connect (ECONNREFUSED); trying again in 3 s. ' +
        'Everything shown is from the local cache, with market data as of 2024-12-11.'
    )
    expect(status.detail).not.toContain('had a problem')
  })

  it('calls a clean Stop stopped, not failed, and not offline once the provider answered', () => {
    const stopped: SyncState = {
      ...idle,
      lastOutcome: 'cancelled',
      coinsWithHistory: 109,
      lastError: { code: 'CANCELLED', message: 'The sync was cancelled.', at: at - 1_000 }
    }
    const status = syncStatus(stopped, at)
    expect(status).toMatchObject({ kind: 'stopped', headline: 'Sync stopped', alarming: false })
    expect(status.detail).toContain('So far history for 109 of 250 coins is stored.')
    expect(startLabel(status)).toBe('Continue the sync')
    // Offline is said only while the provider cannot be reached.
    expect(kind({ ...stopped, online: false })).toBe('offline')
    expect(kind({ ...idle, online: false })).toBe('offline')
  })

  it('turns a progress event into a running state without losing the rest', () => {
    const next = withProgress(idle, history)
    expect(next).toEqual({ ...idle, running: true, progress: history })
    expect(withProgress(undefined, history)).toBeUndefined()
  })
})
