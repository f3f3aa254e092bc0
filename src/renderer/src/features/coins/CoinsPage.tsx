import { useState } from 'react'
import { useChannel } from '../../lib/query'
import { routeHref, useRoute } from '../../lib/routes'
import { CoinPage } from './CoinPage'
import { PriceAlertsPanel } from './PriceAlertsPanel'
import { WatchlistTable } from './WatchlistTable'
import './coins.css'

/** Find any stored coin by name, ticker or id. */
function CoinSearch() {
  const [query, setQuery] = useState('')
  const q = query.trim()
  const found = useChannel('portfolio:search-coins', { query: q }, { enabled: q.length > 0 })
  return (
    <section className="card coin-search" aria-labelledby="coin-search-title">
      <h2 id="coin-search-title">Find a coin</h2>
      <input
        type="search"
        value={query}
        maxLength={50}
        placeholder="Name, ticker or id"
        aria-label="Find a coin by name, ticker or id"
        data-testid="coin-search"
        onChange={(e) => setQuery(e.target.value)}
      />
      {q.length > 0 && found.data && (
        <ul data-testid="coin-search-results">
          {found.data.length === 0 && <li className="muted">No stored coin matches.</li>}
          {found.data.map((c) => (
            <li key={c.id}>
              <a href={routeHref('coins', c.id)} data-testid={`coin-result-${c.id}`}>
                <strong>{c.symbol.toUpperCase()}</strong> {c.name}
              </a>{' '}
              {c.rank !== null && <span className="muted">#{c.rank}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** Coins: search and the watchlist, or one coin's page (`#/coins/<id>`). */
export function CoinsPage() {
  const [, , rest] = useRoute()
  const coinId = rest[0]
  if (coinId) {
    return (
      <div className="page coins-page" data-testid="page-coins">
        <CoinPage key={coinId} coinId={coinId} />
        <PriceAlertsPanel coinId={coinId} />
      </div>
    )
  }
  return (
    <div className="page coins-page" data-testid="page-coins">
      <CoinSearch />
      <WatchlistTable />
      <PriceAlertsPanel />
    </div>
  )
}
