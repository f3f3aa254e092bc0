import type { Database } from 'better-sqlite3'
import type { Connection, ConnectionSyncResult } from '../../shared/contract/connections'
import { AppError } from '../../shared/errors'
import {
  exchangeAddressProblem,
  exchangeIds,
  exchangeInfo,
  keyIsReadOnly,
  maskedKey,
  secretText
} from '../../shared/exchanges'
import type { ExchangeId, KeyPermissions } from '../../shared/exchanges'
import type { MarketReads } from '../market/market-reads'
import type { Clock, Logger } from '../ports/deps'
import type { EventBus } from '../ports/events'
import type { ExchangeCredentials, ExchangeKeyStore } from '../ports/exchange-keys'
import type { ExchangeAdapter, Session } from './adapter-types'
import { adapters as builtIn } from './adapters'
import { createCcxtClient } from './ccxt-client'
import type { RequestMeter } from './guarded-fetch'
import * as repo from './connections-repo'
import type { ConnectionRow } from './connections-repo'
import { backoffMs, classify } from './exchange-errors'
import { reconcile, recordAdjustment } from './reconcile'
import { syncConnection } from './sync-connection'

export interface ExchangeTuning {
  timeoutMs: number
  /** Attempts per request for 429/5xx/timeouts before the sync stops with the error. */
  attempts: number
  backoffBaseMs: number
  /** ccxt's per-exchange request pacing; only benchmarks of the client alone turn it off. */
  rateLimit: boolean
}

export const defaultExchangeTuning: ExchangeTuning = {
  timeoutMs: 20_000,
  attempts: 5,
  backoffBaseMs: 1000,
  rateLimit: true
}

export interface ConnectionsDeps {
  db: Database
  market: MarketReads
  clock: Clock
  log: Logger
  events: EventBus
  keys: ExchangeKeyStore
  fetch: typeof fetch
  /** Where SEASONWATCH_<EXCHANGE>_URL is read from. */
  env: NodeJS.ProcessEnv
  tuning?: Partial<ExchangeTuning>
  adapters?: Partial<Record<ExchangeId, ExchangeAdapter>>
}

export type ConnectionsService = ReturnType<typeof createConnectionsService>

function permissionWords(p: KeyPermissions, exchange: ExchangeId, adapter?: ExchangeAdapter): string {
  if (!p.checked) {
    const label = exchangeInfo[exchange].label
    const rights = adapter?.readRights
    const read = p.read ? ' Seasonwatch checked that it can read.' : ''
    return rights
      ? `${label} cannot tell what a key may do.${read} A read-only ${label} key has only ${listed(rights)}: check on ${label}'s key page that nothing else is ticked.`
      : `${label} cannot tell what a key may do; check on its key page that it can only read.`
  }
  const can = [p.read ? 'read' : null, p.trade ? 'trade' : null, p.withdraw ? 'withdraw' : null].filter(Boolean)
  return can.length === 0 ? 'Can do nothing' : `Can ${can.join(', ')}`
}

/** "A", "B" and "C", each in quotes. */
function listed(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`)
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`
}

