import { useMemo, useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannel, useChannelMutation } from '../../lib/query'
import { routeHref } from '../../lib/routes'
import { signedPercent, unitPrice } from '@shared/format'
import { Sparkline } from './Sparkline'
import { sortWatchlist } from './coin-format'
import type { WatchlistKey as Key } from './coin-format'

const pct = (change: number | null) => signedPercent(change)
const usd = (value: number | null) => (value === null ? '—' : unitPrice(value))

const columns: { key: Key; label: string }[] = [
  { key: 'coin', label: 'Coin' },
  { key: 'price', label: 'Price' },
  { key: 'change24h', label: '24h' },
  { key: 'change7d', label: '7d' },
  { key: 'change30d', label: '30d' },
  { key: 'window', label: 'Window vs Bitcoin' }
]

export function WatchlistTable() {
  const list = useChannel('watchlist:list')
  const remove = useChannelMutation('watchlist:remove')
  const [order, setOrder] = useState<{ key: Key; descending: boolean }>({ key: 'coin', descending: false })
  const rows = useMemo(
    () => (list.data ? sortWatchlist(list.data.items, order.key, order.descending) : []),
    [list.data, order]
  )
  if (list.isPending) return <p className="muted">Loading…</p>
  if (list.isError) return <ErrorNotice error={list.error} />
  const data = list.data
  return (
    <section className="card" data-testid="watchlist" aria-labelledby="watchlist-title">
      <h2 id="watchlist-title">Watchlist</h2>
      <p className="muted">
        As of {data.asOf ?? 'no stored day'}; window return over the {data.window}-day index window, against Bitcoin's.
      </p>
      {rows.length === 0 ? (
        <p className="muted">No coins yet: open a coin and add it to your watchlist.</p>
      ) : (
        <table className="watchlist-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  aria-sort={order.key === c.key ? (order.descending ? 'descending' : 'ascending') : 'none'}
                >
                  <button
                    type="button"
                    onClick={() =>
                      setOrder((o) => ({ key: c.key, descending: o.key === c.key ? !o.descending : c.key !== 'coin' }))
                    }
                  >
                    {c.label}
                  </button>
                </th>
              ))}
              <th>Beats Bitcoin</th>
              <th>30 days</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => (
              <tr key={i.coinId} data-testid={`watch-row-${i.coinId}`}>
                <td>
                  <a href={routeHref('coins', i.coinId)}>
                    <strong>{i.symbol.toUpperCase()}</strong> <span className="muted">{i.name}</span>
                  </a>
                </td>
                <td className="num">{usd(i.price)}</td>
                <td className="num">{pct(i.change24h)}</td>
                <td className="num">{pct(i.change7d)}</td>
                <td className="num">{pct(i.change30d)}</td>
                <td className="num">
                  {pct(i.windowRatio === null ? null : i.windowRatio - 1)}{' '}
                  <span className="muted">vs {pct(i.btcWindowRatio === null ? null : i.btcWindowRatio - 1)}</span>
                </td>
                <td>{i.beatsBitcoin === null ? 'not measured' : i.beatsBitcoin ? 'Yes' : 'No'}</td>
                <td>
                  <Sparkline values={i.sparkline} />
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => remove.mutate({ coinId: i.coinId })}
                    aria-label={`Remove ${i.symbol.toUpperCase()}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
