import { startLabel, syncStatus } from '@shared/sync-status'
import { useNow, useStartSync, useSyncNotStarted, useSyncState } from './use-sync-state'
import './sync-status.css'

/**
 * Shown under the header whenever the sync is not in its normal course: offline (also while a
 * run keeps retrying), stopped by the user, failed, or stopped short with partial data. Everything
 * on screen still works from the local cache, and this says how old it is. Also why a sync asked
 * for did not start. The words come from the one sync state machine (`sync-status.ts`).
 */
export function OfflineBanner() {
  const state = useSyncState()
  const { start, pending } = useStartSync()
  const notStarted = useSyncNotStarted()
  const data = state.data
  const now = useNow(1000, Boolean(data?.running))
  if (!data) return null
  if (notStarted.reason && !data.running) {
    return (
      <div className="offline-banner" data-testid="sync-not-started" role="status">
        <strong>The sync did not start.</strong> {notStarted.reason}{' '}
        <button type="button" className="small" onClick={start} disabled={pending}>
          Try again
        </button>
        <button type="button" className="small" onClick={notStarted.dismiss}>
          Dismiss
        </button>
      </div>
    )
  }
  const status = syncStatus(data, now)
  if (!status.notable || !status.detail) return null
  // The running states have the header's Stop button; the banner only says what is going on.
  const testId =
    status.kind === 'offline'
      ? 'offline-banner'
      : status.kind === 'failed'
        ? 'sync-error-banner'
        : `sync-${status.kind}-banner`
  return (
    <div
      className={`offline-banner${status.alarming ? ' sync-error-banner' : ''}`}
      data-testid={testId}
      data-state={status.kind}
      role={status.alarming ? 'alert' : 'status'}
    >
      {status.detail}{' '}
      {data.dataAsOf && status.kind === 'failed' ? (
        <>What is shown is the cached data, as of {data.dataAsOf}. </>
      ) : null}
      {status.running ? null : (
        <button type="button" className="small" onClick={start} disabled={pending}>
          {startLabel(status)}
        </button>
      )}
    </div>
  )
}
