import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeKraken } from '../../support/fake-exchanges/kraken'
import type { FakeKraken } from '../../support/fake-exchanges/kraken'
import { KRAKEN_READ_KEY, krakenAccount, krakenTxCount } from '../../support/fake-exchanges/kraken-data'
import { runCliCaptured } from '../../support/run-cli'

const ROOT = resolve(__dirname, '../../..')
/** 351 ledger entries: 8 pages, of which Kraken's headroom lets the first 7 go without pacing. */
const TRADES = 150

let dir: string
let fake: FakeKraken
let env: NodeJS.ProcessEnv
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seasonwatch-kraken-kill-'))
  fake = await startFakeKraken(krakenAccount({ btcTrades: TRADES }))
  env = { SEASONWATCH_KRAKEN_API_KEY: KRAKEN_READ_KEY.apiKey, SEASONWATCH_KRAKEN_API_SECRET: KRAKEN_READ_KEY.secret }
})
afterEach(async () => {
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})

function read<T>(query: (db: Database.Database) => T, fallback: T): T {
  try {
    const db = new Database(join(dir, 'seasonwatch.db'), { readonly: true, fileMustExist: true })
    try {
      return query(db)
    } finally {
      db.close()
    }
  } catch {
    return fallback
  }
}
const stored = () =>
  read((db) => (db.prepare('SELECT count(*) AS n FROM portfolio_transactions').get() as { n: number }).n, 0)
const cursor = () =>
  read(
    (db) =>
      JSON.parse(db.prepare("SELECT cursor FROM exchange_cursors WHERE stream = 'ledger'").pluck().get() as string) as {
        upTo: number | null
        ofs: number
      },
    null
  )

describe('a Kraken sync killed with SIGKILL halfway', () => {
  it('resumes at the first ledger page not written: no gap and no duplicate', async () => {
    const added = await runCliCaptured(
      ['connections', 'add', 'kraken', '--api-url', fake.url, '--allow-trading-key', '--data-dir', dir],
      env
    )
    expect(added.code).toBe(0)
    fake.ledgerDelayMs = 500
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
    const deadline = Date.now() + 90_000
    while (stored() < 60 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 30))
    process.kill(-child.pid!, 'SIGKILL')
    expect(await exited).toBe('SIGKILL')
    const before = stored()
    const at = cursor()!
    expect(before).toBeGreaterThanOrEqual(60)
    expect(before).toBeLessThan(krakenTxCount(TRADES))
    // The sweep was under way: a fixed upper end and an offset of whole pages.
    expect(at.upTo).not.toBeNull()
    expect(at.ofs % 50).toBe(0)

    fake.ledgerDelayMs = 0
    const mark = fake.requests.length
    const resumed = await runCliCaptured(['connections', 'sync', '--json', '--data-dir', dir], env)
    expect(resumed.code).toBe(0)
    expect(JSON.parse(resumed.stdout)).toMatchObject([{ ok: true, duplicates: 0 }])
    const ids = read((db) => db.prepare('SELECT external_id FROM portfolio_transactions').pluck().all() as string[], [])
    expect(ids).toHaveLength(krakenTxCount(TRADES))
    expect(new Set(ids).size).toBe(ids.length)
    const trades = new Set(
      fake.state.ledger.filter((e) => ['trade', 'spend', 'receive'].includes(e.type)).map((e) => `trade:${e.refid}`)
    )
    expect(new Set(ids.filter((id) => /^trade:[^:]+$/.test(id)))).toEqual(trades)
    // The resumed sync asked for the ledger from where the killed one stopped, never from the top.
    const asked = fake.requests.slice(mark).filter((r) => r.path === '/0/private/Ledgers')
    expect(asked[0]!.params).toMatchObject({ ofs: String(at.ofs), end: String(Math.ceil(at.upTo!)) })
    expect(asked.filter((r) => r.params.ofs === '0')).toHaveLength(0)
  }, 180_000)
})
