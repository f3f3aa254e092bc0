import type { Database } from 'better-sqlite3'
import type { CoinPage } from '../../shared/contract/coins'
import type { AssetDetail } from '../../shared/contract/reports'
import type { MarketReads } from '../market/market-reads'
import type { Clock, Logger } from '../ports/deps'
import type { EventBus } from '../ports/events'
import type { SettingsService } from '../ports/settings-service'
import type { SeasonService } from '../season/season-service'
import { coinPage } from './coin-page'
import type { CoinPageInput } from './coin-page'

export interface CoinsDeps {
  db: Database
  market: MarketReads
  clock: Clock
  log: Logger
  events: EventBus
  settings: SettingsService
  season: SeasonService
  /** The portfolio's asset detail of one coin, or null when the user never held it. */
  asset(coinId: string): AssetDetail | null
}

/** Coin pages, the watchlist and price alerts: any coin's stored history, read offline. */
export function createCoinsService(deps: CoinsDeps) {
  return {
    page: (input: CoinPageInput): CoinPage => coinPage(deps, input)
  }
}

export type CoinsService = ReturnType<typeof createCoinsService>
