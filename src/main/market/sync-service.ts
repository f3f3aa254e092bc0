import { randomUUID } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import type { Runtime } from '../../shared/contract'
import type { HeldHistory, ProviderInUse, SyncPhase, SyncProgress, SyncState } from '../../shared/contract/sync'
import { dayOfTimestamp, isoDateOfDay } from '../../shared/dates'
import { AppError } from '../../shared/errors'
import { providerAddressProblem, tierBaseUrl } from '../../shared/provider-address'
import type { ProviderTier } from '../../shared/provider-address'
import { isBusyError } from '../db/busy'
import type { Clock, Logger, SecretStore } from '../ports/deps'
import type { EventBus } from '../ports/events'
import type { SettingsService } from '../ports/settings-service'
import { heldHistoryReport } from './history-reach'
import type { HeldCoin } from './history-reach'
import type { MarketStore } from './market-store'
import { createProviderClient, providerEndpoint } from './provider-client'
import type { ProviderClient, ProviderClientOptions, RequestStats } from './provider-client'
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
import { createSettler } from './sync-settle'
import { asAppError, busyToStart, checkRunOptions, heldElsewhere, tierOf } from './sync-start'
import type { SettleOptions } from './sync-settle'
import type { SyncRunOptions, SyncSummary } from './sync-types'

export type { SyncRunOptions, SyncSummary }

