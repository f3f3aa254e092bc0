import { keepPreviousData, useQueryClient } from '@tanstack/react-query'
import { useDeferredValue, useEffect, useState } from 'react'
import { DateField } from '../../components/DateField'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useSyncState } from '../../components/sync-status/use-sync-state'
import { client, ClientError } from '../../lib/client'
import { useChannel } from '../../lib/query'
import { BreakdownTable } from './BreakdownTable'
import { ChartCard } from './ChartCard'
import { FirstRun } from './FirstRun'
import { IndexNow } from './IndexNow'
import { VariantPicker } from './VariantPicker'
import { WindowNeedNote } from './WindowNeedNote'
import { describeWindowNeed } from '@shared/window-history'
import { partialHistory } from '@shared/sync-status'
import { readIsoDate } from '@shared/field-input'
import { DataNote } from './DataNote'
import type { Variant } from './VariantPicker'
import './season.css'

/** Refreshes every season query when the engine says it recomputed (besides data:changed). */
function useSeasonUpdates(): void {
  const qc = useQueryClient()
  useEffect(
    () =>
      client.on('season:updated', () => {
        void qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('season:') })
      }),
    [qc]
  )
}

/**
 * The Season dashboard: the index on the latest day (or any day under review), its history, and
 * that day's full breakdown, all read from the local cache so it works offline.
 */
