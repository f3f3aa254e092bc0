import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildSyntheticDataset, startFakeCoinGecko } from '../../support/fake-coingecko'
import type { FakeCoinGecko } from '../../support/fake-coingecko'
import { DAY, openCore, removeTempDirs, storedMarket, tempDir } from './harness'

// Real processes of the command line against one data folder: a sync killed with SIGKILL in the
// middle of its backfill, and two syncs started at once.
const repoRoot = resolve(__dirname, '../../..')
const COINS = 60
let fake: FakeCoinGecko
const children: ChildProcess[] = []

// A child process runs on the real clock, so the fake market ends today and serves the real now.
const TODAY = Math.floor(Date.now() / DAY)
const START = Date.now()

beforeAll(async () => {
  fake = await startFakeCoinGecko({
    dataset: buildSyntheticDataset({ coins: COINS + 20, firstDay: TODAY - 399, lastDay: TODAY + 1, seed: 11 }),
    now: START
  })
})
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  removeTempDirs()
})
afterAll(async () => {
  await fake.close()
})

interface Running {
  child: ChildProcess
  stderr(): string
  stdout(): string
  exited: Promise<number | null>
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<void>
}

function cliSync(dataDir: string, extra: string[]): Running {
  // node --import tsx: one process, so SIGKILL hits the sync itself rather than a wrapper.
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/main/cli/main.ts',
      'sync',
      '--data-dir',
      dataDir,
      '--provider-url',
      fake.url,
      '--coins',
      String(COINS),
      '--history-days',
      '365',
      ...extra
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, SEASONWATCH_API_KEY: '' },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  children.push(child)
  let out = ''
  let err = ''
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()))
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
  return {
    child,
    stderr: () => err,
    stdout: () => out,
    exited,
    async waitForStderr(pattern, timeoutMs = 60_000) {
      const start = Date.now()
      while (!pattern.test(err)) {
        if (child.exitCode !== null) throw new Error(`the sync exited (${child.exitCode}) before ${pattern}: ${err}`)
        if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${pattern}: ${err}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    }
  }
}

describe('sync across processes', () => {
  it('a sync killed with SIGKILL mid-backfill resumes where it stopped, without duplicates, and ends equal to an uninterrupted sync', async () => {
    const dir = tempDir()
    // 600 requests a minute: one history call every 100 ms, slow enough to kill it halfway.
    const first = cliSync(dir, ['--max-rpm', '600'])
    await first.waitForStderr(/sync history (3[5-9]|4\d)\/60/)
    first.child.kill('SIGKILL')
    expect(await first.exited).toBeNull()

    const afterKill = openCore({ dataDir: dir, now: Date.now() })
    const fetched = (afterKill.services.db.prepare('SELECT COUNT(*) AS n FROM coin_history').get() as { n: number }).n
    const lock = afterKill.services.db.prepare('SELECT pid FROM sync_lock').get() as { pid: number } | undefined
    afterKill.close()
    expect(fetched).toBeGreaterThan(0)
    expect(fetched).toBeLessThan(COINS)
    expect(lock?.pid).toBe(first.child.pid)

    fake.requests.length = 0
    const second = cliSync(dir, ['--max-rpm', '0', '--json'])
    expect(await second.exited).toBe(0)
    const summary = JSON.parse(second.stdout()) as { status: string; historyFetched: number; coinsTracked: number }
    expect(summary).toMatchObject({ status: 'succeeded', coinsTracked: COINS, historyFetched: COINS - fetched })
    expect(fake.requests.filter((r) => r.path.includes('/market_chart')).length).toBe(COINS - fetched)

    const reference = openCore({ now: Date.now() })
    await reference.services.sync.run({ providerUrl: fake.url, coins: COINS, historyDays: 365, maxRpm: 0 })
    const resumed = openCore({ dataDir: dir, now: Date.now() })
    try {
      expect(storedMarket(resumed.services.db)).toEqual(storedMarket(reference.services.db))
      const runs = resumed.services.db.prepare('SELECT status FROM sync_runs ORDER BY started_at').all()
      expect(runs).toEqual([{ status: 'interrupted' }, { status: 'succeeded' }])
      expect(resumed.services.db.prepare('SELECT COUNT(*) AS n FROM sync_lock').get()).toEqual({ n: 0 })
    } finally {
      resumed.close()
      reference.close()
    }
  }, 120_000)

  it('of two syncs started at once on one data folder, one runs and the other stops at once with BUSY', async () => {
    const dir = tempDir()
    // 150 requests a minute keeps the first sync running for about half a minute, so the second
    // one overlaps it even when a loaded machine is slow to start a process.
    const a = cliSync(dir, ['--max-rpm', '150'])
    await a.waitForStderr(/sync (categories|global|history)/)
    const b = cliSync(dir, ['--max-rpm', '0', '--json'])
    expect(await b.exited).toBe(1)
    expect(JSON.parse(b.stdout())).toEqual({
      error: {
        code: 'BUSY',
        message: expect.stringMatching(
          new RegExp(
            `^Another Seasonwatch process \\(pid ${a.child.pid}\\) has been syncing this data folder since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC; try again when it has finished\\.$`
          )
        )
      }
    })
    expect(a.child.exitCode).toBeNull()
    expect(await a.exited).toBe(0)
    const core = openCore({ dataDir: dir, now: Date.now() })
    try {
      expect(core.services.db.prepare('SELECT status FROM sync_runs').all()).toEqual([{ status: 'succeeded' }])
      expect((core.services.db.prepare('SELECT COUNT(*) AS n FROM coin_history').get() as { n: number }).n).toBe(COINS)
    } finally {
      core.close()
    }
  }, 120_000)
})
