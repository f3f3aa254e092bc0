import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, expect } from 'vitest'
import { runCliCaptured } from '../run-cli'
import type { CliResult } from '../run-cli'
import type { ExchangeKey, FakeExchange } from './exchange-harness'

const ROOT = resolve(__dirname, '../../..')

/** A temporary data folder, a fake exchange and the environment the CLI reads the key from. */
export interface KillResumeSetup<F extends FakeExchange> {
  readonly dir: string
  readonly fake: F
  readonly env: NodeJS.ProcessEnv
}

/**
 * The environment the CLI reads a key from: `SEASONWATCH_<EXCHANGE>_API_KEY` and `_API_SECRET`
 * (a PEM as a shell would pass it, with real line breaks), and `_URL` when `url` is given.
 */
export function keyEnv(exchange: string, key: ExchangeKey, url?: string): NodeJS.ProcessEnv {
  const prefix = `SEASONWATCH_${exchange.toUpperCase()}`
  return {
    [`${prefix}_API_KEY`]: key.apiKey,
    [`${prefix}_API_SECRET`]: key.secret,
    ...(url === undefined ? {} : { [`${prefix}_URL`]: url })
  }
}

/** Gives each test of the file a fresh data folder and fake, and removes both after it. */
export function useKillResumeSetup<F extends FakeExchange>(
  dirPrefix: string,
  startFake: () => Promise<F>,
  envFor: (fake: F) => NodeJS.ProcessEnv
): KillResumeSetup<F> {
  let current: { dir: string; fake: F; env: NodeJS.ProcessEnv } | undefined
  const now = () => {
    if (!current) throw new Error('The kill-and-resume setup is only there inside a test.')
    return current
  }
  beforeEach(async () => {
    const dir = mkdtempSync(join(tmpdir(), dirPrefix))
    const fake = await startFake()
    current = { dir, fake, env: envFor(fake) }
  })
  afterEach(async () => {
    const { dir, fake } = now()
    current = undefined
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return {
    get dir() {
      return now().dir
    },
    get fake() {
      return now().fake
    },
    get env() {
      return now().env
    }
  }
}

/** Runs `query` on the data folder's database opened read-only; `fallback` while there is none yet. */
export function readStore<T>(dir: string, query: (db: Database.Database) => T, fallback: T): T {
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

/** How many transactions the data folder holds that match `where`; 0 while there is no database. */
export function storedCount(dir: string, where = '1 = 1'): number {
  return readStore(
    dir,
    (db) => (db.prepare(`SELECT count(*) AS n FROM portfolio_transactions WHERE ${where}`).get() as { n: number }).n,
    0
  )
}

/** The external ids of the transactions that match `where`. */
export function storedIds(dir: string, where = '1 = 1'): string[] {
  return readStore(
    dir,
    (db) => db.prepare(`SELECT external_id FROM portfolio_transactions WHERE ${where}`).pluck().all() as string[],
    []
  )
}

export interface KillResumeOptions {
  exchange: string
  /** What `connections add` needs besides the exchange and the data folder. */
  addArgs?: readonly string[]
  /** Makes the fake answer the pages slowly (`true`), or at once again (`false`). */
  slowDown(on: boolean): void
  /** The transactions to count: the sync is killed once `atLeast` of them are in. */
  where: string
  atLeast: number
  /** The sync must not have finished: fewer than this many are stored at the kill. */
  below: number
  /** When given, pages land whole: what is stored at the kill is a whole number of such pages. */
  wholePagesOf?: number
  pollMs: number
  /** Runs between the kill and the resumed sync, to look at what the killed one left. */
  onKilled?(): void
}

export interface KillResumeOutcome {
  /** How many of the counted transactions the killed sync had stored. */
  before: number
  /** How many requests the fake had had when the sync was killed. */
  requestsAtKill: number
  resumed: CliResult
}

/**
 * Adds the connection through the CLI, starts `seasonwatch connections sync` as a separate process
 * with the fake slowed down, kills the process group without warning once enough is stored, then
 * runs the sync again at full speed. Asserts each step: the add and the resumed sync succeed, the
 * kill ended the process, and the store holds at least `atLeast`, fewer than `below`, whole pages.
 */
export async function killAndResume<F extends FakeExchange & { requests: readonly unknown[] }>(
  setup: KillResumeSetup<F>,
  options: KillResumeOptions
): Promise<KillResumeOutcome> {
  const added = await runCliCaptured(
    ['connections', 'add', options.exchange, ...(options.addArgs ?? []), '--data-dir', setup.dir],
    setup.env
  )
  expect(added.code).toBe(0)
  options.slowDown(true)
  const stored = () => storedCount(setup.dir, options.where)
  expect(await syncKilledWhen(setup, () => stored() >= options.atLeast, options.pollMs)).toBe('SIGKILL')
  const before = stored()
  expect(before).toBeGreaterThanOrEqual(options.atLeast)
  expect(before).toBeLessThan(options.below)
  if (options.wholePagesOf !== undefined) expect(before % options.wholePagesOf).toBe(0)
  options.onKilled?.()
  const requestsAtKill = setup.fake.requests.length

  options.slowDown(false)
  const resumed = await runCliCaptured(['connections', 'sync', '--json', '--data-dir', setup.dir], setup.env)
  expect(resumed.code).toBe(0)
  return { before, requestsAtKill, resumed }
}

/**
 * Starts `seasonwatch connections sync` as a separate process, waits until `reached()` holds (or
 * 90 s pass), then kills its whole process group with SIGKILL, without warning. Resolves with the
 * signal the process ended by.
 */
async function syncKilledWhen(
  setup: { dir: string; env: NodeJS.ProcessEnv },
  reached: () => boolean,
  pollMs: number
): Promise<NodeJS.Signals | null> {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      join(ROOT, 'src/main/cli/main.ts'),
      'connections',
      'sync',
      '--data-dir',
      setup.dir
    ],
    // Its own process group, so the kill reaches any process the loader starts for it.
    { cwd: ROOT, env: { ...process.env, ...setup.env }, stdio: 'ignore', detached: true }
  )
  const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)))
  const deadline = Date.now() + 90_000
  while (!reached() && Date.now() < deadline) await new Promise((r) => setTimeout(r, pollMs))
  process.kill(-child.pid!, 'SIGKILL')
  return exited
}
