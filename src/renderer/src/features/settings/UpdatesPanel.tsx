import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannel, useChannelMutation } from '../../lib/query'

/**
 * Whether a newer Seasonwatch is published. Off until the user turns it on; then the app asks
 * GitHub for the latest release (one request, nothing about the user: README, "Updates") when
 * this page opens, at most every six hours, or now on request. Installing stays with the user.
 */
export function UpdatesPanel() {
  const qc = useQueryClient()
  const settings = useChannel('settings:get')
  const status = useChannel('app:check-update')
  const turn = useChannelMutation('settings:set')
  const checkNow = useChannelMutation('app:check-update')
  // The box shows the click at once; it goes back if saving the setting fails.
  const [choice, setChoice] = useState<boolean | null>(null)
  if (!settings.data || !status.data) return null
  const enabled = settings.data.checkForUpdates
  const result = checkNow.data ?? status.data
  return (
    <section className="about" aria-labelledby="updates-title" data-testid="updates">
      <h2 id="updates-title">Updates</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid="settings-check-updates"
          checked={choice ?? enabled}
          disabled={turn.isPending}
          onChange={(e) => {
            setChoice(e.target.checked)
            turn.mutate(
              { checkForUpdates: e.target.checked },
              {
                onSuccess: (data) => {
                  qc.setQueryData(['settings:get', null], data)
                  checkNow.reset()
                },
                onSettled: () => setChoice(null)
              }
            )
          }}
        />{' '}
        Check for new versions
      </label>
      <p className="muted">
        When on, Seasonwatch asks GitHub for its latest release: one request naming only this app and its version, never
        anything about your portfolio. It does not download or install anything.
      </p>
      <p role="status" data-testid="update-status" data-state={result.status}>
        {result.message}{' '}
        {result.status === 'available' && result.url ? (
          <a href={result.url} target="_blank" rel="noreferrer noopener" data-testid="update-link">
            Open the download page
          </a>
        ) : null}
      </p>
      {enabled ? (
        <button
          type="button"
          data-testid="update-check-now"
          disabled={checkNow.isPending}
          onClick={() => checkNow.mutate({ now: true })}
        >
          {checkNow.isPending ? 'Checking…' : 'Check now'}
        </button>
      ) : null}
      {turn.error ? <ErrorNotice error={turn.error} /> : null}
      {checkNow.error ? <ErrorNotice error={checkNow.error} /> : null}
    </section>
  )
}
