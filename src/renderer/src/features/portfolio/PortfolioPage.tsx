import { lazy, Suspense } from 'react'
import type { CostMethod } from '@shared/contract/portfolio'
import { exchangeIdSchema } from '@shared/exchanges'
import type { ExchangeId } from '@shared/exchanges'
import { EmptyState } from '../../components/EmptyState'
import { useChannel, useChannelMutation } from '../../lib/query'
import { go, useRoute } from '../../lib/routes'
import { AssetDetail } from './AssetDetail'
import { HoldingsView } from './HoldingsView'
import { ImportWizard } from './ImportWizard'
import { TransactionsView } from './TransactionsView'
import './portfolio.css'

const ConnectionsView = lazy(() =>
  import('../connections/ConnectionsView').then((m) => ({ default: m.ConnectionsView }))
)

type Tab = 'holdings' | 'transactions' | 'import' | 'connections'
const tabs: { id: Tab; label: string }[] = [
  { id: 'holdings', label: 'Holdings' },
  { id: 'transactions', label: 'Transactions' },
  { id: 'import', label: 'Import' },
  { id: 'connections', label: 'Connections' }
]

interface View {
  tab: Tab
  asset: string | null
  onlyMissing: boolean
  reconciling: ExchangeId | null
}

/**
 * The view inside the page comes from the address (`#/portfolio/transactions/missing`,
 * `#/portfolio/asset/bitcoin`, `#/portfolio/connections/reconcile/binance`), so the back button and
 * a reload keep it.
 */
function viewOf(rest: string[]): View {
  const [first, second, third] = rest
  const plain = { asset: null, onlyMissing: false, reconciling: null }
  if (first === 'asset' && second) return { ...plain, tab: 'holdings', asset: second }
  if (first === 'transactions') return { ...plain, tab: 'transactions', onlyMissing: second === 'missing' }
  if (first === 'import') return { ...plain, tab: 'import' }
  if (first === 'connections') {
    const exchange = second === 'reconcile' ? exchangeIdSchema.safeParse(third) : null
    return { ...plain, tab: 'connections', reconciling: exchange?.success ? exchange.data : null }
  }
  return { ...plain, tab: 'holdings' }
}

export function PortfolioPage() {
  const [, , rest] = useRoute()
  const { tab, asset, onlyMissing, reconciling } = viewOf(rest)
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
          <p>
            Your holdings stay on this computer. Import an exchange export, connect an exchange with a read-only key, or
            enter what you hold by hand.
          </p>
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => go('portfolio', 'import')}>
              Import a CSV export
            </button>
            <button type="button" onClick={() => go('portfolio', 'connections')}>
              Connect an exchange
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
      {tab === 'connections' ? (
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <ConnectionsView
            reconciling={reconciling}
            onReconcile={(exchange) =>
              go('portfolio', ...(exchange ? ['connections', 'reconcile', exchange] : ['connections']))
            }
          />
        </Suspense>
      ) : null}
    </div>
  )
}
