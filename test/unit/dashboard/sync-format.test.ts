import { describe, expect, it } from 'vitest'
import type { SyncProgress, SyncState } from '../../../src/shared/contract/sync'
import {
  describePhase,
  describeWait,
  progressShare,
  relativeTime,
  syncView,
  withProgress
} from '../../../src/shared/sync-format'

const at = Date.UTC(2024, 11, 11, 9, 30)
const idle: SyncState = {
  running: false,
  progress: null,
  lastSuccessAt: at - 3_600_000,
  lastAttemptAt: at - 3_600_000,
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

  it('shows a wait for the request budget as such, with the seconds left', () => {
    const waiting = { ...history, waiting: { reason: 'rate-budget' as const, untilMs: at + 12_400 } }
    expect(describeWait(waiting, at)).toBe('Pausing to stay within the request budget (13 s)')
    expect(describeWait({ ...history, waiting: { reason: 'retry-after', untilMs: at + 60_000 } }, at)).toBe(
      'The provider asked us to wait (60 s)'
    )
    expect(describeWait(history, at)).toBeNull()
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

describe('which state the status shows', () => {
  it('tells first runs, running, offline, failed and idle apart', () => {
    expect(syncView(idle)).toBe('idle')
    expect(
      syncView({ ...idle, lastSuccessAt: null, lastAttemptAt: null, daysStored: 0, coinsTracked: 0, dataAsOf: null })
    ).toBe('never')
    expect(syncView({ ...idle, running: true, progress: history })).toBe('running')
    const failed = {
      ...idle,
      lastError: { code: 'RATE_LIMITED' as const, message: 'The provider kept answering 429.', at: at - 60_000 }
    }
    expect(syncView(failed)).toBe('error')
    // An error older than the last success is history, not the current state.
    expect(syncView({ ...failed, lastError: { ...failed.lastError, at: at - 7_200_000 } })).toBe('idle')
    // Offline says more than the error that caused it.
    expect(syncView({ ...failed, online: false, lastError: { ...failed.lastError, code: 'OFFLINE' } })).toBe('offline')
  })

  it('turns a progress event into a running state without losing the rest', () => {
    const next = withProgress(idle, history)
    expect(next).toEqual({ ...idle, running: true, progress: history })
    expect(withProgress(undefined, history)).toBeUndefined()
  })
})
