import { EmptyState } from '../../components/EmptyState'

export function SeasonPage() {
  return (
    <div className="page" data-testid="page-season">
      <h1>Season</h1>
      <EmptyState title="No market history yet" testId="season-empty">
        <p>
          Seasonwatch computes the Altcoin Season Index from its own local copy of daily market data. Once the first sync has
          stored enough history, the index, its history and each day&apos;s breakdown appear here.
        </p>
      </EmptyState>
    </div>
  )
}
