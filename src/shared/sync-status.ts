// The one sync state machine the header, the banner and the first-run card read, and the words
// for each state, written once here. Pure, so it is unit-tested under Node.
import type { SyncProgress, SyncState } from './contract/sync'
import { describePhase, relativeTime } from './sync-format'

export const syncStatusKinds = [
  'never',
  'idle',
  'syncing',
  'waiting',
  'retrying',
  'offline',
  'failed',
  'stopped',
  'partial'
] as const
export type SyncStatusKind = (typeof syncStatusKinds)[number]

export interface SyncStatus {
  kind: SyncStatusKind
  running: boolean
  /** Short, for the header: "Stopped", "Offline", the running phase. */
  headline: string
  /** What it means and what happens next, in a sentence; null when the headline says it all. */
  detail: string | null
  /** Whether this state deserves the banner under the header (it is not the normal course of things). */
  notable: boolean
  /** Whether something is wrong (shown in the error colour), rather than merely worth saying. */
  alarming: boolean
}

const seconds = (untilMs: number, nowMs: number) => Math.max(0, Math.ceil((untilMs - nowMs) / 1000))

/** Tracked coins whose history is stored, when fewer than all: "history for 109 of 250 coins". */
export function partialHistory(state: SyncState): string | null {
  if (state.coinsTracked === 0 || state.coinsWithHistory >= state.coinsTracked) return null
  return `history for ${state.coinsWithHistory} of ${state.coinsTracked} coins`
}

function cacheWords(state: SyncState): string {
  return state.dataAsOf
    ? `Everything shown is from the local cache, with market data as of ${state.dataAsOf}.`
    : 'Nothing has been downloaded yet.'
}

function running(state: SyncState, progress: SyncProgress | null, nowMs: number): SyncStatus {
  const headline = progress ? describePhase(progress) : 'Starting sync…'
  const base = { running: true, headline, notable: false, alarming: false }
  const wait = progress?.waiting ?? null
  const because = wait?.because ? `: ${wait.because}` : ''
  if (wait?.reason === 'offline' || !state.online) {
    const retry = wait ? `; trying again in ${seconds(wait.untilMs, nowMs)} s` : ''
    return {
      ...base,
      kind: 'offline',
      detail: `Offline. The market data provider cannot be reached${because}${retry}. ${cacheWords(state)}`,
      notable: true
    }
  }
  if (wait?.reason === 'rate-budget') {
    return {
      ...base,
      kind: 'waiting',
      detail: `Pausing to stay within the request budget (${seconds(wait.untilMs, nowMs)} s).`
    }
  }
  if (wait) {
    const who = wait.reason === 'retry-after' ? 'The provider asked us to wait' : 'The provider had a problem'
    return { ...base, kind: 'retrying', detail: `${who}${because}; retrying in ${seconds(wait.untilMs, nowMs)} s.` }
  }
  return { ...base, kind: 'syncing', detail: null }
}

/**
 * Which state the sync is in, most telling first: running (and how: syncing, waiting for the
 * budget, retrying, or unable to reach the provider), then offline, stopped by the user, failed,
 * partial data, never synced, idle.
 */
export function syncStatus(state: SyncState, nowMs: number): SyncStatus {
  if (state.running) return running(state, state.progress, nowMs)
  const partial = partialHistory(state)
  const stored = partial ? ` So far ${partial} is stored.` : ''
  const idle = { running: false, notable: true, alarming: false }
  if (!state.online) {
    return {
      ...idle,
      kind: 'offline',
      headline: 'Offline',
      detail: `Offline. The market data provider cannot be reached. ${cacheWords(state)}`
    }
  }
  if (state.lastOutcome === 'cancelled') {
    return {
      ...idle,
      kind: 'stopped',
      headline: 'Sync stopped',
      detail: `You stopped the sync; what it downloaded is kept.${stored} The next sync carries on from there.`
    }
  }
  const failedLast =
    state.lastError !== null &&
    state.lastOutcome !== 'succeeded' &&
    (state.lastSuccessAt === null || state.lastError.at > state.lastSuccessAt)
  if (failedLast && state.lastError) {
    return {
      ...idle,
      kind: 'failed',
      headline: 'Sync failed',
      detail: `The last sync failed. ${state.lastError.message}${stored}`,
      alarming: true
    }
  }
  if (partial) {
    return {
      ...idle,
      kind: 'partial',
      headline: 'Partial data',
      detail: `Only ${partial} is stored; the next sync fetches the rest.`
    }
  }
  if (state.lastSuccessAt === null && state.daysStored === 0) {
    return { ...idle, kind: 'never', headline: 'Never synced', detail: null, notable: false }
  }
  const last = state.lastSuccessAt === null ? 'Not synced yet' : `Last sync ${relativeTime(state.lastSuccessAt, nowMs)}`
  return { ...idle, kind: 'idle', headline: last, detail: null, notable: false }
}

/** The label of the button that starts a sync, for each state. */
export function startLabel(status: SyncStatus, firstRun = false): string {
  if (status.kind === 'offline' || status.kind === 'failed') return 'Try again'
  if (status.kind === 'stopped' || status.kind === 'partial') return 'Continue the sync'
  return firstRun ? 'Start the first sync' : 'Sync now'
}
