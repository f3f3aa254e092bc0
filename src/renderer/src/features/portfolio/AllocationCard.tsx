import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannel } from '../../lib/query'
import { bucketWords, count, percent, usd } from './portfolio-format'
import { returnPercent } from '@shared/format'

/** Value by bucket, and how the held altcoins did against Bitcoin over the index window. */
export function AllocationCard({ unpriced }: { unpriced: number }) {
  const allocation = useChannel('portfolio:get-allocation')
  const data = allocation.data
  return (
    <section className="card" data-testid="allocation">
      <h2>Allocation</h2>
      {data ? (
        <>
          <div className="bucket-bar" aria-hidden="true">
            {data.buckets.map((b) => (
              <span key={b.bucket} className={`bucket-${b.bucket}`} style={{ width: percent(b.share) }} />
            ))}
          </div>
          <table className="data">
            <thead>
              <tr>
                <th>Bucket</th>
                <th className="num">Value</th>
                <th className="num">Share</th>
              </tr>
            </thead>
            <tbody>
              {data.buckets.map((b) => (
                <tr key={b.bucket} data-bucket={b.bucket}>
                  <td>
                    <span className={`swatch bucket-${b.bucket}`} /> {bucketWords[b.bucket]}
                  </td>
                  <td className="num">{usd(b.value)}</td>
                  <td className="num">{percent(b.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            as of {data.asOf ?? '—'}
            {unpriced > 0
              ? `; ${count(unpriced, 'holding')} without a price ${unpriced === 1 ? 'is' : 'are'} not in these shares`
              : ''}
            .
          </p>
          {data.season ? (
            <div data-testid="season-view">
              <p>
                <strong>
                  {data.season.beat} of your {data.season.altcoins} altcoins beat Bitcoin
                </strong>{' '}
                over the {data.season.window}-day index window to {data.season.date} (Bitcoin{' '}
                {returnPercent(data.season.btcRatio)}).
              </p>
              <table className="data">
                <thead>
                  <tr>
                    <th>Altcoin</th>
                    <th className="num">Change</th>
                    <th>Against Bitcoin</th>
                  </tr>
                </thead>
                <tbody>
                  {data.season.holdings.map((h) => (
                    <tr key={h.coinId}>
                      <td>{h.symbol}</td>
                      <td className="num">{h.ratio === null ? 'too new' : returnPercent(h.ratio)}</td>
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
              {data.seasonNote ?? 'No season index yet.'} Altcoins are split by the index ranking once it is computed.
            </p>
          )}
        </>
      ) : allocation.error ? (
        <ErrorNotice error={allocation.error} />
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  )
}
