import type { CostMethod } from '@shared/contract/portfolio'
import { EmptyState } from '../../components/EmptyState'
import { useChannel, useChannelMutation } from '../../lib/query'
import { go, useRoute } from '../../lib/routes'
import { AssetDetail } from './AssetDetail'
import { HoldingsView } from './HoldingsView'
import { ImportWizard } from './ImportWizard'
import { TransactionsView } from './TransactionsView'
import './portfolio.css'

type Tab = 'holdings' | 'transactions' | 'import'
const tabs: { id: Tab; label: string }[] = [
  { id: 'holdings', label: 'Holdings' },
  { id: 'transactions', label: 'Transactions' },
  { id: 'import', label: 'Import' }
]

/**
 * The view inside the page comes from the address (`#/portfolio/transactions/missing`,
 * `#/portfolio/asset/bitcoin`), so the back button and a reload keep it.
 */
function viewOf(rest: string[]): { tab: Tab; asset: string | null; onlyMissing: boolean } {
  const [first, second] = rest
  if (first === 'asset' && second) return { tab: 'holdings', asset: second, onlyMissing: false }
  if (first === 'transactions') return { tab: 'transactions', asset: null, onlyMissing: second === 'missing' }
  if (first === 'import') return { tab: 'import', asset: null, onlyMissing: false }
  return { tab: 'holdings', asset: null, onlyMissing: false }
}

export function PortfolioPage() {
  const [, , rest] = useRoute()
  const { tab, asset, onlyMissing } = viewOf(rest)
  const settings = useChannel('settings:get')
  const setSettings = useChannelMutation('settings:set')
  const count = useChannel('portfolio:list-transactions', { limit: 1 })
  const method: CostMethod = settings.data?.costBasisMethod ?? 'fifo'
  const empty = count.data?.total === 0

  return (
    <div className="page" data-testid="page-portfolio">
      <h1>Portfolio</h1>
      <div className="portfolio-tabs no-print" role="tablist" aria-label="Portfolio views">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id && asset === null}
            data-testid={`portfolio-tab-${t.id}`}
            onClick={() => go('portfolio', t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {asset !== null ? <AssetDetail assetKey={asset} method={method} /> : null}
      {asset === null && tab === 'holdings' && empty ? (
        <EmptyState title="No holdings yet" testId="portfolio-empty">
          <p>Your holdings stay on this computer. Import an exchange export, or enter what you hold by hand.</p>
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => go('portfolio', 'import')}>
              Import a CSV export
            </button>
            <button type="button" onClick={() => go('portfolio', 'transactions')}>
              Enter holdings by hand
            </button>
          </div>
        </EmptyState>
      ) : null}
      {asset === null && tab === 'holdings' && !empty ? (
        <HoldingsView method={method} onMethod={(m) => setSettings.mutate({ costBasisMethod: m })} />
      ) : null}
      {tab === 'transactions' ? (
        <TransactionsView
          onlyMissing={onlyMissing}
          onOnlyMissing={(only) => go('portfolio', ...(only ? ['transactions', 'missing'] : ['transactions']))}
        />
      ) : null}
      {tab === 'import' ? <ImportWizard onImported={() => undefined} /> : null}
    </div>
  )
}
