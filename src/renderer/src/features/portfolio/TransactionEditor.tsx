import { useState } from 'react'
import type { Transaction, TransactionDraft, TxKind } from '@shared/contract/portfolio'
import { txKinds } from '@shared/contract/portfolio'
import { readIsoDate } from '@shared/field-input'
import { DateField } from '../../components/DateField'
import { ClientError } from '../../lib/client'
import { useChannel, useChannelMutation } from '../../lib/query'
import { kindWords } from './portfolio-format'

interface Props {
  editing: Transaction | null
  onDone: () => void
}

const today = () => new Date().toISOString().slice(0, 10)

function blank(): Record<string, string> {
  return {
    kind: 'holding',
    date: today(),
    symbol: '',
    coinId: '',
    quantity: '',
    quoteSymbol: '',
    quoteQuantity: '',
    feeSymbol: '',
    feeQuantity: '',
    valueUsd: '',
    note: ''
  }
}

function fromTransaction(t: Transaction): Record<string, string> {
  return {
    kind: t.kind,
    date: t.date,
    symbol: t.symbol,
    coinId: t.coinId ?? '',
    quantity: t.quantity,
    quoteSymbol: t.quoteSymbol ?? '',
    quoteQuantity: t.quoteQuantity ?? '',
    feeSymbol: t.feeSymbol ?? '',
    feeQuantity: t.feeQuantity ?? '',
    valueUsd: t.valueUsd ?? '',
    note: t.note ?? ''
  }
}

/** Adds or edits one transaction; "I hold" is the quick entry for people who do not track trades. */
export function TransactionEditor({ editing, onDone }: Props) {
  const [form, setForm] = useState<Record<string, string>>(() => (editing ? fromTransaction(editing) : blank()))
  const [problem, setProblem] = useState<{ message: string; canForce: boolean } | null>(null)
  const add = useChannelMutation('portfolio:add-transaction')
  const update = useChannelMutation('portfolio:update-transaction')
  const symbol = form.symbol?.trim() ?? ''
  const matches = useChannel('portfolio:search-coins', { query: symbol || '-' }, { enabled: symbol.length > 0 })
  const sameSymbol = (matches.data ?? []).filter((c) => c.symbol.toUpperCase() === symbol.toUpperCase())
  const set = (key: string) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }))
  const kind = form.kind as TxKind
  const hasQuote = kind === 'buy' || kind === 'sell' || kind === 'trade'

  const draft = (): TransactionDraft => {
    const opt = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : null)
    return {
      kind,
      at: form.date ?? today(),
      symbol: symbol.toUpperCase(),
      coinId: opt(form.coinId),
      quantity: (form.quantity ?? '').trim(),
      quoteSymbol: hasQuote ? opt(form.quoteSymbol) : null,
      quoteQuantity: hasQuote ? opt(form.quoteQuantity) : null,
      feeSymbol: opt(form.feeSymbol),
      feeQuantity: opt(form.feeQuantity),
      valueUsd: opt(form.valueUsd),
      note: opt(form.note)
    }
  }

  async function save(accept: boolean) {
    setProblem(null)
    const date = readIsoDate(form.date ?? '', 'Date', { max: today() })
    if (!date.ok) {
      setProblem({ message: date.message, canForce: false })
      return
    }
    try {
      if (editing) await update.mutateAsync({ id: editing.id, draft: draft(), acceptWarnings: accept })
      else await add.mutateAsync({ draft: draft(), acceptWarnings: accept })
      onDone()
    } catch (error) {
      const canForce = error instanceof ClientError && error.code === 'CONFLICT'
      setProblem({ message: error instanceof Error ? error.message : String(error), canForce })
    }
  }

  return (
    <form
      className="card"
      data-testid="transaction-editor"
      onSubmit={(e) => {
        e.preventDefault()
        void save(false)
      }}
    >
      <h2>{editing ? `Edit transaction ${editing.id}` : 'Add a transaction'}</h2>
      <div className="form-grid">
        <label>
          Type
          <select value={form.kind} onChange={set('kind')} name="kind">
            {txKinds.map((k) => (
              <option key={k} value={k}>
                {kindWords[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Date (UTC)
          <DateField
            label="Date"
            required
            value={form.date ?? ''}
            max={today()}
            onChange={(text) => setForm((f) => ({ ...f, date: text }))}
            name="date"
          />
        </label>
        <label>
          Asset
          <input
            required
            placeholder="BTC"
            value={form.symbol}
            onChange={set('symbol')}
            name="symbol"
            autoComplete="off"
          />
        </label>
        {sameSymbol.length > 1 ? (
          <label>
            Which {symbol.toUpperCase()}?
            <select value={form.coinId} onChange={set('coinId')} name="coinId" required>
              <option value="">Choose…</option>
              {sameSymbol.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.id})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {kind === 'holding' ? 'Quantity held' : 'Quantity'}
          <input
            required
            inputMode="decimal"
            placeholder="0.5"
            value={form.quantity}
            onChange={set('quantity')}
            name="quantity"
          />
        </label>
        {hasQuote ? (
          <>
            <label>
              {kind === 'sell' ? 'Received in' : 'Paid with'}
              <input placeholder="USD" value={form.quoteSymbol} onChange={set('quoteSymbol')} name="quoteSymbol" />
            </label>
            <label>
              {kind === 'sell' ? 'Amount received' : 'Amount paid'}
              <input
                inputMode="decimal"
                value={form.quoteQuantity}
                onChange={set('quoteQuantity')}
                name="quoteQuantity"
              />
            </label>
          </>
        ) : null}
        <label>
          Fee asset
          <input placeholder="USD" value={form.feeSymbol} onChange={set('feeSymbol')} name="feeSymbol" />
        </label>
        <label>
          Fee
          <input inputMode="decimal" value={form.feeQuantity} onChange={set('feeQuantity')} name="feeQuantity" />
        </label>
        <label>
          Value in USD (optional)
          <input inputMode="decimal" value={form.valueUsd} onChange={set('valueUsd')} name="valueUsd" />
        </label>
        <label>
          Note
          <input value={form.note} onChange={set('note')} name="note" />
        </label>
      </div>
      {problem ? (
        <div role="alert" className="warning" data-testid="editor-error">
          <p>{problem.message}</p>
          {problem.canForce ? (
            <button type="button" onClick={() => void save(true)}>
              Save anyway
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" disabled={add.isPending || update.isPending}>
          {editing ? 'Save changes' : 'Add'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}
