import type { IncomeReport } from '@shared/contract/reports'
import { priceSourceLabels } from '@shared/domain'
import { count, quantity, usd } from '../portfolio/portfolio-format'

/** Every income at its value on receipt; unknown values are marked and not summed. */
export function IncomeTable({ report }: { report: IncomeReport }) {
  if (report.rows.length === 0) return <p className="muted">No income in this period.</p>
  return (
    <div className="wide-table">
      <table className="data" data-testid="income-table">
        <thead>
          <tr>
            <th>Date</th>
            <th>Asset</th>
            <th className="num">Quantity</th>
            <th className="num">Value on receipt</th>
            <th>Value from</th>
            <th>Note</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <tr
              key={r.txId}
              data-testid="income-row"
              data-unknown={r.value === null ? 'true' : undefined}
              className={r.value === null ? 'unknown-row' : undefined}
            >
              <td className="nowrap">{r.date}</td>
              <td>{r.symbol}</td>
              <td className="num">{quantity(r.quantity)}</td>
              <td className={r.value === null ? 'num unknown' : 'num'}>{usd(r.value)}</td>
              <td className="muted">{priceSourceLabels[r.source]}</td>
              <td className="muted">{r.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Totals per asset, then the sum of every income whose value is known. */
export function IncomeTotals({ report }: { report: IncomeReport }) {
  return (
    <table className="data totals" data-testid="income-totals">
      <thead>
        <tr>
          <th>Asset</th>
          <th className="num">Quantity</th>
          <th className="num">Value on receipt</th>
        </tr>
      </thead>
      <tbody>
        {report.totals.byAsset.map((a, i) => (
          <tr key={`${a.symbol}-${i}`} data-testid={`income-total-${a.symbol}`}>
            <th scope="row">{a.symbol}</th>
            <td className="num">{quantity(a.quantity)}</td>
            <td className="num">{usd(a.value)}</td>
          </tr>
        ))}
        <tr data-testid="income-total-all">
          <th scope="row">All ({count(report.totals.rows, 'income')})</th>
          <td />
          <td className="num">
            <strong>{usd(report.totals.value)}</strong>
          </td>
        </tr>
      </tbody>
    </table>
  )
}
