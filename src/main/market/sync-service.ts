import { randomUUID } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import type { Runtime } from '../../shared/contract'
import type { HeldHistory, SyncPhase, SyncProgress, SyncState } from '../../shared/contract/sync'
import { dayOfTimestamp, isoDateOfDay } from '../../shared/dates'
import { AppError } from '../../shared/errors'
import { providerAddressProblem, providerTierSchema } from '../../shared/provider-address'
import type { ProviderTier } from '../../shared/provider-address'
import type { Clock, Logger, SecretStore } from '../ports/deps'
import type { EventBus } from '../ports/events'
import type { SettingsService } from '../ports/settings-service'
import { heldHistoryReport } from './history-reach'
import type { HeldCoin } from './history-reach'
import type { MarketStore } from './market-store'
import { createProviderClient, providerEndpoint } from './provider-client'
import type { ProviderClientOptions, RequestStats } from './provider-client'
import { describeRefusal } from './provider-refusal'
import type { RefusalContext } from './provider-refusal'
import { createRequestBudget } from './rate-budget'
import type { WaitListener } from './rate-budget'
import { createSyncLock } from './sync-lock'
import type { LockOptions } from './sync-lock'
import { createSyncRuns } from './sync-runs'
import { emptyOutcome, runSync } from './sync-run'
import { createSyncScheduler } from './sync-scheduler'
import type { SchedulerOptions } from './sync-scheduler'
import type { SyncRunOptions, SyncSummary } from './sync-types'

export type { SyncRunOptions, SyncSummary }

export interface SyncService {
  /** Runs one sync and resolves with its summary; rejects with BUSY when a sync already runs anywhere. */
  run(options?: SyncRunOptions): Promise<SyncSummary>
  /** Starts a sync in the background unless one runs; answers whether this call started it. */
  start(options?: SyncRunOptions): boolean
  cancel(): boolean
  getState(): SyncState
  /** The coins held or once held, and those needing older prices than the tier serves (as of now). */
  heldHistory(): HeldHistory
  /** Starts the background schedule; returns its stop function. */
  startScheduler(): () => void
  /** Stops the schedule and cancels a running sync (app quit). */
  stop(): void
}

