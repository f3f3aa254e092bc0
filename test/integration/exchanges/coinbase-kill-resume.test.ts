import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeCoinbase } from '../../support/fake-exchanges/coinbase'
import type { FakeCoinbase } from '../../support/fake-exchanges/coinbase'
import { READ_KEY, coinbaseAccount } from '../../support/fake-exchanges/coinbase-data'
import { runCliCaptured } from '../../support/run-cli'

const ROOT = resolve(__dirname, '../../..')
const BTC_FILLS = 12_000
const ALL_FILLS = BTC_FILLS + 24
const FILLS = '/api/v3/brokerage/orders/historical/fills'

let dir: string
let fake: FakeCoinbase
let env: NodeJS.ProcessEnv
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seasonwatch-coinbase-kill-'))
  fake = await startFakeCoinbase(coinbaseAccount({ btcFills: BTC_FILLS }))
  env = {
    SEASONWATCH_COINBASE_API_KEY: READ_KEY.apiKey,
    // The PEM as a shell would pass it: with real line breaks.
    SEASONWATCH_COINBASE_API_SECRET: READ_KEY.secret,
    SEASONWATCH_COINBASE_URL: fake.url
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
        db.prepare("SELECT count(*) AS n FROM portfolio_transactions WHERE external_id LIKE 'trade:%'").get() as {
          n: number
        }
      ).n
    } finally {
      db.close()
    }
  } catch {
    return 0
  }
}

describe('a Coinbase sync killed with SIGKILL halfway', () => {
  it('resumes at the first page of fills not written: no gap and no duplicate', async () => {
    expect((await runCliCaptured(['connections', 'add', 'coinbase', '--data-dir', dir], env)).code).toBe(0)
    fake.fillsDelayMs = 150
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
      { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore', detached: true }
    )
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)))
    const deadline = Date.now() + 90_000
    while (tradesStored() < 3000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    process.kill(-child.pid!, 'SIGKILL')
    expect(await exited).toBe('SIGKILL')
    const before = tradesStored()
    expect(before).toBeGreaterThanOrEqual(3000)
    expect(before).toBeLessThan(ALL_FILLS)
    // Pages land whole: what was stored is a whole number of pages of 250 fills.
    expect(before % 250).toBe(0)
    const killedRequests = fake.requests.length

    fake.fillsDelayMs = 0
    const resumed = await runCliCaptured(['connections', 'sync', '--json', '--data-dir', dir], env)
    expect(resumed.code).toBe(0)
    expect(JSON.parse(resumed.stdout)[0]).toMatchObject({ ok: true, duplicates: 0 })
    const db = new Database(join(dir, 'seasonwatch.db'), { readonly: true })
    try {
      const ids = db
        .prepare("SELECT external_id FROM portfolio_transactions WHERE external_id LIKE 'trade:%'")
        .pluck()
        .all() as string[]
      expect(ids).toHaveLength(ALL_FILLS)
      expect(new Set(ids)).toEqual(new Set(fake.state.fills.map((f) => `trade:${f.entry_id}`)))
    } finally {
      db.close()
    }
    // The resumed run went on with Coinbase's cursor of the last page written, inside the same pass.
    const fillCalls = fake.requests.filter((r) => r.path === FILLS && r.status === 200)
    expect(fillCalls.filter((r) => !new URLSearchParams(r.query).has('cursor'))).toHaveLength(1)
    const firstResumed = fake.requests.slice(killedRequests).find((r) => r.path === FILLS)!
    const ends = new Set(fillCalls.map((r) => new URLSearchParams(r.query).get('end_sequence_timestamp')))
    expect(ends.size).toBe(1)
    const lastWritten = fake.state.fills
      .slice()
      .sort(
        (a, b) =>
          Date.parse(b.sequence_timestamp) - Date.parse(a.sequence_timestamp) || (a.entry_id < b.entry_id ? 1 : -1)
      )[before - 1]!
    expect(Buffer.from(new URLSearchParams(firstResumed.query).get('cursor')!, 'base64url').toString()).toBe(
      lastWritten.entry_id
    )
  }, 180_000)
})
