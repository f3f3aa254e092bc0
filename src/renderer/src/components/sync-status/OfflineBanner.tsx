import { useStartSync, useSyncState } from './use-sync-state'
import './sync-status.css'

/**
 * Shown under the header while the provider cannot be reached: everything on screen still works,
 * from the local cache, and this says how old that cache is.
 */
export function OfflineBanner() {
  const state = useSyncState()
  const { start, pending } = useStartSync()
  const data = state.data
  if (!data || data.online || data.running) return null
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
