import { useChannelMutation } from '../../lib/query'
import { progressShare } from '@shared/sync-format'
import { startLabel, syncStatus } from '@shared/sync-status'
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

  const status = syncStatus(data, now)
  const asOf = data.dataAsOf ? `data as of ${data.dataAsOf}` : 'no data yet'

  if (status.running) {
    const progress = data.progress
    const share = progress ? progressShare(progress) : null
    return (
      <div className="sync-status" data-testid="sync-status" data-state={status.kind} role="status" aria-live="polite">
        <span className={`sync-dot running ${status.kind}`} aria-hidden="true" />
        <div className="sync-running">
          <span className="sync-phase" data-testid="sync-phase">
            {status.headline}
          </span>
          <progress
            data-testid="sync-progress"
            className="sync-progress"
            max={progress && progress.total > 0 ? progress.total : undefined}
            value={share === null || !progress ? undefined : progress.done}
            aria-label="Sync progress"
          />
          {status.detail ? (
            <span className="sync-wait" data-testid="sync-wait">
              {status.detail}
            </span>
          ) : null}
        </div>
        <button type="button" className="small" onClick={() => cancel.mutate(undefined)} disabled={cancel.isPending}>
          Stop
        </button>
      </div>
    )
  }

  return (
    <div className="sync-status" data-testid="sync-status" data-state={status.kind} role="status">
      <span className={`sync-dot ${status.alarming ? 'error' : status.kind}`} aria-hidden="true" />
      <span
        className="sync-text"
        title={data.lastSuccessAt !== null ? `Last successful sync: ${formatTime(data.lastSuccessAt)}` : undefined}
      >
        <span
          className={status.alarming ? 'sync-error' : undefined}
          data-testid="sync-headline"
          title={status.detail ?? undefined}
        >
          {status.headline} · <span className="sync-asof">{asOf}</span>
        </span>
      </span>
      <button type="button" className="small" data-testid="sync-now" onClick={start} disabled={pending}>
        {startLabel(status)}
      </button>
    </div>
  )
}
