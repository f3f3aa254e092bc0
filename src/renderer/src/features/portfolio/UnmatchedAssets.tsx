import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannel, useChannelMutation } from '../../lib/query'

function MatchRow({ source, symbol }: { source: string; symbol: string }) {
  const [choice, setChoice] = useState('')
  const candidates = useChannel('portfolio:search-coins', { query: symbol })
  const resolve = useChannelMutation('portfolio:resolve-asset')
  const options = candidates.data ?? []
  return (
    <tr data-unmatched={`${source}:${symbol}`}>
      <td>
        <strong>{symbol}</strong> <span className="muted">from {source}</span>
      </td>
      <td>
        {options.length === 0 ? (
          <span className="muted">No stored coin matches yet; a sync that tracks it will.</span>
        ) : (
          <select value={choice} onChange={(e) => setChoice(e.target.value)} aria-label={`Coin for ${symbol}`}>
            <option value="">Choose…</option>
            {options.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.symbol.toUpperCase()}, {c.id})
              </option>
            ))}
          </select>
        )}
      </td>
      <td>
        <button
          type="button"
          disabled={!choice || resolve.isPending}
          onClick={() => resolve.mutate({ source, symbol, coinId: choice })}
        >
          Match
        </button>
        {resolve.error ? <ErrorNotice error={resolve.error} /> : null}
      </td>
    </tr>
  )
}

/** Symbols not yet tied to a provider coin: they have no price until the user (or a sync) resolves them. */
export function UnmatchedAssets({ items }: { items: { source: string; symbol: string }[] }) {
  if (items.length === 0) return null
  return (
    <section className="card" data-testid="unmatched-assets">
      <h2>Not matched to a coin</h2>
      <p className="muted">
        These symbols are kept as entered but have no price. Choose the coin each one means; the choice is remembered
        for that source.
      </p>
      <table className="data">
        <thead>
          <tr>
            <th>Symbol</th>
            <th>Coin it means</th>
            <th>
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((u) => (
            <MatchRow key={`${u.source}:${u.symbol}`} source={u.source} symbol={u.symbol} />
          ))}
        </tbody>
      </table>
    </section>
  )
}
