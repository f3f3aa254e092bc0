import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import type { Runtime } from '../../shared/contract'
import { createCoinsService } from '../coins/coins-service'
import { dailyBackup } from '../db/backups'
import { DATABASE_FILE, openDatabase } from '../db/connection'
import { schemaVersionOf } from '../db/migrate'
import { createHandlers } from '../handlers'
import { createConnectionsService } from '../exchanges/connections-service'
import type { ExchangeTuning } from '../exchanges/connections-service'
import { createCandleStore } from '../market/candle-store'
import { createMarketStore } from '../market/market-store'
import { createCandleService } from '../market/provider-candles'
import { createSyncService } from '../market/sync-service'
import type { SyncServiceDeps } from '../market/sync-service'
import { createPortfolioService } from '../portfolio/portfolio-service'
import { createRebalanceService } from '../portfolio/rebalance/rebalance-service'
import { createDispatch } from '../rpc/dispatch'
import type { Dispatch } from '../rpc/dispatch'
import type { HandlerMap } from '../rpc/types'
import { createSeasonService } from '../season/season-service'
import { memorySecrets, silentLogger, systemClock } from '../ports/deps'
import type { Clock, Logger, SecretStore } from '../ports/deps'
import { createEventBus } from '../ports/events'
import { exchangeKeysInSecrets } from '../ports/exchange-keys'
import type { ExchangeKeyStore } from '../ports/exchange-keys'
import type { EventBus } from '../ports/events'
import type { Services } from './services'
import { createSettingsService } from '../ports/settings-service'
import { createUpdateChecker } from '../updates/update-check'
import { APP_VERSION } from './version'

export interface CoreOptions {
  dataDir: string
  runtime: Runtime
  fetch?: typeof fetch
  clock?: Clock
  log?: Logger
  secrets?: SecretStore
  /** For stores that keep their ciphertext in the database (the desktop app's keychain store). */
  secretsFromDb?: (db: Database) => SecretStore
  openExternal?: (url: string) => Promise<boolean>
  /** Saves the window as it prints to a PDF the user picks; the path, or null when cancelled (desktop only). */
  savePdf?: (fileName: string) => Promise<string | null>
  /** Where exchange keys live; by default the same store as the provider key (safeStorage in the desktop app). */
  exchangeKeys?: ExchangeKeyStore
  /** Exchange request timing (timeouts, retries, pacing); tests shorten them. */
  exchangeTuning?: Partial<ExchangeTuning>
  /** Read for SEASONWATCH_<EXCHANGE>_URL and, without a keyring, the exchange keys; process.env by default. */
  env?: NodeJS.ProcessEnv
  /** Use ':memory:' in tests that need no file. */
  databasePath?: string
  /** The market data provider's base URL; defaults to env SEASONWATCH_PROVIDER_URL, else the settings. */
  providerUrl?: string
  /** The CoinGecko plan of the key (public, demo, pro); defaults to env SEASONWATCH_API_TIER, else the settings. */
  providerTier?: string
  /** The releases API the update check asks; defaults to env SEASONWATCH_RELEASES_URL (loopback only, for tests), else GitHub's. */
  updatesUrl?: string
  /** Sync tuning (timeouts, retry pacing, lock and scheduler timing); tests shorten them. */
  sync?: Pick<SyncServiceDeps, 'clientTuning' | 'lock' | 'scheduler' | 'heartbeatMs' | 'settle'>
}

/** The first daily-backup check waits until the app has settled after starting. */
const BACKUP_START_DELAY_MS = 10_000
/** Connected exchanges are synced every few hours next to the market data (and on demand). */
const EXCHANGE_SYNC_INTERVAL_MS = 6 * 3_600_000

export interface StartOptions {
  /** Run the market data sync on the settings' schedule (the desktop app and `serve` do). */
  syncSchedule: boolean
}

export interface Core {
  readonly runtime: Runtime
  readonly services: Services
  readonly handlers: HandlerMap
  readonly events: EventBus
  /** Calls a channel the way a window does: validated input, envelope out. */
  readonly dispatch: Dispatch
  /**
   * Starts what runs in the background of a long-lived process: the index following the market,
   * the alert check following what it reads, the ledger replayed ahead of the next read, and (when
   * asked) the sync schedule. One-shot
   * commands never call it. Closing the core stops them.
   */
  start(options: StartOptions): void
  close(): void
}

