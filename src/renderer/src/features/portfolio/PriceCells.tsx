import type { Transaction } from '@shared/contract/portfolio'
import { quantity, sourceWords, usd } from './portfolio-format'

type Priced = Pick<Transaction, 'priced' | 'feeQuantity' | 'feeSymbol'>

/** A transaction's USD value and where it came from; a flag when the ledger needs one and has none. */
export function ValueCell({ t }: { t: Priced }) {
  if (t.priced.value !== null)
    return (
      <>
        {usd(t.priced.value)}
        <div className="sub">{sourceWords(t.priced.source)}</div>
      </>
    )
  if (t.priced.missingValue) return <span className="flag">No USD value</span>
  return <span className="muted">no value needed</span>
}

/** The fee as recorded, and its USD value with its source (or that it is unknown). */
export function FeeCell({ t }: { t: Priced }) {
  if (!t.feeQuantity) return null
  return (
    <>
      {quantity(t.feeQuantity)} {t.feeSymbol ?? ''}
      <div className="sub">
        {t.priced.feeValue !== null && t.priced.feeSource
          ? `worth ${usd(t.priced.feeValue)}, ${sourceWords(t.priced.feeSource)}`
          : t.priced.missingFee
            ? 'value unknown'
            : ''}
      </div>
    </>
  )
}
