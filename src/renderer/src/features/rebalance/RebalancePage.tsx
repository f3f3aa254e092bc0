import { EmptyState } from '../../components/EmptyState'

export function RebalancePage() {
  return (
    <div className="page" data-testid="page-rebalance">
      <h1>Rebalance</h1>
      <EmptyState title="Nothing to rebalance yet" testId="rebalance-empty">
        <p>With holdings and a season index, this page suggests trades toward the targets you set for each regime.</p>
      </EmptyState>
    </div>
  )
}
