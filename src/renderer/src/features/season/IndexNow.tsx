import type { HistoryPoint, IndexResult } from '@shared/contract/season'
import { regimeLabels } from '@shared/domain'
import { changesFor, displayValue, formatReturn, signed } from '@shared/season-format'

/** The 0–100 bar with the two season zones and a marker at the value. */
function SeasonGauge({ value }: { value: number }) {
  const shown = displayValue(value)
  return (
    <div className="season-gauge" aria-hidden="true">
      <div className="gauge-track">
        <span className="gauge-zone btc" style={{ width: '25%' }} />
        <span className="gauge-zone neutral" style={{ width: '50%' }} />
        <span className="gauge-zone alt" style={{ width: '25%' }} />
        <span
          className="gauge-marker"
          style={{ left: `${Math.min(100, Math.max(0, value))}%` }}
          title={String(shown)}
        />
      </div>
      <div className="gauge-labels">
        <span>0</span>
        <span style={{ left: '25%' }}>25</span>
        <span style={{ left: '75%' }}>75</span>
        <span>100</span>
      </div>
      <div className="gauge-names">
        <span className="btc">Bitcoin Season</span>
        <span className="alt">Altcoin Season</span>
      </div>
    </div>
  )
}

/** The index on the day shown (the latest, or the day under review), with its change and counts. */
export function IndexNow({
  index,
  history,
  reviewing
}: {
  index: IndexResult
  history: HistoryPoint[] | undefined
  reviewing: boolean
}) {
  const shown = displayValue(index.value)
  const changes = history ? changesFor(history, index) : []
  return (
    <section className="card index-now" aria-labelledby="index-now-title" data-regime={index.regime}>
      <h2 id="index-now-title">{reviewing ? 'Index on the day under review' : 'Altcoin Season Index'}</h2>
      <div className="index-headline">
        <span className="index-value" data-testid="index-value" data-raw={index.value}>
          {shown}
        </span>
        <span className="index-of">/ 100</span>
        <span className={`index-regime regime-${index.regime}`} data-testid="index-regime" data-regime={index.regime}>
          {regimeLabels[index.regime]}
        </span>
      </div>
      {index.provisional ? (
        <p className="index-provisional" data-testid="index-provisional" role="status">
          <strong>Provisional.</strong> {index.provisionalReason ?? ''} The value from the price history replaces it
          when today's is in.
        </p>
      ) : null}
      <p className="index-as-of">
        As of <strong data-testid="index-as-of">{index.date}</strong> (UTC) · top {index.top} · {index.window}-day
        window
      </p>
      <SeasonGauge value={index.value} />
      <p className="index-counts">
        <strong>{index.outperformers}</strong> of <strong>{index.measured}</strong> measured coins beat Bitcoin over{' '}
        {index.window} days (Bitcoin {formatReturn(index.btcRatio)}).
        {index.unmeasured > 0
          ? ` ${index.unmeasured} ranked coin${index.unmeasured === 1 ? ' has' : 's have'} less than ${index.window} days of history and ${index.unmeasured === 1 ? 'is' : 'are'} not counted.`
          : ''}
      </p>
      {history ? (
        <ul className="index-changes" data-testid="index-changes">
          {changes.map((c) => (
            <li key={c.days}>
              <span className="muted">vs {c.days} days ago</span>{' '}
              {c.delta === null ? (
                <span className="muted" title={`No value on ${c.date}`}>
                  —
                </span>
              ) : (
                <strong className={c.delta > 0 ? 'up' : c.delta < 0 ? 'down' : ''} title={`Compared with ${c.date}`}>
                  {signed(c.delta)}
                </strong>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
