import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../../../src/main/core/create-core'
import type { Core } from '../../../src/main/core/create-core'
import type { Clock, Logger } from '../../../src/main/ports/deps'
import { memoryExchangeKeys } from '../../../src/main/ports/exchange-keys'
import type { ExchangeKeyStore } from '../../../src/main/ports/exchange-keys'
import type { Reconcile, ReconcileRow } from '../../../src/shared/contract/connections'

/** What every fake exchange offers the harness: where it listens and how to stop it. */
export interface FakeExchange {
  url: string
  close(): Promise<void>
}

/** A key as the fakes hand them out. */
export interface ExchangeKey {
  apiKey: string
  secret: string
}

/** A core on a temporary data folder, a fake exchange, a key store in memory and a log kept in lines. */
export interface ExchangeHarness<F extends FakeExchange, K extends ExchangeKey> {
  dir: string
  fake: F
  keys: ExchangeKeyStore
  logged: string[]
  core: Core
  reopen(): void
  /** Dispatches as the CLI would; a refused call throws an error that carries the envelope's code and kind. */
  call<T>(channel: string, input: unknown): Promise<T>
  add(key?: K, extra?: Record<string, unknown>): Promise<unknown>
  count(where?: string): number
  close(): Promise<void>
}

export interface ExchangeHarnessOptions<F extends FakeExchange, K extends ExchangeKey> {
  exchange: string
  /** The fake, already listening; the harness closes it. */
  fake: F
  /** The key `add()` uses when given none. */
  key: K
  /** What `add()` sends besides the key when given nothing else. */
  addExtra?: Record<string, unknown>
  /** How the temporary data folder's name begins. */
  dirPrefix: string
  clock?: Clock
}

export function startExchangeHarness<F extends FakeExchange, K extends ExchangeKey>(
  options: ExchangeHarnessOptions<F, K>
): ExchangeHarness<F, K> {
  const { exchange, fake } = options
  const dir = mkdtempSync(join(tmpdir(), options.dirPrefix))
  const keys = memoryExchangeKeys()
  const logged: string[] = []
  const line = (m: string, f?: Record<string, unknown>) => void logged.push(`${m} ${JSON.stringify(f ?? {})}`)
  const log: Logger = { debug: line, info: line, warn: line, error: line }
  const open = () =>
    createCore({
      dataDir: dir,
      runtime: 'cli',
      log,
      ...(options.clock ? { clock: options.clock } : {}),
      exchangeKeys: keys,
      env: {},
      exchangeTuning: { timeoutMs: 800, backoffBaseMs: 5, attempts: 4, rateLimit: false }
    })
  const h: ExchangeHarness<F, K> = {
    dir,
    fake,
    keys,
    logged,
    core: open(),
    reopen() {
      h.core.close()
      h.core = open()
    },
    async call<T>(channel: string, input: unknown): Promise<T> {
      const envelope = await h.core.dispatch(channel, input, { runtime: 'cli' })
      if (!envelope.ok)
        throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code, kind: envelope.error.kind })
      return envelope.data as T
    },
    add: (key = options.key, extra = options.addExtra ?? {}) =>
      h.call('connections:add', { exchange, apiKey: key.apiKey, secret: key.secret, apiUrl: fake.url, ...extra }),
    count: (where = '1 = 1') =>
      (
        h.core.services.db.prepare(`SELECT count(*) AS n FROM portfolio_transactions WHERE ${where}`).get() as {
          n: number
        }
      ).n,
    async close() {
      h.core.close()
      await fake.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return h
}

/** What `connections:sync` answers for one connection. */
export interface SyncResult {
  ok: boolean
  written: number
  duplicates: number
  pages: number
  requests: number
  error: { code: string; message: string } | null
}

/** Reconciles one exchange and keys its rows by asset. */
export async function reconcileBySymbol(
  h: Pick<ExchangeHarness<FakeExchange, ExchangeKey>, 'call'>,
  exchange: string
): Promise<Map<string, ReconcileRow>> {
  const { rows } = await h.call<Reconcile>('connections:reconcile', { exchange })
  return new Map(rows.map((r) => [r.symbol, r]))
}
