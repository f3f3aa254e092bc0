import { useEffect, useId, useRef, useState } from 'react'
import type { Connection } from '@shared/contract/connections'
import { exchangeIds, exchangeInfo } from '@shared/exchanges'
import type { ExchangeId } from '@shared/exchanges'
import { RadioGroup } from '../../components/RadioGroup'
import { client, ClientError } from '../../lib/client'
import { exchangeChoice, keyFormProblems } from './connection-format'
import type { KeyForm } from './connection-format'
import { KeyPageLink } from './KeyPageLink'

const blank: KeyForm = { apiKey: '', secret: '', apiUrl: '' }

/**
 * Adds a connection, or replaces its key (`rotating`). The key and secret live only in this form's
 * state: they go to the core once and are cleared after it answers yes, or when the form closes.
 * A key that can trade or withdraw comes back refused with its reason; it is kept only after the
 * explicit confirmation below it, which is sent as allowTradingKey.
 */
export function AddConnectionForm({
  connectable,
  rotating,
  onSaved,
  onCancel
}: {
  connectable: readonly ExchangeId[]
  rotating: ExchangeId | null
  onSaved: (connection: Connection) => void
  onCancel?: () => void
}) {
  const id = useId()
  const choice = exchangeChoice(connectable, exchangeIds)
  const [exchange, setExchange] = useState<ExchangeId | null>(rotating ?? connectable[0] ?? null)
  const [form, setForm] = useState<KeyForm>(blank)
  const [problems, setProblems] = useState<Partial<Record<keyof KeyForm, string>>>({})
  const [showSecret, setShowSecret] = useState(false)
  const [refusal, setRefusal] = useState<{ message: string; canConfirm: boolean } | null>(null)
  const [confirmed, setConfirmed] = useState(false)
  // Called directly rather than through a query-library mutation, whose cache would keep the key
  // and secret (its variables) for minutes after the form is gone.
  const [pending, setPending] = useState(false)
  const keyField = useRef<HTMLInputElement>(null)
  // Replace the key opens this form further down the page: the cursor goes to where the key is typed.
  useEffect(() => {
    if (rotating) keyField.current?.focus()
  }, [rotating])

  if (exchange === null)
    return (
      <section className="card" data-testid="add-connection">
        <h2>Add a connection</h2>
        <p>{choice.laterWords ?? 'No exchange can be connected yet.'}</p>
      </section>
    )
  const label = exchangeInfo[exchange].label

  const edit = (key: keyof KeyForm) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }))
    setProblems((p) => ({ ...p, [key]: undefined }))
    setRefusal(null)
    setConfirmed(false)
  }

  const submit = (allowTradingKey: boolean) => {
    const found = keyFormProblems(form)
    setProblems(found)
    if (Object.keys(found).length > 0) return
    setRefusal(null)
    setPending(true)
    const address = form.apiUrl.trim()
    client
      .invoke('connections:add', {
        exchange,
        apiKey: form.apiKey.trim(),
        secret: form.secret.trim(),
        ...(address === '' ? {} : { apiUrl: address }),
        ...(allowTradingKey ? { allowTradingKey: true } : {})
      })
      .then(
        (connection) => {
          setForm(blank)
          setConfirmed(false)
          setShowSecret(false)
          onSaved(connection)
        },
        (error: unknown) =>
          setRefusal({
            message: error instanceof Error ? error.message : String(error),
            canConfirm: error instanceof ClientError && error.kind === 'key-not-read-only'
          })
      )
      .finally(() => setPending(false))
  }

  return (
    <section className="card add-connection" data-testid="add-connection" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{rotating ? `Replace the ${label} key` : 'Add a connection'}</h2>
      <form
        className="connection-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          submit(false)
        }}
      >
        {rotating ? null : (
          <div className="field">
            <span>Exchange</span>
            <RadioGroup
              label="Exchange"
              testId="add-exchange"
              options={choice.options}
              value={exchange}
              onChange={(value) => {
                setExchange(value)
                setRefusal(null)
                setConfirmed(false)
              }}
            />
            {choice.laterWords ? <p className="muted small">{choice.laterWords}</p> : null}
          </div>
        )}
        <p className="muted small">
          Make a key that can only read on <KeyPageLink exchange={exchange} />. Seasonwatch asks {label} what the key
          may do before keeping it.
        </p>
        <label>
          API key
          <input
            ref={keyField}
            data-testid="add-api-key"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={form.apiKey}
            aria-invalid={problems.apiKey ? true : undefined}
            aria-describedby={problems.apiKey ? `${id}-key-error` : undefined}
            onChange={edit('apiKey')}
          />
        </label>
        {problems.apiKey ? (
          <p role="alert" className="error-notice" id={`${id}-key-error`} data-testid="add-api-key-error">
            {problems.apiKey}
          </p>
        ) : null}
        <label>
          Secret
          <textarea
            data-testid="add-secret"
            className={showSecret ? 'secret' : 'secret masked'}
            rows={3}
            autoComplete="off"
            spellCheck={false}
            value={form.secret}
            aria-invalid={problems.secret ? true : undefined}
            aria-describedby={`${id}-secret-hint${problems.secret ? ` ${id}-secret-error` : ''}`}
            onChange={edit('secret')}
          />
        </label>
        <p className="muted small" id={`${id}-secret-hint`}>
          Paste it whole; a secret of several lines (Coinbase&apos;s private key, BEGIN … END) is kept as it is. It is
          never shown again once saved.
        </p>
        <label className="checkbox">
          <input type="checkbox" checked={showSecret} onChange={(e) => setShowSecret(e.target.checked)} /> Show the
          secret while typing
        </label>
        {problems.secret ? (
          <p role="alert" className="error-notice" id={`${id}-secret-error`} data-testid="add-secret-error">
            {problems.secret}
          </p>
        ) : null}
        <details className="advanced">
          <summary>Advanced</summary>
          <label>
            Other address for {label}&apos;s API (leave empty for its own)
            <input
              data-testid="add-api-url"
              type="url"
              autoComplete="off"
              spellCheck={false}
              placeholder={`https://${exchangeInfo[exchange].apiHosts[0] ?? ''}`}
              value={form.apiUrl}
              onChange={edit('apiUrl')}
            />
          </label>
          <p className="muted small">The key is sent only to the address it was checked against.</p>
          {problems.apiUrl ? (
            <p role="alert" className="error-notice" data-testid="add-api-url-error">
              {problems.apiUrl}
            </p>
          ) : null}
        </details>
        {refusal ? (
          <div role="alert" className="card notice" data-testid="add-refused">
            <p>{refusal.message}</p>
            {refusal.canConfirm ? (
              <>
                <p>
                  Make a read-only key on <KeyPageLink exchange={exchange} /> and paste it above, or keep this one.
                </p>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    data-testid="add-confirm-trading"
                    checked={confirmed}
                    onChange={(e) => setConfirmed(e.target.checked)}
                  />{' '}
                  {exchangeInfo[exchange].rightsCheckable
                    ? 'Keep this key anyway, knowing it can trade or withdraw'
                    : `I have checked on ${label}’s key page that this key can only read; keep it`}
                </label>
                <div className="form-actions">
                  <button
                    type="button"
                    data-testid="add-keep-anyway"
                    disabled={!confirmed || pending}
                    onClick={() => submit(true)}
                  >
                    Keep this key
                  </button>
                </div>
              </>
            ) : null}
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary" data-testid="add-save" disabled={pending}>
            {rotating ? 'Check and replace the key' : 'Check and save the key'}
          </button>
          {onCancel ? (
            <button type="button" onClick={onCancel} disabled={pending}>
              Cancel
            </button>
          ) : null}
          {pending ? (
            <span role="status" className="muted" data-testid="add-pending">
              Asking {label} what the key may do…
            </span>
          ) : null}
        </div>
      </form>
    </section>
  )
}
