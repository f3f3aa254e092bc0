import { syncView } from '@shared/sync-format'
import { useStartSync, useSyncNotStarted, useSyncState } from './use-sync-state'
import './sync-status.css'

/**
 * Shown under the header after a failed sync, and while the provider cannot be reached: everything on screen still works,
 * from the local cache, and this says how old that cache is. Also why a sync asked for did not start.
 */
export function OfflineBanner() {
  const state = useSyncState()
  const { start, pending } = useStartSync()
  const notStarted = useSyncNotStarted()
  const data = state.data
  if (!data || data.running) return null
  if (notStarted.reason) {
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
  if (data.online) {
    // A failed sync that is not a lost connection: the reason in full, which the header shortens.
    if (syncView(data) !== 'error' || !data.lastError) return null
    return (
      <div className="offline-banner sync-error-banner" data-testid="sync-error-banner" role="alert">
        <strong>The last sync failed.</strong> {data.lastError.message}{' '}
        {data.dataAsOf ? <>What is shown is the cached data, as of {data.dataAsOf}.</> : null}{' '}
        <button type="button" className="small" onClick={start} disabled={pending}>
          Try again
        </button>
      </div>
    )
  }
  return (
    <div className="offline-banner" data-testid="offline-banner" role="status">
      <strong>Offline.</strong>{' '}
      {data.dataAsOf ? (
        <>
          The market data provider cannot be reached. Everything shown is from the local cache, with market data as of{' '}
          <span data-testid="offline-as-of">{data.dataAsOf}</span>.
        </>
      ) : (
        <>The market data provider cannot be reached, and nothing has been downloaded yet.</>
      )}{' '}
      <button type="button" className="small" onClick={start} disabled={pending}>
        Try again
      </button>
    </div>
  )
}
