import { useId, useState } from 'react'
import type { Transaction } from '@shared/contract/portfolio'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannelMutation } from '../../lib/query'
import { kindWords, quantity } from './portfolio-format'
import { readUsdInput } from './usd-input'

/** The fee (or a move's network fee) has a value to enter: the ledger could not work it out. */
export const feeValueMissing = (t: Transaction) => t.priced.missingFee

/**
 * "Enter the USD value" for a transaction the ledger cannot value (docs/cost-basis.md, V1 step 1),
 * and for its fee when that is unknown too. Bad input is refused here, in words naming the field.
 */
export function SetValueForm({
  transaction: t,
  onSaved,
  onCancel
}: {
  transaction: Transaction
  onSaved: (message: string) => void
  onCancel: () => void
}) {
  const id = useId()
  const needsFee = feeValueMissing(t)
  const needsValue = t.priced.missingValue
  const showValue = needsValue
  const [value, setValue] = useState('')
  const [fee, setFee] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const save = useChannelMutation('portfolio:set-value')
  const valueLabel = 'Value in USD'
  const feeLabel = t.feeQuantity
    ? `Fee value in USD (${quantity(t.feeQuantity)} ${t.feeSymbol ?? ''})`
    : 'Network fee value in USD (what the move lost on the way)'

  function submit() {
    setProblem(null)
    let valueUsd: string | undefined
    if (needsValue) {
      const read = readUsdInput(value, valueLabel)
      if (!read.ok) return setProblem(read.message)
      valueUsd = read.value
    }
    let feeValueUsd: string | undefined
    if (needsFee && (fee.trim() !== '' || !needsValue)) {
      const read = readUsdInput(fee, 'Fee value in USD')
      if (!read.ok) return setProblem(read.message)
      feeValueUsd = read.value
    }
    save.mutate(
      {
        id: t.id,
        ...(valueUsd === undefined ? {} : { valueUsd }),
        ...(feeValueUsd === undefined ? {} : { feeValueUsd })
      },
      {
        onSuccess: () =>
          onSaved(
            `Saved: the ${kindWords[t.kind]?.toLowerCase()} of ${quantity(t.quantity)} ${t.symbol} on ${t.date} now has your value.`
          )
      }
    )
  }

  return (
    <form
      className="set-value"
      data-testid={`set-value-form-${t.id}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      <p className="muted">
        What this {kindWords[t.kind]?.toLowerCase()} was worth in US dollars on {t.date}
        {t.kind === 'income' ? ' (its value on receipt, which is also its cost)' : ''}. Gains and income use it from
        then on.
      </p>
      <div className="form-grid">
        {showValue ? (
          <label htmlFor={`${id}-value`}>
            {valueLabel}
            <input
              id={`${id}-value`}
              data-testid="set-value-input"
              inputMode="decimal"
              autoComplete="off"
              placeholder="1200.25"
              value={value}
              aria-invalid={problem !== null && problem.startsWith(valueLabel)}
              onChange={(e) => setValue(e.target.value)}
            />
          </label>
        ) : null}
        {needsFee ? (
          <label htmlFor={`${id}-fee`}>
            {feeLabel}
            <input
              id={`${id}-fee`}
              data-testid="set-fee-value-input"
              inputMode="decimal"
              autoComplete="off"
              placeholder="2.50"
              value={fee}
              onChange={(e) => setFee(e.target.value)}
            />
          </label>
        ) : null}
      </div>
      {problem ? (
        <p role="alert" className="warning" data-testid="set-value-error">
          {problem}
        </p>
      ) : null}
      {save.error ? <ErrorNotice error={save.error} /> : null}
      <div className="form-actions">
        <button type="submit" data-testid="set-value-save" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save the value'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