export function createConnectionsService(deps: ConnectionsDeps) {
  const { db, clock, log, events, keys } = deps
  const tuning = { ...defaultExchangeTuning, ...deps.tuning }
  const adapters = deps.adapters ?? builtIn
  const running = new Set<ExchangeId>()

  const adapterOf = (exchange: ExchangeId) => {
    const adapter = adapters[exchange]
    if (!adapter)
      throw new AppError(
        'VALIDATION',
        `Connecting ${exchangeInfo[exchange].label} is not available yet; import its CSV export instead.`
      )
    return adapter
  }

  /**
   * The address a key is sent to. When adding: the caller's, else the environment's, else the
   * exchange's own. Afterwards always the one the key was checked against: a key goes only to the
   * host it belongs to (DESIGN §4), so another address in the environment is refused, not followed.
   */
  const addressOf = (exchange: ExchangeId, given: string | null | undefined, stored: ConnectionRow | null) => {
    const label = exchangeInfo[exchange].label
    const fromEnv = deps.env[exchangeInfo[exchange].urlEnv]?.trim() || null
    if (stored !== null && given === undefined) {
      if (fromEnv !== null && fromEnv !== stored.apiUrl)
        throw new AppError(
          'VALIDATION',
          `The ${label} key was checked for ${stored.apiUrl ?? 'its own address'}, not ${fromEnv}; add the connection again to use that address.`
        )
      return stored.apiUrl
    }
    const address = given ?? fromEnv
    if (address === null) return null
    const problem = exchangeAddressProblem(address, exchangeInfo[exchange].apiHosts[0])
    if (problem) throw new AppError('VALIDATION', `The address for ${label} ${problem}.`)
    return address
  }

  async function open(exchange: ExchangeId, credentials: ExchangeCredentials, apiUrl: string | null): Promise<Session> {
    const adapter = adapterOf(exchange)
    const meter: RequestMeter = { requests: 0, retryAfterMs: null, lastStatus: null }
    const client = await createCcxtClient(exchange, credentials, {
      apiUrl,
      fetch: deps.fetch,
      meter,
      timeoutMs: tuning.timeoutMs,
      rateLimit: tuning.rateLimit
    })
    const call = async <T>(run: () => Promise<T>): Promise<T> => {
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await run()
        } catch (error) {
          const failure = classify(exchange, error, meter.lastStatus)
          if (!failure.retry) throw failure.error
          if (attempt + 1 >= tuning.attempts)
            throw new AppError(
              'OFFLINE',
              `${exchangeInfo[exchange].label} did not answer after ${tuning.attempts} tries; Seasonwatch will try again at the next sync.`
            )
          const wait = backoffMs(attempt, meter.retryAfterMs, tuning.backoffBaseMs)
          log.info('exchange request will be retried', { exchange, attempt: attempt + 1, waitMs: Math.round(wait) })
          await new Promise((resolve) => setTimeout(resolve, wait))
        }
      }
    }
    return { client, adapter, meter, call }
  }

  function toContract(row: ConnectionRow): Connection {
    return {
      exchange: row.exchange,
      label: exchangeInfo[row.exchange].label,
      apiUrl: row.apiUrl,
      keyMasked: maskedKey(row.keyHint),
      keyAvailable: keys.load(row.exchange) !== null,
      permissions: row.permissions,
      permissionWords: permissionWords(row.permissions, row.exchange, adapters[row.exchange]),
      overrideAt: row.overrideAt,
      createdAt: row.createdAt,
      lastSyncAt: row.lastSyncAt,
      lastSyncStatus: row.lastSyncStatus,
      lastError: row.lastError,
      lastUsedAt: row.lastUsedAt,
      requestCount: row.requestCount,
      keyPage: exchangeInfo[row.exchange].keyPage
    }
  }

  async function syncOne(exchange: ExchangeId): Promise<ConnectionSyncResult> {
    const row = repo.connectionOf(db, exchange)
    if (!row) throw new AppError('NOT_FOUND', `There is no ${exchangeInfo[exchange].label} connection.`)
    const credentials = keys.load(exchange)
    const label = exchangeInfo[exchange].label
    const fail = (error: AppError, requests = 0): ConnectionSyncResult => {
      repo.recordSyncOutcome(db, row.id, error.message, clock.now())
      events.changed('connections')
      return { exchange, ok: false, written: 0, duplicates: 0, pages: 0, requests, error: error.toShape() }
    }
    if (credentials === null)
      return fail(
        new AppError(
          'UNAUTHORIZED',
          keys.backend === 'env'
            ? `No ${label} key in the environment: set ${exchangeInfo[exchange].keyEnv} and ${exchangeInfo[exchange].secretEnv}.`
            : `The ${label} key is no longer stored; add the connection again.`
        )
      )
    if (running.has(exchange)) throw new AppError('BUSY', `${label} is already syncing.`)
    running.add(exchange)
    let session: Session | undefined
    try {
      session = await open(exchange, credentials, addressOf(exchange, undefined, row))
      const outcome = await syncConnection({ db, market: deps.market, clock, log, session, connection: row })
      repo.recordSyncOutcome(db, row.id, null, clock.now())
      events.changed('connections', 'portfolio')
      return { exchange, ok: true, ...outcome, requests: session.meter.requests, error: null }
    } catch (error) {
      const failure = classify(exchange, error, session?.meter.lastStatus ?? null)
      const appError = failure.retry ? new AppError('OFFLINE', `${label} could not be reached.`) : failure.error
      log.warn('exchange sync failed', { exchange, code: appError.code, message: appError.message })
      // What was written before the failure stays: each page landed with its cursor.
      events.changed('portfolio')
      return fail(appError, session?.meter.requests ?? 0)
    } finally {
      running.delete(exchange)
    }
  }

  return {
    keyStorage: () => ({ backend: keys.backend, writable: keys.writable, statement: keys.statement }),
    list: () => repo.listConnections(db).map(toContract),
    /** The exchanges that can be connected now (those with an adapter), in exchangeIds order. */
    connectable: () => exchangeIds.filter((id) => adapters[id] !== undefined),
    /**
     * Asks the exchange what the key may do before anything is stored. A key that can trade or
     * withdraw (or whose rights the exchange cannot tell) is refused unless the user confirmed it
     * explicitly; that confirmation is logged (without the key). Adding again rotates the key.
     */
    async add(input: {
      exchange: ExchangeId
      apiKey: string
      secret: string
      apiUrl?: string | null
      allowTradingKey?: boolean
    }) {
      const { exchange } = input
      const label = exchangeInfo[exchange].label
      const existing = repo.connectionOf(db, exchange)
      const apiUrl = addressOf(exchange, input.apiUrl ?? null, null)
      const credentials = { apiKey: input.apiKey.trim(), secret: secretText(input.secret) }
      const session = await open(exchange, credentials, apiUrl)
      const permissions = await session.call(() => session.adapter.permissions(session.client))
      const readOnly = keyIsReadOnly(permissions)
      if (!readOnly && input.allowTradingKey !== true) {
        const rights = permissionWords(permissions, exchange, session.adapter)
        // An exchange that cannot tell is not said to have a key that trades: the words say what is unknown.
        if (!permissions.checked)
          throw new AppError(
            'FORBIDDEN',
            `This key was not stored: ${rights} Seasonwatch cannot verify that the key cannot trade or withdraw, so it keeps it only once you confirm that you have checked.`,
            { kind: 'key-not-read-only' }
          )
        throw new AppError(
          'FORBIDDEN',
          `This key was not stored: ${rights.toLowerCase()}. Seasonwatch only needs to read; make a read-only key at ${exchangeInfo[exchange].keyPage}.`,
          { kind: 'key-not-read-only' }
        )
      }
      const now = clock.now()
      if (!readOnly)
        log.warn(
          permissions.checked
            ? 'a key that can trade or withdraw was stored at the user’s explicit confirmation'
            : 'a key whose rights the exchange cannot tell was stored at the user’s explicit confirmation',
          {
            exchange,
            permissions,
            keyHint: credentials.apiKey.slice(-4)
          }
        )
      if (keys.writable) keys.save(exchange, credentials)
      const row = db.transaction(() => {
        const saved = repo.upsertConnection(
          db,
          { exchange, apiUrl, keyHint: credentials.apiKey.slice(-4), permissions, overrideAt: readOnly ? null : now },
          now
        )
        repo.recordUsage(db, saved.id, session.meter.requests, now)
        return repo.connectionOf(db, exchange)!
      })()
      events.changed('connections')
      log.info('exchange connection saved', { exchange, rotated: existing !== null, label })
      return toContract(row)
    },
    remove(exchange: ExchangeId) {
      keys.remove(exchange)
      const removed = repo.removeConnection(db, exchange)
      events.changed('connections')
      return { removed }
    },
    async sync(exchange?: ExchangeId): Promise<ConnectionSyncResult[]> {
      const targets = exchange ? [exchange] : repo.listConnections(db).map((c) => c.exchange)
      const results: ConnectionSyncResult[] = []
      for (const target of targets) results.push(await syncOne(target))
      return results
    },
    async reconcile(exchange: ExchangeId) {
      const row = repo.connectionOf(db, exchange)
      if (!row) throw new AppError('NOT_FOUND', `There is no ${exchangeInfo[exchange].label} connection.`)
      const credentials = keys.load(exchange)
      if (!credentials) throw new AppError('UNAUTHORIZED', `No ${exchangeInfo[exchange].label} key is at hand.`)
      const session = await open(exchange, credentials, addressOf(exchange, undefined, row))
      const balances = await session.call(() => session.adapter.balances(session.client))
      repo.recordUsage(db, row.id, session.meter.requests, clock.now())
      return { exchange, asOf: clock.now(), rows: reconcile(db, exchange, balances) }
    },
    async recordAdjustment(exchange: ExchangeId, symbol: string) {
      const { rows } = await this.reconcile(exchange)
      const id = recordAdjustment(db, deps.market, exchange, symbol.toUpperCase(), rows, clock.now())
      events.changed('portfolio', 'connections')
      return { transactionId: id }
    },
    /** Syncs every connection now and then every intervalMs; returns the stop function. */
    startSchedule(intervalMs: number) {
      if (intervalMs <= 0) return () => {}
      const run = () => {
        if (repo.listConnections(db).length === 0) return
        void this.sync().catch((error: unknown) => log.warn('scheduled exchange sync failed', { error: String(error) }))
      }
      const timer = setInterval(run, intervalMs)
      timer.unref?.()
      return () => clearInterval(timer)
    },
    exchanges: exchangeIds
  }
}
