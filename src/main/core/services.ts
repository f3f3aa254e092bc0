import type { Database } from 'better-sqlite3'
import type { CoinsService } from '../coins/coins-service'
import type { Clock, Logger, SecretStore } from '../ports/deps'
import type { EventBus } from '../ports/events'
import type { PortfolioService } from '../portfolio/portfolio-service'
import type { RebalanceService } from '../portfolio/rebalance/rebalance-service'
import type { SeasonService } from '../season/season-service'
import type { ConnectionsService } from '../exchanges/connections-service'
import type { MarketStore } from '../market/market-store'
import type { SyncService } from '../market/sync-service'
import type { CandleService } from '../market/provider-candles'
import type { SettingsService } from '../ports/settings-service'
import type { UpdateChecker } from '../updates/update-check'

/** The services a handler may use. Each domain adds its own entry here and builds it in createCore. */
export interface Services {
  version: string
  dataDir: string
  databasePath: string
  db: Database
  clock: Clock
  log: Logger
  secrets: SecretStore
  events: EventBus
  settings: SettingsService
  /** Reads and writes of the stored market: coins, categories, daily values, the as-of rule. */
  market: MarketStore
  /** Market data sync: runs, cancels and schedules syncs with the provider; reports their state. */
  sync: SyncService
  /** The Altcoin Season Index: history of every variant, one date's breakdown, dominance. */
  season: SeasonService
  /** The user's holdings: transactions, CSV import, cost basis, valuation from stored prices. */
  portfolio: PortfolioService
  /** Rebalancing hints by regime, alerts and the backtest over the stored history. */
  rebalance: RebalanceService
  /** Whether a newer version is published (asks GitHub only while the setting is on). */
  updates: UpdateChecker
  /** Coin pages, the watchlist and price alerts. */
  coins: CoinsService
  /** Exchange connections: read-only keys, incremental sync into the ledger, reconciliation. */
  connections: ConnectionsService
  /** The coin page's daily candles, fetched on demand and cached. */
  candles: CandleService
  schemaVersion(): number
  /** Opens an allow-listed link outside the app; false where the runtime cannot (the browser does it itself). */
  openExternal(url: string): Promise<boolean>
  /** Saves the window as it prints to a PDF; null where the runtime has no window to print (browser mode, CLI). */
  savePdf: ((fileName: string) => Promise<string | null>) | null
}
