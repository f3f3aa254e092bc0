import { useChannelMutation } from '../../lib/query'
import { describePhase, describeWait, progressShare, relativeTime, syncView } from '@shared/sync-format'
import { useNow, useStartSync, useSyncEvents, useSyncState } from './use-sync-state'
import { isoDateTime } from '@shared/format'
import './sync-status.css'

function formatTime(ms: number): string {
  return isoDateTime(ms)
}

/** The always-visible sync status in the app header: last sync, live progress, errors, offline. */
export function SyncStatus() {
  useSyncEvents()
  const state = useSyncState()
  const { start, pending } = useStartSync()
  const cancel = useChannelMutation('sync:cancel')
  const data = state.data
  // Every second for a running sync's countdowns; every half minute keeps "5 min ago" true.
  const now = useNow(data?.running ? 1000 : 30_000)

  if (!data) {
    return (
      <div
        className="sync-status"
        data-testid="sync-status"
        data-state={state.error ? 'unknown' : 'loading'}
        role="status"
      >
        <span className="sync-dot" aria-hidden="true" />
        <span className="muted">{state.error ? 'Sync status unavailable' : 'Checking sync…'}</span>
      </div>
    )
  }

  const view = syncView(data)
  const lastSync = data.lastSuccessAt !== null ? `Last sync ${relativeTime(data.lastSuccessAt, now)}` : 'Never synced'
  const asOf = data.dataAsOf ? `data as of ${data.dataAsOf}` : 'no data yet'

  if (view === 'running' && data.progress) {
    const progress = data.progress
    const share = progressShare(progress)
    const wait = describeWait(progress, now)
    return (
      <div className="sync-status" data-testid="sync-status" data-state="running" role="status" aria-live="polite">
        <span className="sync-dot running" aria-hidden="true" />
        <div className="sync-running">
          <span className="sync-phase" data-testid="sync-phase">
            {describePhase(progress)}
          </span>
          <progress
            data-testid="sync-progress"
            className="sync-progress"
            max={progress.total > 0 ? progress.total : undefined}
            value={share === null ? undefined : progress.done}
            aria-label="Sync progress"
          />
          {wait ? (
            <span className="sync-wait" data-testid="sync-wait">
              {wait}
            </span>
          ) : null}
        </div>
        <button type="button" className="small" onClick={() => cancel.mutate(undefined)} disabled={cancel.isPending}>
          Stop
        </button>
      </div>
    )
  }

  if (view === 'running') {
    return (
      <div className="sync-status" data-testid="sync-status" data-state="running" role="status">
        <span className="sync-dot running" aria-hidden="true" />
        <span>Starting sync…</span>
        <progress data-testid="sync-progress" className="sync-progress" aria-label="Sync progress" />
      </div>
    )
  }

  return (
    <div className="sync-status" data-testid="sync-status" data-state={view} role="status">
      <span className={`sync-dot ${view}`} aria-hidden="true" />
      <span
        className="sync-text"
        title={data.lastSuccessAt !== null ? `Last successful sync: ${formatTime(data.lastSuccessAt)}` : undefined}
      >
        {view === 'error' && data.lastError ? (
          <span className="sync-error" data-testid="sync-error" title={data.lastError.message}>
            Sync failed · {asOf}
          </span>
        ) : view === 'offline' ? (
          <span>Offline · {asOf}</span>
        ) : (
          <span>
            {lastSync} · {asOf}
          </span>
        )}
      </span>
      <button type="button" className="small" data-testid="sync-now" onClick={start} disabled={pending}>
        {view === 'error' || view === 'offline' ? 'Retry' : 'Sync now'}
      </button>
    </div>
  )
}
