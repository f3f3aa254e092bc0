import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../../../src/main/core/create-core'
import type { Core } from '../../../src/main/core/create-core'
import type { Logger } from '../../../src/main/ports/deps'
import { memoryExchangeKeys } from '../../../src/main/ports/exchange-keys'
import type { ExchangeKeyStore } from '../../../src/main/ports/exchange-keys'
import { startFakeKraken } from './kraken'
import type { FakeKraken, FakeKrakenKey } from './kraken'
import { KRAKEN_READ_KEY, krakenAccount } from './kraken-data'

/** A core on a temporary data folder, a fake Kraken, a key store in memory and a log kept in lines. */
export interface KrakenHarness {
  dir: string
  fake: FakeKraken
  keys: ExchangeKeyStore
  logged: string[]
  core: Core
  reopen(): void
  call<T>(channel: string, input: unknown): Promise<T>
  /** Adds the connection; a Kraken key always needs the confirmation (Kraken cannot tell what it may do). */
  add(key?: FakeKrakenKey, extra?: Record<string, unknown>): Promise<unknown>
  count(where?: string): number
  close(): Promise<void>
}

export async function startKrakenHarness(options: { btcTrades?: number } = {}): Promise<KrakenHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-kraken-'))
  const fake = await startFakeKraken(krakenAccount(options))
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
  const h: KrakenHarness = {
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
    add: (key = KRAKEN_READ_KEY, extra = { allowTradingKey: true }) =>
      h.call('connections:add', {
        exchange: 'kraken',
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
