import type { Regime } from '@shared/domain'
import { useState } from 'react'
import { AlertsPanel } from './AlertsPanel'
import { BacktestPanel } from './BacktestPanel'
import { HintsPanel } from './HintsPanel'
import { RebalanceSettings } from './RebalanceSettings'
import { TargetsEditor } from './TargetsEditor'
import './rebalance.css'

export function RebalancePage() {
  const [regime, setRegime] = useState<Regime | null>(null)
  return (
    <div className="page rebalance-page" data-testid="page-rebalance">
      <h1>Rebalance</h1>
      <p className="disclaimer" role="note" data-testid="not-advice">
        Not investment advice. Hints are arithmetic on the targets you set, using cached prices and the index as of the
        dates shown. Check prices, fees and taxes before you trade.
      </p>
      <HintsPanel onRegime={setRegime} />
      <TargetsEditor current={regime} />
      <RebalanceSettings />
      <AlertsPanel />
      <BacktestPanel />
    </div>
  )
}
