import { ClientError } from '../lib/client'

const advice: Partial<Record<string, string>> = {
  OFFLINE: 'Check that Seasonwatch is still running.',
  UNAUTHORIZED: 'Reopen the address printed when browser mode started.',
  RATE_LIMITED: 'The data provider asked us to slow down; Seasonwatch will try again shortly.'
}

/** A failure in words, with a retry where retrying can help. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const code = error instanceof ClientError ? error.code : 'INTERNAL'
  const message = error instanceof Error ? error.message : String(error)
  return (
    <div className="error-notice" role="alert">
      <p>{message}</p>
      {advice[code] ? <p className="muted">{advice[code]}</p> : null}
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  )
}
