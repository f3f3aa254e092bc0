import { useMemo, useState } from 'react'
import type { IndexResult } from '@shared/contract/season'
import {
  edgeBar,
  edgeOverBitcoin,
  exclusionWords,
  formatReturn,
  formatUsdCompact,
  matchesSearch,
  sortCoins
} from '@shared/season-format'
import type { SortKey, SortOrder } from '@shared/season-format'
import { routeHref } from '../../lib/routes'

type Filter = 'all' | 'beat' | 'lagged' | 'unmeasured'

const columns: { key: SortKey; label: string; numeric: boolean; firstDescending: boolean }[] = [
  { key: 'rank', label: 'Rank', numeric: true, firstDescending: false },
  { key: 'coin', label: 'Coin', numeric: false, firstDescending: false },
  { key: 'marketCap', label: 'Market cap', numeric: true, firstDescending: true },
  { key: 'return', label: 'Window return', numeric: true, firstDescending: true },
  { key: 'edge', label: 'Against Bitcoin', numeric: false, firstDescending: true }
]

function EdgeBar({ ratio, btcRatio }: { ratio: number | null; btcRatio: number }) {
  const extent = edgeBar(ratio, btcRatio)
  const edge = edgeOverBitcoin(ratio, btcRatio)
  if (extent === null || edge === null) return <span className="muted">not measured</span>
  const width = `${Math.abs(extent) * 50}%`
  return (
    <span className="edge" title={`${formatReturn(1 + edge)} relative to Bitcoin`}>
      <span className="edge-track" aria-hidden="true">
        <span
          className={`edge-bar ${extent >= 0 ? 'ahead' : 'behind'}`}
          style={extent >= 0 ? { left: '50%', width } : { right: '50%', width }}
        />
      </span>
      <span className="edge-text">{formatReturn(1 + edge)}</span>
    </span>
  )
}

/** One day's ranked coins, how each did against Bitcoin, and the coins left out with reasons. */
export function BreakdownTable({ index }: { index: IndexResult }) {
  const [query, setQuery] = useState('')
  const [filter, setFilter] = useState<Filter>('all')
  const [order, setOrder] = useState<SortOrder>({ key: 'rank', descending: false })

  const rows = useMemo(() => {
    const kept = index.coins.filter(
      (c) =>
        matchesSearch(c, query) &&
        (filter === 'all' ||
          (filter === 'beat' && c.outperforms === true) ||
          (filter === 'lagged' && c.outperforms === false) ||
          (filter === 'unmeasured' && c.ratio === null))
    )
    return sortCoins(kept, order)
  }, [index.coins, query, filter, order])
  const excluded = useMemo(() => index.excluded.filter((e) => matchesSearch(e, query)), [index.excluded, query])

  const sortBy = (key: SortKey, firstDescending: boolean) =>
    setOrder((old) => (old.key === key ? { key, descending: !old.descending } : { key, descending: firstDescending }))

  return (
    <div className="breakdown">
      <div className="breakdown-tools">
        <label>
          <span className="visually-hidden">Search coins</span>
          <input
            type="search"
            data-testid="breakdown-search"
            placeholder="Search coins"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
        <label>
          <span className="visually-hidden">Show</span>
          <select data-testid="breakdown-filter" value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            <option value="all">All ranked coins ({index.coins.length})</option>
            <option value="beat">Beat Bitcoin ({index.outperformers})</option>
            <option value="lagged">Did not ({index.measured - index.outperformers})</option>
            <option value="unmeasured">Not measured ({index.unmeasured})</option>
          </select>
        </label>
        <span className="muted">
          Bitcoin over the window: <strong>{formatReturn(index.btcRatio)}</strong>
        </span>
      </div>
      <div className="table-scroll">
        <table className="breakdown-table" data-testid="breakdown-table" data-date={index.date}>
          <caption className="visually-hidden">
            Ranked coins on {index.date}, top {index.top}, {index.window}-day window
          </caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  className={c.numeric ? 'num' : undefined}
                  aria-sort={order.key === c.key ? (order.descending ? 'descending' : 'ascending') : 'none'}
                >
                  <button
                    type="button"
                    className="sort"
                    data-testid={`sort-${c.key}`}
                    onClick={() => sortBy(c.key, c.firstDescending)}
                  >
                    {c.label}
                    <span aria-hidden="true">{order.key === c.key ? (order.descending ? ' ▼' : ' ▲') : ''}</span>
                  </button>
                </th>
              ))}
              <th>Beat Bitcoin</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-testid="breakdown-row" data-coin={c.id} data-outperforms={String(c.outperforms)}>
                <td className="num">{c.rank}</td>
                <td>
                  <a href={routeHref('coins', c.id)} data-testid={`coin-link-${c.id}`}>
                    <strong>{c.symbol.toUpperCase()}</strong> <span className="muted">{c.name}</span>
                  </a>
                </td>
                <td className="num">{formatUsdCompact(c.marketCap)}</td>
                <td className="num">{formatReturn(c.ratio)}</td>
                <td>
                  <EdgeBar ratio={c.ratio} btcRatio={index.btcRatio} />
                </td>
                <td>
                  {c.outperforms === null ? (
                    <span className="muted">too young to count</span>
                  ) : c.outperforms ? (
                    <span className="beat">Yes</span>
                  ) : (
                    <span className="lagged">No</span>
                  )}
                </td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="muted">
                  No ranked coin matches.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <details className="excluded" data-testid="excluded-coins">
        <summary>
          Left out on {index.date}: {index.excluded.length} coin{index.excluded.length === 1 ? '' : 's'}
          {query.trim() !== '' ? ` (${excluded.length} matching)` : ''}
        </summary>
        <table className="excluded-table">
          <thead>
            <tr>
              <th>Coin</th>
              <th>Why it is not in the index</th>
            </tr>
          </thead>
          <tbody>
            {excluded.map((e) => (
              <tr key={e.id} data-testid="excluded-row" data-coin={e.id}>
                <td title={e.name}>
                  <a href={routeHref('coins', e.id)}>{e.symbol.toUpperCase()}</a>
                </td>
                <td>{exclusionWords(e.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  )
}