/**
 * Builds the core the desktop app, the command line and browser mode all share, in dependency
 * order: each service is a plain value built from the ones before it. It never imports electron:
 * whatever differs between runtimes comes in through the options. Building starts nothing.
 */
export function createCore(options: CoreOptions): Core {
  const log = options.log ?? silentLogger
  const clock = options.clock ?? systemClock
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis)
  const databasePath = options.databasePath ?? join(options.dataDir, DATABASE_FILE)
  const db = openDatabase(databasePath, { now: () => clock.now() })
  const events = createEventBus((error) => log.error('event listener failed', { error: String(error) }))
  const secrets = options.secretsFromDb?.(db) ?? options.secrets ?? memorySecrets()
  // The settings guard the key: a change of the provider's host removes it (DESIGN §4).
  const settings = createSettingsService(db, clock, events, secrets)
  const market = createMarketStore(db)
  const season = createSeasonService({ db, market, clock, log, events, settings })
  const portfolio = createPortfolioService({ db, market, clock, log, events, settings, season })
  const sync = createSyncService({
    db,
    market,
    clock,
    log,
    events,
    fetch: fetchImpl,
    secrets,
    settings,
    heldCoins: portfolio.heldCoins,
    providerUrl: options.providerUrl ?? process.env.SEASONWATCH_PROVIDER_URL,
    providerTier: options.providerTier ?? process.env.SEASONWATCH_API_TIER,
    runtime: options.runtime,
    ...options.sync
  })
  const rebalance = createRebalanceService({ db, market, clock, log, events, settings, season, portfolio })
  const updatesUrl = options.updatesUrl ?? process.env.SEASONWATCH_RELEASES_URL
  const updates = createUpdateChecker({
    fetch: fetchImpl,
    version: APP_VERSION,
    now: () => clock.now(),
    enabled: () => settings.get().checkForUpdates,
    log,
    ...(updatesUrl ? { url: updatesUrl } : {})
  })
  const coins = createCoinsService({
    db,
    market,
    clock,
    log,
    events,
    settings,
    season,
    asset: (coinId) => portfolio.findAsset(coinId)
  })
  const env = options.env ?? process.env
  const connections = createConnectionsService({
    db,
    market,
    clock,
    log,
    events,
    keys: options.exchangeKeys ?? exchangeKeysInSecrets(secrets, env),
    fetch: fetchImpl,
    env,
    ...(options.exchangeTuning ? { tuning: options.exchangeTuning } : {})
  })
  const candles = createCandleService({
    store: createCandleStore(db),
    clock,
    log,
    known: (coinId) => market.coin(coinId) !== null,
    open: sync.requestClient
  })
  const services: Services = {
    version: APP_VERSION,
    dataDir: options.dataDir,
    databasePath,
    db,
    clock,
    log,
    secrets,
    events,
    settings,
    market,
    sync,
    season,
    portfolio,
    rebalance,
    updates,
    coins,
    connections,
    candles,
    schemaVersion: () => schemaVersionOf(db),
    openExternal: options.openExternal ?? (async () => false),
    savePdf: options.savePdf ?? null
  }
  const handlers = createHandlers(services)
  const dispatch = createDispatch(handlers, log)
  const stops: (() => void)[] = []
  /** A daily backup, checked shortly after start and then every hour; kept for a week (db/backups.ts). */
  const dailyBackups = () => {
    if (databasePath === ':memory:') return () => {}
    const check = () => {
      try {
        if (dailyBackup(db, databasePath, clock.now())) events.changed('backups')
      } catch (error) {
        log.warn('daily backup failed', { error: String(error) })
      }
    }
    const first = setTimeout(check, BACKUP_START_DELAY_MS)
    const hourly = setInterval(check, 3_600_000)
    first.unref?.()
    hourly.unref?.()
    return () => {
      clearTimeout(first)
      clearInterval(hourly)
    }
  }
  let closed = false
  return {
    runtime: options.runtime,
    services,
    handlers,
    events,
    dispatch,
    start({ syncSchedule }) {
      if (closed || stops.length > 0) return
      stops.push(season.watch(), rebalance.watchAlerts(), coins.watchAlerts(), portfolio.watchLedger(), dailyBackups())
      if (syncSchedule) stops.push(sync.startScheduler(), connections.startSchedule(EXCHANGE_SYNC_INTERVAL_MS))
    },
    close() {
      if (closed) return
      closed = true
      for (const stop of stops.splice(0)) stop()
      sync.stop()
      db.close()
    }
  }
}
