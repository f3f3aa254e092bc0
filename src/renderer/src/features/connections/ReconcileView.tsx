import { useState } from 'react'
import { exchangeInfo } from '@shared/exchanges'
import type { ExchangeId } from '@shared/exchanges'
import { exactQuantity, isoDateTime } from '@shared/format'
import { useChannel, useChannelMutation } from '../../lib/query'
import { hasDifference, signedQuantity } from './connection-format'

/**
 * The exchange's balances against the ledger's, per asset, with the likely cause of each
 * difference. Recording one writes a balance adjustment; the core then says the portfolio changed
 * and this view asks the exchange again by itself.
 */
export function ReconcileView({ exchange, onClose }: { exchange: ExchangeId; onClose: () => void }) {
  const label = exchangeInfo[exchange].label
  // Each answer asks the exchange: no silent retry, and a fresh answer every time the view opens.
  const report = useChannel('connections:reconcile', { exchange }, { retry: false, staleTime: 0 })
  const record = useChannelMutation('connections:record-adjustment')
  const [recorded, setRecorded] = useState<string | null>(null)

  return (
    <section className="card reconcile" data-testid="reconcile" aria-labelledby="reconcile-title">
      <div className="card-head">
        <h2 id="reconcile-title">
          {label} against the ledger{' '}
          {report.data ? (
            <span className="sub" data-testid="reconcile-as-of">
              balances as of {isoDateTime(report.data.asOf)}
            </span>
          ) : null}
        </h2>
        <div className="form-actions">
          <button
            type="button"
            data-testid="reconcile-refresh"
            disabled={report.isFetching}
            onClick={() => void report.refetch()}
          >
            {report.isFetching ? 'Asking…' : 'Check again'}
          </button>
          <button type="button" data-testid="reconcile-close" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      {report.isPending ? (
        <p role="status" className="muted">
          Asking {label} for its balances…
        </p>
      ) : null}
      {report.error ? (
        <p role="alert" className="error-notice">
          {report.error.message}
        </p>
      ) : null}
      {recorded ? (
        <p role="status" data-testid="reconcile-recorded">
          {recorded}
        </p>
      ) : null}
      {record.error ? (
        <p role="alert" className="error-notice">
          {record.error.message}
        </p>
      ) : null}
      {report.data && report.data.rows.length === 0 ? <p>{label} holds nothing, and neither does the ledger.</p> : null}
      {report.data && report.data.rows.length > 0 ? (
        <div className="wide-table">
          <table className="data" data-testid="reconcile-table">
            <thead>
              <tr>
                <th>Asset</th>
                <th className="num">On {label}</th>
                <th className="num">In the ledger</th>
                <th className="num">Difference</th>
                <th>Likely cause</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {report.data.rows.map((row) => (
                <tr key={row.symbol} data-symbol={row.symbol} data-cause={row.cause}>
                  <td>{row.symbol}</td>
                  <td className="num">{exactQuantity(row.exchange)}</td>
                  <td className="num">{exactQuantity(row.ledger)}</td>
                  <td className="num" data-testid="reconcile-difference">
                    {signedQuantity(row.difference)}
                  </td>
                  <td className="cause">{row.causeWords}</td>
                  <td className="record">
                    {hasDifference(row) ? (
                      <button
                        type="button"
                        data-testid={`reconcile-record-${row.symbol}`}
                        aria-label={`Record the difference in ${row.symbol} as a balance adjustment`}
                        disabled={record.isPending}
                        onClick={() => {
                          setRecorded(null)
                          record.mutate(
                            { exchange, symbol: row.symbol },
                            {
                              onSuccess: () =>
                                setRecorded(
                                  `Recorded ${signedQuantity(row.difference)} ${row.symbol} as a balance adjustment dated now; the ledger now holds what ${label} holds.`
                                )
                            }
                          )
                        }}
                      >
                        {record.isPending && record.variables?.symbol === row.symbol
                          ? 'Recording…'
                          : 'Record the difference'}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}
