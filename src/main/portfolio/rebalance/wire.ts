import type { Database } from 'better-sqlite3'
import type { Settings } from '../../../shared/settings'
import type { Clock, Logger } from '../../core/deps'
import type { EventBus } from '../../core/events'
import { createRebalanceService } from './rebalance-service'
import type { RebalanceService } from './rebalance-service'
import type { CostMethod, PortfolioHolding, PortfolioLot, SeasonSource } from './sources'

/** The parts of the season service rebalancing reads (structural, so either side can grow). */
export interface SeasonLike {
  getHistory(input?: object): { points: { date: string; value: number }[] }
  getIndex(input?: { date?: string }): { coins: { id: string; rank: number }[] }
}

export interface PortfolioLike {
  holdings(method?: CostMethod): { asOf: string | null; holdings: PortfolioHolding[] }
  lots(method?: CostMethod): { lots: PortfolioLot[] }
}

export interface RebalanceWiring {
  db: Database
  clock: Clock
  log: Logger
  events: EventBus
  settings: { get(): Settings }
  /** Read on each call: the services are built next to this one. */
  season: () => SeasonLike
  portfolio: () => PortfolioLike
}

/** Builds the rebalance service over the core's season and portfolio services. */
export function createRebalanceForCore(wiring: RebalanceWiring): RebalanceService {
  const season: SeasonSource = {
    history: () => wiring.season().getHistory({}).points,
    rankedAltcoins(date) {
      try {
        return [...wiring.season().getIndex({ date }).coins].sort((a, b) => a.rank - b.rank).map((c) => c.id)
      } catch {
        // No breakdown for that date (not computable): hints then ask for altcoin weights.
        return []
      }
    }
  }
  return createRebalanceService({
    db: wiring.db,
    clock: wiring.clock,
    log: wiring.log,
    events: wiring.events,
    settings: wiring.settings,
    season,
    portfolio: {
      holdings: (method) => wiring.portfolio().holdings(method),
      lots: (method) => wiring.portfolio().lots(method).lots
    }
  })
}
