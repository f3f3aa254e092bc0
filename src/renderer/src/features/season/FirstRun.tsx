import type { SyncState } from '@shared/contract/sync'
import type { Settings } from '@shared/settings'
import { progressShare } from '@shared/sync-format'
import { startLabel, syncStatus } from '@shared/sync-status'
import { plural } from '@shared/format'
import { useNow, useStartSync } from '../../components/sync-status/use-sync-state'

/** Requests the first sync makes: snapshot pages of 250, the exclusion categories, global, one history call per coin. */
function estimateMinutes(settings: Settings): number | null {
  if (settings.maxRequestsPerMinute === 0) return null
  const calls = Math.ceil(settings.trackedCoins / 250) + 8 + 1 + settings.trackedCoins
  return Math.ceil(calls / settings.maxRequestsPerMinute)
}

/**
 * What a new user sees before the index can be computed: what the first sync does, how long it
 * takes, a button to start it, and its progress until the index appears.
 */
export function FirstRun({
  sync,
  settings,
  window,
  indexShown = false
}: {
  sync: SyncState | undefined
  settings: Settings | undefined
  window: number
  /** The index shows below, from the coins stored so far: this card says the first sync is unfinished. */
  indexShown?: boolean
}) {
  const { start, pending, error } = useStartSync()
  const now = useNow(1000, Boolean(sync?.running))
  const minutes = settings ? estimateMinutes(settings) : null
  const running = sync?.running ?? false
  const progress = sync?.progress ?? null
  const hasSomeData = (sync?.daysStored ?? 0) > 0
  const status = sync ? syncStatus(sync, now) : null

  return (
    <section className="card first-run" data-testid="season-empty">
      <h2>
        {indexShown
          ? 'The first sync has not finished'
          : hasSomeData
            ? 'Not enough history for the index yet'
            : 'No market history yet'}
      </h2>
      <p>
        Seasonwatch computes the Altcoin Season Index from its own local copy of daily market data. The first sync reads
        the current ranking of the top {settings?.trackedCoins ?? 250} coins and their categories, then downloads up to{' '}
        {settings?.historyDays ?? 365} days of daily prices and market caps for each coin, one request per coin.
      </p>
      <p>
        {minutes !== null ? (
          <>
            At {settings?.maxRequestsPerMinute} requests a minute (the free CoinGecko plan allows about 30), this takes{' '}
            <strong>
              about {minutes} minute{minutes === 1 ? '' : 's'}
            </strong>
            .{' '}
          </>
        ) : (
          <>With no request limit set, this takes as long as the provider needs to answer. </>
        )}
        You can leave this page open or use the rest of the app meanwhile; the index appears here as soon as there is
        enough history (a {window}-day window needs more than {window} days).
      </p>
      {hasSomeData && sync ? (
        <p className="muted" data-testid="first-run-stored">
          Stored so far: {plural(sync.coinsTracked, 'coin')}, {plural(sync.daysStored, 'day')}
          {sync.dataAsOf ? `, up to ${sync.dataAsOf}` : ''}.
        </p>
      ) : null}
      {running ? (
        <div className="first-run-progress" role="status" aria-live="polite">
          <p>{status?.headline ?? 'Starting…'}</p>
          <progress
            data-testid="first-run-progress"
            max={progress && progress.total > 0 ? progress.total : undefined}
            value={progress && progressShare(progress) !== null ? progress.done : undefined}
            aria-label="First sync progress"
          />
          {status?.detail ? (
            <p className="muted" data-testid="first-run-state" data-state={status.kind}>
              {status.detail}
            </p>
          ) : null}
        </div>
      ) : (
        <div className="first-run-actions">
          {status?.detail ? (
            <p
              className={status.alarming ? 'error-text' : 'muted'}
              role={status.alarming ? 'alert' : 'status'}
              data-testid="first-run-state"
              data-state={status.kind}
            >
              {status.detail}
            </p>
          ) : null}
          <button
            type="button"
            className="primary"
            data-testid="first-sync"
            onClick={start}
            disabled={pending || !sync}
          >
            {/* "Continue" only when something was stored: a first run that never downloaded anything starts again. */}
            {!status
              ? 'Start the first sync'
              : !hasSomeData && startLabel(status, true) === 'Continue the sync'
                ? 'Start the first sync'
                : startLabel(status, true)}
          </button>
          {error ? <p className="error-text">{error.message}</p> : null}
          <p className="muted" data-testid="first-run-settings-note">
            {hasSomeData || sync?.lastAttemptAt
              ? 'The provider and the number of coins can be changed in Settings; the next sync uses them.'
              : 'The provider and the number of coins can be changed in Settings before you start.'}
          </p>
        </div>
      )}
    </section>
  )
}
