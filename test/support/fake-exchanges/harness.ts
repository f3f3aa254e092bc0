import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../../../src/main/core/create-core'
import type { Core } from '../../../src/main/core/create-core'
import type { Clock, Logger } from '../../../src/main/ports/deps'
import { memoryExchangeKeys } from '../../../src/main/ports/exchange-keys'
import type { ExchangeKeyStore } from '../../../src/main/ports/exchange-keys'
import { startFakeBinance } from './binance'
import type { FakeBinance, FakeKey } from './binance'
import { READ_KEY, binanceAccount } from './binance-data'

/** A core on a temporary data folder, a fake Binance, a key store in memory and a log kept in lines. */
export interface Harness {
  dir: string
  fake: FakeBinance
  keys: ExchangeKeyStore
  logged: string[]
  core: Core
  reopen(): void
  call<T>(channel: string, input: unknown): Promise<T>
  add(key?: FakeKey, extra?: Record<string, unknown>): Promise<unknown>
  count(where?: string): number
  close(): Promise<void>
}

export async function startHarness(options: { btcFills?: number; clock?: Clock } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-exchange-'))
  const fake = await startFakeBinance(binanceAccount(options))
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
  const h: Harness = {
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
        exchange: 'binance',
        apiKey: key.apiKey,
        secret: key.secret,
        apiUrl: fake.url,
        ...extra
      }),
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