export function SeasonPage() {
  useSeasonUpdates()
  const settings = useChannel('settings:get')
  const sync = useSyncState()
  const [chosen, setChosen] = useState<Variant | null>(null)
  const [reviewDate, setReviewDate] = useState<string | null>(null)

  // Until a variant is picked here, ask for the core's default one (the settings'): the first
  // query need not wait for the settings to arrive.
  const input: Partial<Variant> = chosen ?? {}
  // During the first sync the sync announces its writes only at the end: ask again every few
  // seconds, so the index appears as soon as enough history is stored.
  const syncing = sync.data?.running ?? false
  // A provisional value (from the snapshot's price changes) is asked again too, until the history's.
  const untilFirstValue = (query: { state: { data: { provisional?: true } | undefined } }) =>
    syncing && (query.state.data === undefined || query.state.data.provisional === true) ? 5_000 : false
  const latest = useChannel('season:get-index', input, {
    placeholderData: keepPreviousData,
    refetchInterval: untilFirstValue
  })
  const history = useChannel('season:get-history', input, {
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (syncing && (query.state.data?.points.length ?? 0) === 0 ? 5_000 : false)
  })
  const review = useChannel(
    'season:get-index',
    { ...input, date: reviewDate ?? undefined },
    { enabled: reviewDate !== null, placeholderData: keepPreviousData }
  )
  const variant: Variant =
    chosen ??
    (latest.data
      ? { top: latest.data.top, window: latest.data.window }
      : settings.data
        ? { top: settings.data.defaultTop, window: settings.data.defaultWindow }
        : { top: 100, window: 90 })

  const points = history.data?.points
  const firstDate = points?.[0]?.date
  const lastDate = points?.[points.length - 1]?.date
  const latestDate = latest.data?.date ?? lastDate
  const reviewing = reviewDate !== null && reviewDate !== latestDate
  const shown = reviewing ? review.data : latest.data
  const shownDate = reviewing ? reviewDate : (latest.data?.date ?? null)

  const pick = (date: string) => setReviewDate(date === latestDate ? null : date)

  const noHistory = history.isSuccess && history.data.points.length === 0
  // No index yet: nothing stored, or the engine has no computable day (a short history).
  const notFound = latest.error instanceof ClientError && latest.error.code === 'NOT_FOUND'
  const showFirstRun = !latest.data && (noHistory || notFound)
  // A first sync that stopped short keeps its card (and its way to carry on) above the index it
  // allows, so a value built from part of the coins is never shown as if it were the index.
  const firstSyncUnfinished =
    sync.data !== undefined && sync.data.lastSuccessAt === null && partialHistory(sync.data) !== null
  const variantLabel = `top ${variant.top}, ${variant.window}-day window`
  // The value shows first; the chart and the table (the slow parts to render) follow a moment later.
  const chartPoints = useDeferredValue(points, undefined)
  // A window with (almost) no computable day says what history it needs instead of a lone dot.
  const windowNeed =
    points && sync.data && settings.data && !syncing
      ? describeWindowNeed({
          window: variant.window,
          points: points.length,
          daysStored: sync.data.daysStored,
          historyDays: settings.data.historyDays,
          tier: settings.data.providerTier
        })
      : null
  const tableIndex = useDeferredValue(shown, undefined)

  return (
    <div className="page season-page" data-testid="page-season">
      <div className="season-head">
        <h1>Season</h1>
        <VariantPicker variant={variant} onChange={setChosen} />
      </div>

      {showFirstRun ? (
        <>
          <FirstRun sync={sync.data} settings={settings.data} window={variant.window} />
          {windowNeed && sync.data?.lastSuccessAt ? <WindowNeedNote need={windowNeed} /> : null}
        </>
      ) : !latest.data && latest.error ? (
        <ErrorNotice error={latest.error} onRetry={() => void latest.refetch()} />
      ) : !latest.data ? (
        <p className="muted" data-testid="season-loading">
          Reading the index from the local cache…
        </p>
      ) : (
        <>
          {firstSyncUnfinished ? (
            <FirstRun sync={sync.data} settings={settings.data} window={variant.window} indexShown />
          ) : null}
          <DataNote index={latest.data} />
          <div
            className="season-top"
            data-stale={latest.isPlaceholderData || (reviewing && review.isPlaceholderData) ? 'true' : undefined}
          >
            {shown ? (
              <IndexNow index={shown} history={points} reviewing={reviewing} />
            ) : reviewing && review.error ? (
              <section className="card index-now">
                <h2>No value on {reviewDate}</h2>
                <p>{review.error.message}</p>
              </section>
            ) : (
              <section className="card index-now muted">Reading {reviewDate}…</section>
            )}
            {windowNeed ? (
              <WindowNeedNote need={windowNeed} />
            ) : (
              <ChartCard points={chartPoints ?? []} selected={shownDate} onPick={pick} variantLabel={variantLabel} />
            )}
          </div>

          <section className="card review" aria-labelledby="review-title">
            <div className="review-head">
              <h2 id="review-title">Breakdown</h2>
              <label className="review-date">
                <span>Day</span>
                {/* A day outside the stored history is taken too: the card says it has no value then. */}
                <DateField
                  label="Day"
                  testId="review-date"
                  value={shownDate ?? ''}
                  min={firstDate}
                  max={lastDate}
                  refuseOutside={false}
                  onChange={(text) => {
                    const day = readIsoDate(text, 'Day')
                    if (day.ok && day.value !== null) pick(day.value)
                  }}
                />
              </label>
              {reviewing ? (
                <button type="button" data-testid="review-latest" onClick={() => setReviewDate(null)}>
                  Back to the latest day ({latestDate})
                </button>
              ) : (
                <span className="muted">The latest day. Pick another here or click the chart.</span>
              )}
            </div>
            {tableIndex ? (
              <BreakdownTable index={tableIndex} />
            ) : review.error ? (
              <ErrorNotice error={review.error} />
            ) : (
              <p className="muted">Reading {reviewDate}…</p>
            )}
          </section>
        </>
      )}

      <p className="season-limits muted" data-testid="survivorship-note">
        <strong>Known limit:</strong> the coins tracked are chosen from the provider&apos;s current ranking (the top{' '}
        {sync.data?.coinsTracked || settings.data?.trackedCoins || 250} today), so coins that were large in the past but
        have since dropped out or vanished can be missing from earlier days (survivorship). Tracking more coins than the
        index uses reduces this; the number is in Settings. Dates are UTC days.
      </p>
    </div>
  )
}