export interface SyncServiceDeps {
  db: Database
  market: MarketStore
  clock: Clock
  log: Logger
  fetch: typeof fetch
  secrets: SecretStore
  events: EventBus
  settings: SettingsService
  /**
   * The coins the user holds or held, each with the UTC day of its first transaction: the sync
   * keeps their daily history back to that day (the portfolio's, passed in by the composition root).
   */
  heldCoins?: () => readonly HeldCoin[]
  /** SEASONWATCH_PROVIDER_URL: wins over the setting, loses to a run's own providerUrl. */
  providerUrl?: string | undefined
  /** SEASONWATCH_API_TIER (public, demo or pro): wins over the setting, loses to a run's own tier. */
  providerTier?: string | undefined
  /** Which runtime this is, for the words of a refused key (Settings, or --tier on the command line). */
  runtime?: Runtime
  /** Timeouts and retry pacing; tests shorten them. */
  clientTuning?: Partial<
    Pick<
      ProviderClientOptions,
      'timeoutMs' | 'maxAttempts' | 'backoffBaseMs' | 'backoffMaxMs' | 'defaultRetryAfterMs' | 'maxRetryAfterMs'
    >
  >
  lock?: LockOptions
  scheduler?: Partial<SchedulerOptions>
  heartbeatMs?: number
}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  const { db, clock, log, events } = deps
  const repo = deps.market
  const runs = createSyncRuns(db)
  const lock = createSyncLock(db, { now: () => clock.now(), ...deps.lock })
  // One budget for every provider call this process makes.
  // Its rate is set from the settings (or the run's options) when each run starts. The budget and
  // the client's waits run on real elapsed time, not on the injected calendar clock.
  const budget = createRequestBudget({ perMinute: 0 })
  let controller: AbortController | null = null
  let progress: SyncProgress | null = null
  let online = true

  function getState(): SyncState {
    const totals = repo.totals()
    return {
      running: controller !== null,
      progress,
      lastSuccessAt: runs.lastSuccessAt(),
      lastAttemptAt: runs.lastAttemptAt(),
      lastError: runs.lastError(),
      nextRunAt: scheduler.nextRunAt(),
      online,
      coinsTracked: totals.coinsTracked,
      daysStored: totals.daysStored,
      dataAsOf: totals.dataAsOf === null ? null : isoDateOfDay(totals.dataAsOf)
    }
  }
  const emitState = () => events.emit('sync:state', getState())
  const heldCoins = () => deps.heldCoins?.() ?? []

  async function run(options: SyncRunOptions = {}): Promise<SyncSummary> {
    if (controller) throw new AppError('BUSY', 'A sync is already running.')
    const settings = deps.settings.get()
    const coins = checkInt('coins', options.coins ?? settings.trackedCoins, 1, 10_000)
    const historyDays = checkInt('history days', options.historyDays ?? settings.historyDays, 1, 36_500)
    const maxRpm = checkInt('requests per minute', options.maxRpm ?? settings.maxRequestsPerMinute, 0, 100_000)
    const tier = tierOf(options.tier, deps.providerTier, settings.providerTier)
    const apiKey = deps.secrets.get('provider-api-key')
    const endpoint = providerEndpoint(tier, apiKey, options.providerUrl || deps.providerUrl || settings.providerUrl)
    const refusal: RefusalContext = {
      tier,
      keySet: apiKey !== null,
      runtime: deps.runtime ?? 'electron',
      keyFromEnv: deps.secrets.backend === 'env'
    }
    const addressProblem = providerAddressProblem(endpoint.baseUrl)
    if (addressProblem) {
      throw new AppError('VALIDATION', `The provider address ${endpoint.baseUrl.slice(0, 200)} ${addressProblem}.`)
    }
    const acquired = lock.tryAcquire()
    if (!acquired.acquired) {
      throw new AppError(
        'BUSY',
        `Another Seasonwatch process (pid ${acquired.holder.pid}) is syncing this data folder; try again when it has finished.`
      )
    }
    const ownController = new AbortController()
    controller = ownController
    const runId = randomUUID()
    const startedAt = clock.now()
    const held = heldCoins()
    const heldReport = heldHistoryReport(held, tier, dayOfTimestamp(startedAt))
    budget.setRate(maxRpm)
    const beat = setInterval(() => lock.heartbeat(), deps.heartbeatMs ?? 15_000)
    beat.unref?.()
    let stats: RequestStats = { requests: 0, statusCounts: {}, byEndpoint: {} }
    let status: SyncSummary['status'] = 'succeeded'
    let error: SyncSummary['error'] = null
    const outcome = emptyOutcome()
    try {
      if (acquired.takenOver) {
        log.warn('took over the sync lock from a process that stopped', { pid: acquired.takenOver.pid })
        runs.markInterrupted(runId, startedAt)
      }
      runs.start(runId, startedAt)
      progress = { runId, phase: 'markets', done: 0, total: 0, currentCoin: null, waiting: null, startedAt }
      emitState()
      const report = (next: SyncProgress) => {
        progress = next
        events.emit('sync:progress', next)
        options.onProgress?.(next)
      }
      const onWait: WaitListener = (waiting) => {
        if (progress) report({ ...progress, waiting })
      }
      const client = createProviderClient({
        baseUrl: endpoint.baseUrl,
        headers: endpoint.headers,
        fetch: deps.fetch,
        budget,
        log,
        describeRefusal: (path, code) => describeRefusal(path, code, refusal),
        ...deps.clientTuning
      })
      stats = client.stats
      await runSync(
        {
          repo,
          client,
          now: () => clock.now(),
          signal: ownController.signal,
          log,
          onWait,
          heartbeat: () => lock.heartbeat(),
          progress: (phase: SyncPhase, done: number, total: number, currentCoin: string | null = null) =>
            report({ runId, phase, done, total, currentCoin, waiting: null, startedAt })
        },
        { coins, historyDays, tier, held },
        outcome
      )
      if (outcome.problems.length > 0) {
        status = 'failed'
        const first = outcome.problems[0] ?? ''
        const more = outcome.problems.length > 1 ? ` (and ${outcome.problems.length - 1} more problems)` : ''
        error = {
          code: 'INTERNAL',
          message: `The sync finished, but some data could not be fetched: ${first}${more}. The next sync tries again.`
        }
      }
      online = true
    } catch (caught) {
      const appError =
        caught instanceof AppError ? caught : new AppError('INTERNAL', `The sync failed: ${(caught as Error).message}`)
      if (!(caught instanceof AppError))
        log.error('sync failed unexpectedly', { error: String(caught), stack: (caught as Error).stack })
      status = appError.code === 'CANCELLED' ? 'cancelled' : 'failed'
      error = appError.toShape()
      if (appError.code === 'OFFLINE') online = false
    } finally {
      clearInterval(beat)
      controller = null
      progress = null
    }
    const totals = repo.totals()
    const summary: SyncSummary = {
      runId,
      status,
      error,
      providerUrl: endpoint.baseUrl,
      requests: stats.requests,
      statusCounts: { ...stats.statusCounts },
      requestsByEndpoint: { ...stats.byEndpoint },
      coinsTracked: totals.coinsTracked,
      coinsListed: outcome.coinsListed,
      historyFetched: outcome.historyFetched,
      missing: outcome.missing,
      problems: outcome.problems,
      daysStored: totals.daysStored,
      valuesStored: totals.valuesStored,
      valuesWritten: outcome.valuesWritten,
      heldCoins: heldReport,
      dataAsOf: totals.dataAsOf === null ? null : isoDateOfDay(totals.dataAsOf),
      durationMs: clock.now() - startedAt
    }
    try {
      runs.finish(runId, clock.now(), status, error, summary)
    } finally {
      lock.release()
    }
    events.changed('market')
    emitState()
    return summary
  }

  const scheduler = createSyncScheduler({
    run: () => run(),
    isRunning: () => controller !== null,
    intervalMinutes: () => deps.settings.get().syncIntervalMinutes,
    lastSuccessAt: () => runs.lastSuccessAt(),
    now: () => clock.now(),
    log,
    onChange: emitState,
    ...deps.scheduler
  })

  return {
    run,
    start(options) {
      if (controller) return false
      try {
        // run() checks the lock synchronously before its first await, so a BUSY shows here.
        const pending = run(options)
        pending.catch((e: unknown) => log.warn('background sync did not run', { error: String(e) }))
        return controller !== null
      } catch {
        return false
      }
    },
    cancel() {
      if (!controller) return false
      controller.abort()
      return true
    },
    getState,
    heldHistory: () => {
      const setting = deps.settings.get().providerTier
      let tier = setting
      try {
        tier = tierOf(undefined, deps.providerTier, setting)
      } catch {
        // A malformed SEASONWATCH_API_TIER is the run's to refuse; this report keeps the setting.
      }
      return heldHistoryReport(heldCoins(), tier, dayOfTimestamp(clock.now()))
    },
    /** Syncs on the settings' interval; a settings change reschedules it. Returns the stop function. */
    startScheduler() {
      scheduler.start()
      const unsubscribe = events.on('settings:changed', () => scheduler.reschedule())
      return () => {
        unsubscribe()
        scheduler.stop()
      }
    },
    stop() {
      scheduler.stop()
      controller?.abort()
    }
  }
}

/** The tier a run uses: its own, else SEASONWATCH_API_TIER, else the settings'. */
function tierOf(own: ProviderTier | undefined, envTier: string | undefined, setting: ProviderTier): ProviderTier {
  if (own) return own
  const fromEnv = envTier?.trim()
  if (!fromEnv) return setting
  const parsed = providerTierSchema.safeParse(fromEnv)
  if (!parsed.success)
    throw new AppError('VALIDATION', `SEASONWATCH_API_TIER must be public, demo or pro, not "${fromEnv.slice(0, 40)}".`)
  return parsed.data
}

function checkInt(what: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AppError(
      'VALIDATION',
      `The number of ${what} must be a whole number from ${min} to ${max}, not ${value}.`
    )
  }
  return value
}
