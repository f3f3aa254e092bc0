import type { GainsReport } from '@shared/contract/reports'
import { priceSourceLabels, termLabels, terms } from '@shared/domain'
import { routeHref } from '../../lib/routes'
import { assetKey, causeWords, count, pnlClass, quantity, signedUsd, usd } from '../portfolio/portfolio-format'

const money = (v: string | null) => <span className={v === null ? 'unknown' : undefined}>{usd(v)}</span>

/** Totals by term: short, long and all, each the sum of the rows whose amounts are all known. */
export function GainsTotals({ report }: { report: GainsReport }) {
  const lines = [
    ...terms.map((t) => ({ id: t, label: termLabels[t], sums: report.totals[t] })),
    { id: 'all' as const, label: 'All', sums: report.totals.all }
  ]
  return (
    <table className="data totals" data-testid="gains-totals">
      <thead>
        <tr>
          <th>Term</th>
          <th className="num">Rows</th>
          <th className="num">Proceeds</th>
          <th className="num">Cost basis</th>
          <th className="num">Gain or loss</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.id} data-testid={`gains-total-${l.id}`}>
            <th scope="row">{l.label}</th>
            <td className="num">{l.sums.rows}</td>
            <td className="num" data-testid="proceeds">
              {usd(l.sums.proceeds)}
            </td>
            <td className="num" data-testid="cost">
              {usd(l.sums.costBasis)}
            </td>
            <td className={`num ${pnlClass(l.sums.gain) ?? ''}`} data-testid="gain">
              {signedUsd(l.sums.gain)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** One row per lot each disposal consumed; unknown amounts are marked "unknown" and not summed. */
export function GainsTable({ report }: { report: GainsReport }) {
  if (report.rows.length === 0) return <p className="muted">No disposals in this period.</p>
  return (
    <div className="wide-table">
      <table className="data" data-testid="gains-table">
        <thead>
          <tr>
            <th>Asset</th>
            <th className="num">Quantity</th>
            <th>Acquired</th>
            <th>Sold</th>
            <th>What</th>
            <th className="num">Proceeds</th>
            <th className="num">Cost basis</th>
            <th className="num">Gain or loss</th>
            <th>Term</th>
            <th className="print-hide">Values from</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r, i) => {
            const unknown = r.gain === null || r.term === null
            return (
              <tr
                key={`${r.txId}-${i}`}
                data-testid="gain-row"
                data-unknown={unknown ? 'true' : undefined}
                className={unknown ? 'unknown-row' : undefined}
              >
                <td>
                  <a href={routeHref('portfolio', 'asset', assetKey(r))} title={r.name ?? r.coinId ?? r.symbol}>
                    {r.symbol}
                  </a>
                </td>
                <td className="num">{quantity(r.quantity)}</td>
                <td className={r.acquired === null ? 'unknown nowrap' : 'nowrap'}>{r.acquired ?? 'unknown'}</td>
                <td className="nowrap">{r.sold}</td>
                <td>{causeWords[r.cause]}</td>
                <td className="num">{money(r.proceeds)}</td>
                <td className="num">{money(r.costBasis)}</td>
                <td className={`num ${r.gain === null ? 'unknown' : (pnlClass(r.gain) ?? '')}`}>{signedUsd(r.gain)}</td>
                <td className={r.term === null ? 'unknown nowrap' : 'nowrap'}>
                  {r.term ? termLabels[r.term] : 'unknown'}
                </td>
                <td className="muted print-hide">
                  proceeds: {priceSourceLabels[r.proceedsSource]}; cost:{' '}
                  {r.costSources.map((s) => priceSourceLabels[s]).join(', ')}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

export function unknownRowsWords(n: number, what: string): string | null {
  if (n <= 0) return null
  return `${count(n, what)} ${n === 1 ? 'has' : 'have'} an unknown amount: listed and marked "unknown", left out of the totals.`
}
