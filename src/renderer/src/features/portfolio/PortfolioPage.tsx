import { EmptyState } from '../../components/EmptyState'

export function PortfolioPage() {
  return (
    <div className="page" data-testid="page-portfolio">
      <h1>Portfolio</h1>
      <EmptyState title="No holdings yet" testId="portfolio-empty">
        <p>Your holdings stay on this computer. Importing exchange exports and entering holdings by hand arrive here.</p>
      </EmptyState>
    </div>
  )
}
