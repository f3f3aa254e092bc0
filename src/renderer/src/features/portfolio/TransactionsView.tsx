import { Fragment, useState } from 'react'
import type { Transaction } from '@shared/contract/portfolio'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannel, useChannelMutation } from '../../lib/query'
import { kindWords, quantity } from './portfolio-format'
import { FeeCell, ValueCell } from './PriceCells'
import { SetValueForm } from './SetValueForm'
import { TransactionEditor } from './TransactionEditor'

export function TransactionsView({
  onlyMissing,
  onOnlyMissing
}: {
  onlyMissing: boolean
  onOnlyMissing: (only: boolean) => void
}) {
  const list = useChannel(
    'portfolio:list-transactions',
    onlyMissing ? { limit: 500, missingValue: true } : { limit: 500 }
  )
  const remove = useChannelMutation('portfolio:delete-transaction')
  const [editing, setEditing] = useState<Transaction | 'new' | null>(null)
  const [valuing, setValuing] = useState<number | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const rows = list.data?.transactions ?? []
  return (
    <div className="stack">
      {editing ? (
        <TransactionEditor
          key={editing === 'new' ? 'new' : editing.id}
          editing={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : (
        <div>
          <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="add-transaction">
            Add a transaction
          </button>
        </div>
      )}
      {list.error ? <ErrorNotice error={list.error} onRetry={() => void list.refetch()} /> : null}
      {remove.error ? <ErrorNotice error={remove.error} /> : null}
      {saved ? (
        <p role="status" className="card" data-testid="value-saved">
          {saved}
        </p>
      ) : null}
      <section className="card">
        <div className="card-head">
          <h2>
            {onlyMissing ? 'Transactions without a USD value' : 'Transactions'}{' '}
            {list.data ? <span className="muted">({list.data.total})</span> : null}
          </h2>
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid="only-missing"
              checked={onlyMissing}
              onChange={(e) => onOnlyMissing(e.target.checked)}
            />
            Only those without a value
          </label>
        </div>
        {onlyMissing && list.data?.total === 0 ? (
          <p data-testid="no-missing">Every transaction that needs a USD value has one.</p>
        ) : null}
        <div className="wide-table">
          <table className="data" data-testid="transactions-table">
            <thead>
              <tr>
                <th>Date (UTC)</th>
                <th>Type</th>
                <th className="num">Quantity</th>
                <th>Asset</th>
                <th>Paid / received</th>
                <th>Fee</th>
                <th className="num">Value</th>
                <th>Source</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <Fragment key={t.id}>
                  <tr data-testid={`transaction-${t.id}`} className={t.priced.missing ? 'missing' : undefined}>
                    <td className="nowrap">{t.at.slice(0, 16).replace('T', ' ')}</td>
                    <td>{kindWords[t.kind]}</td>
                    <td className="num">{quantity(t.quantity)}</td>
                    <td title={t.coinId ?? 'not matched to a coin yet'}>{t.symbol}</td>
                    <td>{t.quoteQuantity ? `${quantity(t.quoteQuantity)} ${t.quoteSymbol ?? ''}` : ''}</td>
                    <td>
                      <FeeCell t={t} />
                    </td>
                    <td className="num" data-testid="transaction-value">
                      <ValueCell t={t} />
                    </td>
                    <td className="muted">{t.line ? `${t.source}, line ${t.line}` : t.source}</td>
                    <td className="actions">
                      {t.priced.missing ? (
                        <button
                          type="button"
                          className="primary"
                          data-testid={`enter-value-${t.id}`}
                          aria-expanded={valuing === t.id}
                          onClick={() => {
                            setSaved(null)
                            setValuing(valuing === t.id ? null : t.id)
                          }}
                        >
                          Enter the USD value
                        </button>
                      ) : null}
                      <button type="button" onClick={() => setEditing(t)} aria-label={`Edit transaction ${t.id}`}>
                        Edit
                      </button>
                      <button
                        type="button"
                        aria-label={`Delete transaction ${t.id}`}
                        onClick={() => {
                          if (
                            window.confirm(
                              `Delete this ${kindWords[t.kind]?.toLowerCase()} of ${t.quantity} ${t.symbol}?`
                            )
                          )
                            remove.mutate({ id: t.id })
                        }}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                  {valuing === t.id && t.priced.missing ? (
                    <tr className="set-value-row">
                      <td colSpan={9}>
                        <SetValueForm
                          transaction={t}
                          onCancel={() => setValuing(null)}
                          onSaved={(message) => {
                            setValuing(null)
                            setSaved(message)
                          }}
                        />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  )
}
