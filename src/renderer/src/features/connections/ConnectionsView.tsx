import { useState } from 'react'
import { exchangeIds } from '@shared/exchanges'
import type { ExchangeId } from '@shared/exchanges'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannel } from '../../lib/query'
import { AddConnectionForm } from './AddConnectionForm'
import { ConnectionCard } from './ConnectionCard'
import { KeyPageLink } from './KeyPageLink'
import { ReconcileView } from './ReconcileView'
import './connections.css'

/**
 * Exchange connections: where keys are kept, each connection with its key's rights and usage,
 * adding or replacing a key, and reconciling an exchange with the ledger. The window never sees a
 * key: only its last four characters.
 */
export function ConnectionsView({
  reconciling,
  onReconcile
}: {
  reconciling: ExchangeId | null
  onReconcile: (exchange: ExchangeId | null) => void
}) {
  const list = useChannel('connections:list')
  const [rotating, setRotating] = useState<ExchangeId | null>(null)
  const [done, setDone] = useState<string | null>(null)

  if (list.error) return <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
  if (!list.data) return <p className="muted">Loading connections…</p>
  const { keyStorage, connections, connectable } = list.data
  const empty = connections.length === 0

  return (
    <div className="stack connections" data-testid="connections">
      <section className="card" aria-labelledby="key-storage-title">
        <h2 id="key-storage-title">Where keys are kept</h2>
        <p
          className={keyStorage.backend === 'basic_text' ? 'warning-note' : undefined}
          data-testid="key-storage"
          data-backend={keyStorage.backend}
        >
          {keyStorage.backend === 'basic_text' ? <strong>Weak key storage. </strong> : null}
          {keyStorage.statement}
        </p>
        <p className="muted small">
          A key never reaches this window, the log or the database: the window sees only its last four characters.
        </p>
      </section>

      {done ? (
        <p role="status" className="card" data-testid="connections-done">
          {done}
        </p>
      ) : null}

      {empty ? (
        <section className="card" data-testid="connections-empty" aria-labelledby="connections-empty-title">
          <h2 id="connections-empty-title">No exchange connected</h2>
          <p>
            Connect an exchange with a <strong>read-only API key</strong> and Seasonwatch fetches your trades, deposits
            and withdrawals by itself, instead of a CSV export each time.
          </p>
          <p>
            Read-only means the key can show your balances and history but cannot place orders or move coins: if this
            computer were ever compromised, the key could not be used to take anything. Seasonwatch asks the exchange
            what a key may do and refuses one that can trade or withdraw unless you confirm.
          </p>
          <ul className="key-pages">
            {exchangeIds.map((id) => (
              <li key={id}>
                <KeyPageLink exchange={id} />
                {connectable.includes(id) ? null : <span className="muted"> (cannot be connected yet)</span>}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {connections.map((c) => (
        <ConnectionCard
          key={c.exchange}
          connection={c}
          onRotate={
            keyStorage.writable
              ? () => {
                  setDone(null)
                  setRotating(c.exchange)
                }
              : null
          }
          onReconcile={() => onReconcile(c.exchange)}
          onRemoved={(words) => {
            setDone(words)
            if (reconciling === c.exchange) onReconcile(null)
            if (rotating === c.exchange) setRotating(null)
          }}
        />
      ))}

      {reconciling !== null && connections.some((c) => c.exchange === reconciling) ? (
        <ReconcileView key={reconciling} exchange={reconciling} onClose={() => onReconcile(null)} />
      ) : null}

      {keyStorage.writable ? (
        <AddConnectionForm
          // A new form for each purpose, so nothing typed for one exchange lingers in another.
          key={rotating ?? 'new'}
          connectable={connectable}
          rotating={rotating}
          onCancel={rotating ? () => setRotating(null) : undefined}
          onSaved={(saved) => {
            setRotating(null)
            setDone(
              `${rotating ? `The ${saved.label} key is replaced` : `${saved.label} is connected`} (key ${saved.keyMasked}): ${saved.permissionWords.toLowerCase()}. Use Sync now to fetch its transactions.`
            )
          }}
        />
      ) : (
        <section className="card" data-testid="add-connection-unavailable">
          <h2>Add a connection</h2>
          <p>
            Keys cannot be stored here, so a connection is added from the command line with the key in the environment:{' '}
            <code>seasonwatch connections add {connectable[0] ?? 'binance'}</code>.
          </p>
        </section>
      )}
    </div>
  )
}
