import type { Database } from 'better-sqlite3'
import type { CoinPage } from '../../shared/contract/coins'
import type { AssetDetail } from '../../shared/contract/reports'
import type { MarketReads } from '../market/market-reads'
import type { Clock, Logger } from '../ports/deps'
import type { EventBus } from '../ports/events'
import type { SettingsService } from '../ports/settings-service'
import type { SeasonService } from '../season/season-service'
import { AppError } from '../../shared/errors'
import { createDebounce } from '../ports/debounce'
import { coinPage } from './coin-page'
import type { CoinPageInput } from './coin-page'
import { createCoinsRepo } from './coins-repo'
import { createPriceAlerts } from './price-alert-service'
import { MAX_WATCHED, readWatchlist } from './watchlist'

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
  const { market, clock, events, settings, log } = deps
  const repo = createCoinsRepo(deps.db)
  const alerts = createPriceAlerts({ market, repo, clock, events, settings })
  return {
    page: (input: CoinPageInput): CoinPage => coinPage(deps, input),
    watchlist: () => readWatchlist(market, repo, settings.get().defaultWindow),
    watch(coinId: string) {
      if (market.coin(coinId) === null)
        throw new AppError('NOT_FOUND', `No coin "${coinId}" is stored: run a sync or pick a coin from the search.`)
      if (!repo.isWatched(coinId) && repo.watchCount() >= MAX_WATCHED)
        throw new AppError('CONFLICT', `The watchlist holds at most ${MAX_WATCHED} coins: remove one first.`)
      const added = repo.watch(coinId, clock.now())
      if (added) events.changed('watchlist')
      return { added }
    },
    unwatch(coinId: string) {
      const removed = repo.unwatch(coinId)
      if (removed) events.changed('watchlist')
      return { removed }
    },
    alerts,
    /**
     * Evaluates the price alerts after each sync this process runs, not after each of its writes.
     * Returns the stop function.
     */
    watchAlerts(): () => void {
      const debounce = createDebounce(alerts.check, 0, (error) =>
        log.warn('price alert check failed', { error: String(error) })
      )
      let running = false
      let enabled = settings.get().priceAlertsEnabled
      const stops = [
        events.on('sync:state', (state) => {
          if (running && !state.running) debounce.schedule()
          running = state.running
        }),
        events.on('data:changed', ({ topics }) => {
          if (!topics.includes('settings')) return
          // Turning alerts on starts from what the prices are now: no report of crossings made while off.
          const now = settings.get().priceAlertsEnabled
          if (now && !enabled) alerts.rebaseline()
          enabled = now
        })
      ]
      return () => {
        for (const stop of stops) stop()
        debounce.stop()
      }
    }
  }
}

export type CoinsService = ReturnType<typeof createCoinsService>
