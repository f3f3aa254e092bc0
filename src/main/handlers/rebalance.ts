import type { Services } from '../core/services'
import type { HandlerMap } from '../rpc/types'

type RebalanceHandlers = Pick<
  HandlerMap,
  | 'rebalance:get-targets'
  | 'rebalance:set-targets'
  | 'rebalance:get-hints'
  | 'rebalance:list-alerts'
  | 'rebalance:check-alerts'
  | 'rebalance:run-backtest'
>

export function createRebalanceHandlers(services: Services): RebalanceHandlers {
  // Built now, not on first call, so the alert check follows index and portfolio changes from the start.
  const rebalance = services.rebalance
  return {
    'rebalance:get-targets': () => rebalance.getTargets(),
    'rebalance:set-targets': ({ regime, targets }) => rebalance.setTargets(regime, targets),
    'rebalance:get-hints': (input) => rebalance.getHints(input ?? {}),
    'rebalance:list-alerts': (input) => rebalance.listAlerts(input?.limit),
    'rebalance:check-alerts': () => rebalance.checkAlerts(),
    'rebalance:run-backtest': (input) => rebalance.runBacktest(input ?? {})
  }
}
