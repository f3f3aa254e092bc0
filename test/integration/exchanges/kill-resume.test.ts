import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeBinance } from '../../support/fake-exchanges/binance'
import type { FakeBinance } from '../../support/fake-exchanges/binance'
import { READ_KEY, binanceAccount } from '../../support/fake-exchanges/binance-data'
import { runCliCaptured } from '../../support/run-cli'

const ROOT = resolve(__dirname, '../../..')
const FILLS = 12_000

let dir: string
let fake: FakeBinance
let env: NodeJS.ProcessEnv
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seasonwatch-kill-'))
  fake = await startFakeBinance(binanceAccount({ btcFills: FILLS }))
  env = {
    SEASONWATCH_BINANCE_API_KEY: READ_KEY.apiKey,
    SEASONWATCH_BINANCE_API_SECRET: READ_KEY.secret,
    SEASONWATCH_BINANCE_URL: fake.url
  }
})
afterEach(async () => {
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})

function tradesStored(): number {
  try {
    const db = new Database(join(dir, 'seasonwatch.db'), { readonly: true, fileMustExist: true })
    try {
      return (
        db
          .prepare("SELECT count(*) AS n FROM portfolio_transactions WHERE external_id LIKE 'trade:BTCUSDT:%'")
          .get() as { n: number }
      ).n
    } finally {
      db.close()
    }
  } catch {
    return 0
  }
}

describe('a sync killed with SIGKILL halfway', () => {
  it('resumes at the first page not written: no gap and no duplicate', async () => {
    expect((await runCliCaptured(['connections', 'add', 'binance', '--data-dir', dir], env)).code).toBe(0)
    fake.tradeDelayMs = 150
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
        join(ROOT, 'src/main/cli/main.ts'),
        'connections',
        'sync',
        '--data-dir',
        dir
      ],
      // Its own process group, so the kill reaches any process the loader starts for it.
      { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore', detached: true }
    )
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)))
    // Wait until some pages of BTC/USDT trades are in, then kill the process without warning.
    const deadline = Date.now() + 90_000
    while (tradesStored() < 3000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    process.kill(-child.pid!, 'SIGKILL')
    expect(await exited).toBe('SIGKILL')
    const before = tradesStored()
    expect(before).toBeGreaterThanOrEqual(3000)
    expect(before).toBeLessThan(FILLS)
    // Pages land whole: what was stored is a whole number of pages of 1000.
    expect(before % 1000).toBe(0)

    fake.tradeDelayMs = 0
    const resumed = await runCliCaptured(['connections', 'sync', '--json', '--data-dir', dir], env)
    expect(resumed.code).toBe(0)
    const db = new Database(join(dir, 'seasonwatch.db'), { readonly: true })
    try {
      const ids = db
        .prepare("SELECT external_id FROM portfolio_transactions WHERE external_id LIKE 'trade:BTCUSDT:%'")
        .pluck()
        .all() as string[]
      expect(ids).toHaveLength(FILLS)
      expect(new Set(ids).size).toBe(FILLS)
      const expected = fake.state.fills.filter((f) => f.symbol === 'BTCUSDT').map((f) => `trade:BTCUSDT:${f.id}`)
      expect(new Set(ids)).toEqual(new Set(expected))
    } finally {
      db.close()
    }
    // The resumed sync asked for BTC/USDT trades only from where the killed one stopped.
    const fromIds = fake.requests
      .filter((r) => r.path === '/api/v3/myTrades' && r.query.includes('symbol=BTCUSDT'))
      .map((r) => Number(new URLSearchParams(r.query).get('fromId')))
    expect(fromIds.filter((id) => id === 0)).toHaveLength(1)
    expect(fromIds).toContain(100_000 + before)
  }, 180_000)
})