export interface SyncService {
  /** Runs one sync and resolves with its summary; rejects with BUSY when a sync already runs anywhere. */
  run(options?: SyncRunOptions): Promise<SyncSummary>
  /** Starts a sync in the background unless one runs; answers whether this call started it, and if not, why. */
  start(options?: SyncRunOptions): { started: boolean; reason: string | null }
  cancel(): boolean
  getState(): SyncState
  /** The coins held or once held, and those needing older prices than the tier serves (as of now). */
  heldHistory(): HeldHistory
  /** The provider address the next run uses, and where it comes from (the environment wins). */
  providerInUse(): ProviderInUse
  /** Starts the background schedule; returns its stop function. */
  startScheduler(): () => void
  /** Stops the schedule and cancels a running sync (app quit). */
  stop(): void
  /**
   * A client for a request the window asks for (the coin page's candles), drawing on the same
   * request budget, key, plan and address as the sync, and the plan in use. Two attempts at most:
   * a person is waiting.
   */
  requestClient(): { tier: ProviderTier; client(): ProviderClient }
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
  /** Retry pacing of the run's closing record when the database is busy; tests shorten it. */
  settle?: Partial<SettleOptions>
}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  const { db, clock, log, events } = deps
  const repo = deps.market
  const runs = createSyncRuns(db)
  const lock = createSyncLock(db, { now: () => clock.now(), log, ...deps.lock })
  const settler = createSettler(db, log, deps.settle)
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
      lastOutcome: runs.lastOutcome(),
      coinsWithHistory: totals.coinsWithHistory,
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

  /**
   * Everything a run checks before it starts, synchronously, so that `start` can say why it did
   * not: the options, the provider address, a record of the last run still waiting to be written,
   * and the lock. Nothing is written unless all of them pass.
   */
  function begin(options: SyncRunOptions) {
    if (controller) throw new AppError('BUSY', 'A sync is already running here.')
    const settings = deps.settings.get()
    const { coins, historyDays, maxRpm, tier } = checkRunOptions(options, settings, deps.providerTier)
    const apiKey = deps.secrets.get('provider-api-key')
    const endpoint = providerEndpoint(tier, apiKey, options.providerUrl || deps.providerUrl || settings.providerUrl)
    const addressProblem = providerAddressProblem(endpoint.baseUrl)
    if (addressProblem) {
      throw new AppError('VALIDATION', `The provider address ${endpoint.baseUrl.slice(0, 200)} ${addressProblem}.`)
    }
    // The last run's record first: until it is written, its lock row is still this process's.
    if (!settler.flush()) throw busyToStart()
    let acquired: ReturnType<typeof lock.tryAcquire>
    try {
      acquired = lock.tryAcquire()
    } catch (error) {
      throw isBusyError(error) ? busyToStart() : error
    }
    if (!acquired.acquired) throw heldElsewhere(acquired.holder)
    const refusal: RefusalContext = {
      tier,
      keySet: apiKey !== null,
      runtime: deps.runtime ?? 'electron',
      keyFromEnv: deps.secrets.backend === 'env'
    }
    return { coins, historyDays, maxRpm, tier, endpoint, takenOver: acquired.takenOver, refusal }
  }

  async function execute(plan: ReturnType<typeof begin>, options: SyncRunOptions): Promise<SyncSummary> {
    const { coins, historyDays, maxRpm, tier, endpoint } = plan
    const ownController = new AbortController()
    controller = ownController
    const runId = randomUUID()
    const startedAt = clock.now()
    budget.setRate(maxRpm)
    const beat = setInterval(() => lock.heartbeat(), deps.heartbeatMs ?? 15_000)
    beat.unref?.()
    let stats: RequestStats = { requests: 0, statusCounts: {}, byEndpoint: {} }
    let status: SyncSummary['status'] = 'succeeded'
    let error: SyncSummary['error'] = null
    let held: readonly HeldCoin[] = []
    const outcome = emptyOutcome()
    try {
      if (plan.takenOver) log.warn('took over the sync lock from a process that stopped', { pid: plan.takenOver.pid })
      // Holding the lock, no other run can be going: any still marked running was cut short.
      runs.markInterrupted(runId, startedAt)
      runs.start(runId, startedAt)
      held = heldCoins()
      progress = { runId, phase: 'markets', done: 0, total: 0, currentCoin: null, waiting: null, startedAt }
      // A new run has not tried the provider yet: an earlier run's "offline" is not this one's. Its
      // first attempt says (a refused connection within moments, an answer when it comes).
      online = true
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
        describeRefusal: (path, code) => describeRefusal(path, code, plan.refusal),
        // Whether the provider can be reached is known at each attempt, not only when a run ends:
        // a refused connection says "offline" at once, and the first answer afterwards clears it.
        onReach: (reachable) => {
          if (reachable === online) return
          online = reachable
          emitState()
        },
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
    } catch (caught) {
      const appError = asAppError(caught)
      if (!(caught instanceof AppError) && !isBusyError(caught))
        log.error('sync failed unexpectedly', { error: String(caught), stack: (caught as Error).stack })
      status = appError.code === 'CANCELLED' ? 'cancelled' : 'failed'
      error = appError.toShape()
    } finally {
      // The heartbeat stops whatever happens next: a lock whose release cannot be written goes stale.
      clearInterval(beat)
    }
    const totals = totalsOrNone()
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
      heldCoins: heldHistoryReport(held, tier, dayOfTimestamp(startedAt)),
      dataAsOf: totals.dataAsOf === null ? null : isoDateOfDay(totals.dataAsOf),
      durationMs: clock.now() - startedAt
    }
    const finishedAt = clock.now()
    // The run's outcome and the lock's release in one record, written even if the database is busy
    // for a while; this process starts no other sync until it is.
    await settler.settle(() => {
      runs.finish(runId, finishedAt, status, error, summary)
      lock.release()
    })
    controller = null
    progress = null
    events.changed('market')
    emitState()
    return summary
  }

  function totalsOrNone() {
    try {
      return repo.totals()
    } catch (error) {
      log.warn('could not read the stored totals after the sync', { error: String(error) })
      return { coinsTracked: 0, coinsWithHistory: 0, daysStored: 0, valuesStored: 0, dataAsOf: null }
    }
  }

  const run = async (options: SyncRunOptions = {}) => execute(begin(options), options)

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
    start(options = {}) {
      let plan: ReturnType<typeof begin>
      try {
        plan = begin(options)
      } catch (error) {
        const reason = error instanceof AppError ? error.message : 'The sync could not start.'
        if (!(error instanceof AppError)) log.error('sync did not start', { error: String(error) })
        return { started: false, reason }
      }
      execute(plan, options).catch((e: unknown) => log.error('background sync failed', { error: String(e) }))
      return { started: true, reason: null }
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
    providerInUse: () => {
      const settings = deps.settings.get()
      if (deps.providerUrl) return { address: deps.providerUrl, source: 'environment' }
      if (settings.providerUrl.trim()) return { address: settings.providerUrl.trim(), source: 'settings' }
      return { address: tierBaseUrl(settings.providerTier), source: 'plan' }
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
    requestClient() {
      const settings = deps.settings.get()
      const tier = tierOf(undefined, deps.providerTier, settings.providerTier)
      const apiKey = deps.secrets.get('provider-api-key')
      const endpoint = providerEndpoint(tier, apiKey, deps.providerUrl || settings.providerUrl)
      // A running sync keeps the rate it started with (perhaps its own --max-rpm).
      if (!controller) budget.setRate(settings.maxRequestsPerMinute)
      const refusal: RefusalContext = {
        tier,
        keySet: apiKey !== null,
        runtime: deps.runtime ?? 'electron',
        keyFromEnv: deps.secrets.backend === 'env'
      }
      // Built when asked: a malformed address is then a refusal of that request, said in words.
      const client = () =>
        createProviderClient({
          baseUrl: endpoint.baseUrl,
          headers: endpoint.headers,
          fetch: deps.fetch,
          budget,
          log,
          describeRefusal: (path, code) => describeRefusal(path, code, refusal),
          ...deps.clientTuning,
          maxAttempts: Math.min(2, deps.clientTuning?.maxAttempts ?? 2)
        })
      return { tier, client }
    },
    stop() {
      scheduler.stop()
      controller?.abort()
      settler.stop()
    }
  }
}
