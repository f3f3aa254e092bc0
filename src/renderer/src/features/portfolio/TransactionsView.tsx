import { useState } from 'react'
import type { Transaction } from '@shared/contract/portfolio'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannel, useChannelMutation } from '../../lib/query'
import { kindWords, quantity, usd } from './portfolio-format'
import { TransactionEditor } from './TransactionEditor'

export function TransactionsView() {
  const list = useChannel('portfolio:list-transactions', { limit: 500 })
  const remove = useChannelMutation('portfolio:delete-transaction')
  const [editing, setEditing] = useState<Transaction | 'new' | null>(null)
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
      <section className="card">
        <h2>Transactions {list.data ? <span className="muted">({list.data.total})</span> : null}</h2>
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
              <th />
            </tr>
          </thead>
          <tbody>
            {(list.data?.transactions ?? []).map((t) => (
              <tr key={t.id}>
                <td>{t.at.slice(0, 16).replace('T', ' ')}</td>
                <td>{kindWords[t.kind]}</td>
                <td className="num">{quantity(t.quantity)}</td>
                <td title={t.coinId ?? 'not matched to a coin yet'}>{t.symbol}</td>
                <td>{t.quoteQuantity ? `${quantity(t.quoteQuantity)} ${t.quoteSymbol ?? ''}` : ''}</td>
                <td>{t.feeQuantity ? `${quantity(t.feeQuantity)} ${t.feeSymbol ?? ''}` : ''}</td>
                <td className="num">{t.valueUsd ? usd(Number(t.valueUsd)) : ''}</td>
                <td className="muted">{t.line ? `${t.source}, line ${t.line}` : t.source}</td>
                <td>
                  <button type="button" onClick={() => setEditing(t)} aria-label={`Edit transaction ${t.id}`}>
                    Edit
                  </button>{' '}
                  <button
                    type="button"
                    aria-label={`Delete transaction ${t.id}`}
                    onClick={() => {
                      if (
                        window.confirm(`Delete this ${kindWords[t.kind]?.toLowerCase()} of ${t.quantity} ${t.symbol}?`)
                      )
                        remove.mutate({ id: t.id })
                    }}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  )
}
