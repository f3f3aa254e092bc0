import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../../../src/main/core/create-core'
import type { Core } from '../../../src/main/core/create-core'
import type { Logger } from '../../../src/main/ports/deps'
import { memoryExchangeKeys } from '../../../src/main/ports/exchange-keys'
import type { ExchangeKeyStore } from '../../../src/main/ports/exchange-keys'
import { startFakeCoinbase } from './coinbase'
import type { CdpKey, FakeCoinbase } from './coinbase'
import { READ_KEY, coinbaseAccount } from './coinbase-data'

/** A core on a temporary data folder, a fake Coinbase, keys in memory and a log kept in lines. */
export interface CoinbaseHarness {
  dir: string
  fake: FakeCoinbase
  keys: ExchangeKeyStore
  logged: string[]
  core: Core
  reopen(): void
  call<T>(channel: string, input: unknown): Promise<T>
  add(key?: CdpKey, extra?: Record<string, unknown>): Promise<unknown>
  sync(): Promise<SyncResult>
  count(where?: string): number
  close(): Promise<void>
}

export interface SyncResult {
  ok: boolean
  written: number
  duplicates: number
  pages: number
  requests: number
  error: { code: string; message: string } | null
}

export async function startCoinbaseHarness(options: { btcFills?: number } = {}): Promise<CoinbaseHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-coinbase-'))
  const fake = await startFakeCoinbase(coinbaseAccount(options))
  const keys = memoryExchangeKeys()
  const logged: string[] = []
  const line = (m: string, f?: Record<string, unknown>) => void logged.push(`${m} ${JSON.stringify(f ?? {})}`)
  const log: Logger = { debug: line, info: line, warn: line, error: line }
  const open = () =>
    createCore({
      dataDir: dir,
      runtime: 'cli',
      log,
      exchangeKeys: keys,
      env: {},
      exchangeTuning: { timeoutMs: 800, backoffBaseMs: 5, attempts: 4, rateLimit: false }
    })
  const h: CoinbaseHarness = {
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
      if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code })
      return envelope.data as T
    },
    add: (key = READ_KEY, extra = {}) =>
      h.call('connections:add', {
        exchange: 'coinbase',
        apiKey: key.apiKey,
        secret: key.secret,
        apiUrl: fake.url,
        ...extra
      }),
    sync: async () => (await h.call<SyncResult[]>('connections:sync', { exchange: 'coinbase' }))[0]!,
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
