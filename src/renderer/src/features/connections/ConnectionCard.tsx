import { useState } from 'react'
import type { Connection } from '@shared/contract/connections'
import { exchangeInfo } from '@shared/exchanges'
import { isoDateTime } from '@shared/format'
import { useChannelMutation } from '../../lib/query'
import { KeyPageLink } from './KeyPageLink'
import { lastSyncWords, syncResultWords, usageWords } from './connection-format'

/**
 * One connection: what its key may do, its last sync and use, and what can be done with it. Every
 * button says what it is doing while it runs and what came of it afterwards.
 */
export function ConnectionCard({
  connection: c,
  onRotate,
  onReconcile,
  onRemoved
}: {
  connection: Connection
  /** Null where keys cannot be stored here (the add form is not offered either). */
  onRotate: (() => void) | null
  onReconcile: () => void
  onRemoved: (words: string) => void
}) {
  const sync = useChannelMutation('connections:sync')
  const remove = useChannelMutation('connections:remove')
  const [confirming, setConfirming] = useState(false)
  const result = sync.data?.find((r) => r.exchange === c.exchange)

  return (
    <section
      className="card connection"
      data-testid={`connection-${c.exchange}`}
      aria-labelledby={`connection-${c.exchange}-title`}
    >
      <div className="card-head">
        <h2 id={`connection-${c.exchange}-title`}>
          {c.label}{' '}
          <span className="key-mask" data-testid="connection-key">
            {c.keyMasked}
          </span>
        </h2>
        <span className={c.lastSyncStatus === 'failed' ? 'flag' : 'muted'} data-testid="connection-status">
          {c.lastSyncStatus === 'failed' ? 'Last sync failed' : c.lastSyncStatus === 'ok' ? 'Synced' : 'Not synced yet'}
        </span>
      </div>
      <dl className="facts">
        <dt>The key may</dt>
        <dd data-testid="connection-rights">{c.permissionWords}</dd>
        {c.overrideAt !== null ? (
          <>
            <dt>
              <span className="visually-hidden">Warning</span>
            </dt>
            {c.permissions.checked ? (
              <dd className="warning-note" data-testid="connection-override">
                <strong>Not a read-only key. </strong>
                You chose to keep it on {isoDateTime(c.overrideAt)}, knowing it can trade or withdraw. Replace it with a
                read-only key from <KeyPageLink exchange={c.exchange} />.
              </dd>
            ) : (
              <dd className="warning-note" data-testid="connection-override">
                <strong>Rights not verified. </strong>
                {c.label} cannot tell what a key may do. On {isoDateTime(c.overrideAt)} you confirmed that this key can
                only read; if unsure, check it on <KeyPageLink exchange={c.exchange} />.
              </dd>
            )}
          </>
        ) : null}
        {c.apiUrl ? (
          <>
            <dt>Address</dt>
            <dd>{c.apiUrl}</dd>
          </>
        ) : null}
        <dt>Last sync</dt>
        <dd data-testid="connection-last-sync">{lastSyncWords(c)}</dd>
        <dt>Last use</dt>
        <dd data-testid="connection-usage">{usageWords(c)}</dd>
        <dt>Connected</dt>
        <dd>{isoDateTime(c.createdAt)}</dd>
      </dl>
      {c.keyAvailable ? null : (
        <p className="warning-note" data-testid="connection-no-key">
          <strong>The key is not at hand. </strong>
          Seasonwatch cannot sync {c.label} until the key is given again
          {onRotate
            ? ': use Replace the key.'
            : ` in ${exchangeInfo[c.exchange].keyEnv} and ${exchangeInfo[c.exchange].secretEnv}.`}
        </p>
      )}
      <div className="form-actions connection-actions">
        <button
          type="button"
          className="primary"
          data-testid="connection-sync"
          disabled={sync.isPending}
          onClick={() => sync.mutate({ exchange: c.exchange })}
        >
          {sync.isPending ? 'Syncing…' : 'Sync now'}
        </button>
        <button type="button" data-testid="connection-reconcile" onClick={onReconcile}>
          Reconcile
        </button>
        {onRotate ? (
          <button type="button" data-testid="connection-rotate" onClick={onRotate}>
            Replace the key
          </button>
        ) : null}
        <button
          type="button"
          data-testid="connection-remove"
          aria-expanded={confirming}
          onClick={() => setConfirming(true)}
        >
          Remove
        </button>
      </div>
      <p role="status" className="sync-result" data-testid="connection-sync-result">
        {sync.isPending
          ? `Fetching what is new from ${c.label}; a first sync of a long history takes a while.`
          : sync.error
            ? sync.error.message
            : result
              ? syncResultWords(result)
              : ''}
      </p>
      {confirming ? (
        <div
          className="card notice"
          role="group"
          aria-label={`Remove ${c.label}`}
          data-testid="connection-remove-confirm"
        >
          <p>
            Remove the {c.label} connection? Seasonwatch forgets its key and stops syncing it. The transactions it
            brought stay in the ledger.
          </p>
          <div className="form-actions">
            <button
              type="button"
              data-testid="connection-remove-yes"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(
                  { exchange: c.exchange },
                  {
                    onSuccess: () =>
                      onRemoved(
                        `The ${c.label} connection and its key are removed; its transactions stay in the ledger.`
                      )
                  }
                )
              }
            >
              {remove.isPending ? 'Removing…' : 'Remove the connection'}
            </button>
            <button type="button" onClick={() => setConfirming(false)} disabled={remove.isPending}>
              Keep it
            </button>
          </div>
          {remove.error ? (
            <p role="alert" className="error-notice">
              {remove.error.message}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}
