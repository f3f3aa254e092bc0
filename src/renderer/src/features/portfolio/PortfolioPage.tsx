import { useState } from 'react'
import type { CostMethod } from '@shared/contract/portfolio'
import { EmptyState } from '../../components/EmptyState'
import { useChannel, useChannelMutation } from '../../lib/query'
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

export function PortfolioPage() {
  const [tab, setTab] = useState<Tab>('holdings')
  const settings = useChannel('settings:get')
  const setSettings = useChannelMutation('settings:set')
  const count = useChannel('portfolio:list-transactions', { limit: 1 })
  const method: CostMethod = settings.data?.costBasisMethod ?? 'fifo'
  const empty = count.data?.total === 0

  return (
    <div className="page" data-testid="page-portfolio">
      <h1>Portfolio</h1>
      <div className="portfolio-tabs" role="tablist" aria-label="Portfolio views">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            data-testid={`portfolio-tab-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tab === 'holdings' && empty ? (
        <EmptyState title="No holdings yet" testId="portfolio-empty">
          <p>Your holdings stay on this computer. Import an exchange export, or enter what you hold by hand.</p>
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => setTab('import')}>
              Import a CSV export
            </button>
            <button type="button" onClick={() => setTab('transactions')}>
              Enter holdings by hand
            </button>
          </div>
        </EmptyState>
      ) : null}
      {tab === 'holdings' && !empty ? (
        <HoldingsView method={method} onMethod={(m) => setSettings.mutate({ costBasisMethod: m })} />
      ) : null}
      {tab === 'transactions' ? <TransactionsView /> : null}
      {tab === 'import' ? <ImportWizard onImported={() => undefined} /> : null}
    </div>
  )
}
