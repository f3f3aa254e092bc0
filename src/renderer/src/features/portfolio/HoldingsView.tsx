import type { CostMethod } from '@shared/contract/portfolio'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannel } from '../../lib/query'
import { bucketWords, percent, quantity, signedUsd, usd } from './portfolio-format'
import { UnmatchedAssets } from './UnmatchedAssets'
import { ValueChart } from './ValueChart'

const pnlClass = (n: number | null) => (n === null || n === 0 ? undefined : n > 0 ? 'gain' : 'loss')

export function HoldingsView({ method, onMethod }: { method: CostMethod; onMethod: (m: CostMethod) => void }) {
  const holdings = useChannel('portfolio:get-holdings', { method })
  const allocation = useChannel('portfolio:get-allocation')
  const history = useChannel('portfolio:get-value-history')
  if (holdings.error) return <ErrorNotice error={holdings.error} onRetry={() => void holdings.refetch()} />
  const data = holdings.data
  if (!data) return <p className="muted">Loading holdings…</p>
  return (
    <div className="stack">
      <section className="portfolio-summary" data-testid="portfolio-value" aria-label="Portfolio value">
        <div>
          <div className="muted">Value</div>
          <div className="big">{usd(data.totals.value)}</div>
          <div className="muted">as of {data.asOf ?? 'no market data yet'} (UTC)</div>
        </div>
        <div>
          <div className="muted">Cost basis</div>
          <div>{usd(data.totals.costBasis)}</div>
        </div>
        <div>
          <div className="muted">Unrealized</div>
          <div className={pnlClass(data.totals.unrealizedPnl)}>{signedUsd(data.totals.unrealizedPnl)}</div>
        </div>
        <div>
          <div className="muted">Realized</div>
          <div className={pnlClass(data.totals.realizedPnl)}>{signedUsd(data.totals.realizedPnl)}</div>
        </div>
        <label>
          Cost basis method{' '}
          <select value={method} onChange={(e) => onMethod(e.target.value as CostMethod)} data-testid="cost-method">
            <option value="fifo">FIFO</option>
            <option value="hifo">HIFO</option>
            <option value="average">Average cost</option>
          </select>
        </label>
      </section>
      {data.warnings.length > 0 ? (
        <div className="card warning" role="status">
          {data.warnings.slice(0, 5).map((w) => (
            <p key={`${w.transactionId}-${w.message}`}>{w.message}</p>
          ))}
        </div>
      ) : null}
      <UnmatchedAssets items={data.unmatched} />
      <div className="portfolio-grid">
        <section className="card">
          <h2>Holdings</h2>
          <table className="data" data-testid="holdings-table">
            <thead>
              <tr>
                <th>Asset</th>
                <th className="num">Quantity</th>
                <th className="num">Price</th>
                <th className="num">Value</th>
                <th>As of</th>
                <th className="num">Cost basis</th>
                <th className="num">Unrealized</th>
              </tr>
            </thead>
            <tbody>
              {data.holdings.map((h) => (
                <tr key={h.coinId ?? h.symbol} data-symbol={h.symbol}>
                  <td title={h.coinId ?? 'not matched to a coin yet'}>
                    <strong>{h.symbol}</strong> <span className="muted">{h.name ?? ''}</span>
                  </td>
                  <td className="num">{quantity(h.quantity)}</td>
                  <td className="num">{usd(h.price)}</td>
                  <td className="num">{usd(h.value)}</td>
                  <td
                    className={h.stale ? 'warning nowrap' : 'muted nowrap'}
                    title={h.stale ? 'older than the newest market data' : undefined}
                  >
                    {h.asOf ?? 'no price'}
                  </td>
                  <td className="num">{usd(h.costBasis)}</td>
                  <td className={`num ${pnlClass(h.unrealizedPnl) ?? ''}`}>{signedUsd(h.unrealizedPnl)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card" data-testid="allocation">
          <h2>Allocation</h2>
          {allocation.data ? (
            <>
              <div className="bucket-bar" aria-hidden="true">
                {allocation.data.buckets.map((b) => (
                  <span key={b.bucket} className={`bucket-${b.bucket}`} style={{ width: percent(b.share) }} />
                ))}
              </div>
              <table className="data">
                <tbody>
                  {allocation.data.buckets.map((b) => (
                    <tr key={b.bucket} data-bucket={b.bucket}>
                      <td>
                        <span
                          className={`bucket-${b.bucket}`}
                          style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2 }}
                        />{' '}
                        {bucketWords[b.bucket]}
                      </td>
                      <td className="num">{usd(b.value)}</td>
                      <td className="num">{percent(b.share)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted">as of {allocation.data.asOf ?? '—'}</p>
              {allocation.data.season ? (
                <div data-testid="season-view">
                  <p>
                    <strong>
                      {allocation.data.season.beat} of your {allocation.data.season.altcoins} altcoins beat Bitcoin
                    </strong>{' '}
                    over the {allocation.data.season.window}-day index window to {allocation.data.season.date} (Bitcoin
                    ×{allocation.data.season.btcRatio.toFixed(3)}).
                  </p>
                  <table className="data">
                    <tbody>
                      {allocation.data.season.holdings.map((h) => (
                        <tr key={h.coinId}>
                          <td>{h.symbol}</td>
                          <td className="num">{h.ratio === null ? 'too new' : `×${h.ratio.toFixed(3)}`}</td>
                          <td className={h.outperforms ? 'gain' : h.outperforms === false ? 'loss' : 'muted'}>
                            {h.outperforms === null ? '' : h.outperforms ? 'beat BTC' : 'lagged BTC'}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : (
                <p className="muted">
                  {allocation.data.seasonNote ?? 'No season index yet.'} Altcoins are split by the index ranking once it
                  is computed.
                </p>
              )}
            </>
          ) : allocation.error ? (
            <ErrorNotice error={allocation.error} />
          ) : (
            <p className="muted">Loading…</p>
          )}
        </section>
      </div>
      <section className="card">
        <h2>Value over time</h2>
        <p className="muted">
          USD value each UTC day at that day&apos;s stored prices
          {history.data?.asOf ? `, up to ${history.data.asOf}` : ''}.
        </p>
        <ValueChart points={history.data?.points ?? []} />
      </section>
    </div>
  )
}
