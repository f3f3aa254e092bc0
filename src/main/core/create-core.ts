import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import type { Runtime } from '../../shared/contract'
import { DATABASE_FILE, openDatabase } from '../db/connection'
import { schemaVersionOf } from '../db/migrate'
import { createHandlers } from '../handlers'
import { createDispatch } from '../rpc/dispatch'
import type { Dispatch } from '../rpc/dispatch'
import type { HandlerMap } from '../rpc/types'
import { createRebalanceForCore } from '../portfolio/rebalance/wire'
import { createSeasonService } from '../season/season-service'
import { createPortfolioService } from '../portfolio/portfolio-service'
import { systemClock, silentLogger, memorySecrets } from './deps'
import type { Clock, Logger, SecretStore } from './deps'
import { createEventBus } from './events'
import type { EventBus } from './events'
import type { Services } from './services'
import { createSettingsService } from './settings-service'
import { APP_VERSION } from './version'
import { createSyncService } from '../market/sync-service'
import type { SyncServiceDeps } from '../market/sync-service'

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
  /** Use ':memory:' in tests that need no file. */
  databasePath?: string
  /** The market data provider's base URL; defaults to env SEASONWATCH_PROVIDER_URL, else the settings. */
  providerUrl?: string
  /** Sync tuning (timeouts, retry pacing, lock and scheduler timing); tests shorten them. */
  sync?: Pick<SyncServiceDeps, 'clientTuning' | 'lock' | 'scheduler' | 'heartbeatMs'>
}

export interface Core {
  readonly runtime: Runtime
  readonly services: Services
  readonly handlers: HandlerMap
  readonly events: EventBus
  /** Calls a channel the way a window does: validated input, envelope out. */
  readonly dispatch: Dispatch
  close(): void
}

/**
 * Builds the core the desktop app, the command line and browser mode all share. It never imports
 * electron: whatever differs between runtimes comes in through the options.
 */
export function createCore(options: CoreOptions): Core {
  const log = options.log ?? silentLogger
  const clock = options.clock ?? systemClock
  const databasePath = options.databasePath ?? join(options.dataDir, DATABASE_FILE)
  const db = openDatabase(databasePath)
  const events = createEventBus((error) => log.error('event listener failed', { error: String(error) }))
  let rebalance: Services['rebalance'] | undefined
  // Built on first use: it reads the season service, which is built in the same literal.
  let portfolio: Services['portfolio'] | undefined
  const services: Services = {
    version: APP_VERSION,
    dataDir: options.dataDir,
    databasePath,
    db,
    clock,
    log,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    secrets: options.secretsFromDb?.(db) ?? options.secrets ?? memorySecrets(),
    events,
    settings: createSettingsService(db, clock, events),
    // Getters: the sync service reads these from the finished services object when it runs.
    sync: createSyncService({
      db,
      clock,
      log,
      events,
      providerUrl: options.providerUrl ?? process.env.SEASONWATCH_PROVIDER_URL,
      get fetch() {
        return services.fetch
      },
      get secrets() {
        return services.secrets
      },
      get settings() {
        return services.settings
      },
      ...options.sync
    }),
    season: createSeasonService({ db, clock, log, events, settings: { get: () => services.settings.get() } }),
    get portfolio() {
      return (portfolio ??= createPortfolioService({
        db,
        clock,
        events,
        settings: services.settings,
        season: services.season
      }))
    },
    get rebalance() {
      return (rebalance ??= createRebalanceForCore({
        db,
        clock,
        log,
        events,
        settings: services.settings,
        season: () => services.season,
        portfolio: () => services.portfolio
      }))
    },
    schemaVersion: () => schemaVersionOf(db),
    openExternal: options.openExternal ?? (async () => false)
  }
  const handlers = createHandlers(services)
  const dispatch = createDispatch(handlers, log)
  let closed = false
  return {
    runtime: options.runtime,
    services,
    handlers,
    events,
    dispatch,
    close() {
      if (closed) return
      closed = true
      services.sync.stop()
      services.season.dispose()
      rebalance?.dispose()
      db.close()
    }
  }
}
