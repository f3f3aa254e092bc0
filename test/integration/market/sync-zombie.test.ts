import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildSyntheticDataset, startFakeCoinGecko } from '../../support/fake-coingecko'
import type { FakeCoinGecko } from '../../support/fake-coingecko'
import { DAY, openCore, removeTempDirs, tempDir } from './harness'

// A sync process killed while its parent does not reap it stays a zombie: its pid still answers a
// signal, but it will never sync or release anything. The next sync must see it as gone at once,
// not two minutes later when its heartbeat is stale. Linux: /proc tells a zombie apart.
const repoRoot = resolve(__dirname, '../../..')
const TODAY = Math.floor(Date.now() / DAY)
let fake: FakeCoinGecko
const parents: ChildProcess[] = []

beforeAll(async () => {
  fake = await startFakeCoinGecko({
    dataset: buildSyntheticDataset({ coins: 70, firstDay: TODAY - 99, lastDay: TODAY + 1, seed: 3 }),
    now: Date.now()
  })
})
afterEach(() => {
  // Killing the parent lets init adopt and reap the zombie.
  for (const parent of parents.splice(0)) parent.kill('SIGKILL')
  removeTempDirs()
})
afterAll(async () => {
  await fake.close()
})

const stateOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return stat
    .slice(stat.lastIndexOf(')') + 1)
    .trim()
    .charAt(0)
}

async function until<T>(what: string, probe: () => T | null | undefined, timeoutMs = 60_000): Promise<T> {
  const start = Date.now()
  for (;;) {
    const value = probe()
    if (value !== null && value !== undefined) return value
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('a sync left a zombie', () => {
  it.runIf(process.platform === 'linux')(
    'does not keep the lock: the next sync takes it over at once and resumes',
    async () => {
      const dir = tempDir()
      // sh starts the sync in the background, prints its pid, then becomes `sleep`, which never
      // reaps it: a killed sync stays a zombie for as long as the sleep lasts.
      const sync = `"${process.execPath}" --import tsx src/main/cli/main.ts sync --data-dir "$1" --provider-url "$2" --coins 60 --history-days 90 --max-rpm 120`
      const parent = spawn('sh', ['-c', `${sync} >/dev/null 2>&1 & echo $!; exec sleep 120`, 'sh', dir, fake.url], {
        cwd: repoRoot,
        env: { ...process.env, SEASONWATCH_API_KEY: '' },
        stdio: ['ignore', 'pipe', 'ignore']
      })
      parents.push(parent)
      let out = ''
      parent.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()))
      const pid = await until('the sync pid', () => (/^(\d+)\n/.exec(out) ? Number(/^(\d+)\n/.exec(out)?.[1]) : null))

      // Wait until the sync holds the lock and has fetched some history.
      const db = join(dir, 'seasonwatch.db')
      await until('the sync to hold the lock', () => {
        try {
          const reader = new BetterSqlite3(db, { readonly: true, fileMustExist: true })
          try {
            const lock = reader.prepare('SELECT pid FROM sync_lock').get() as { pid: number } | undefined
            const history = reader.prepare('SELECT COUNT(*) AS n FROM coin_history').get() as { n: number }
            return lock?.pid === pid && history.n > 0 ? true : null
          } finally {
            reader.close()
          }
        } catch {
          return null // not created or not migrated yet
        }
      })
      process.kill(pid, 'SIGKILL')
      await until('the sync to become a zombie', () => (stateOf(pid) === 'Z' ? true : null), 10_000)
      // A signal still reaches it: a pid check alone would call it alive.
      expect(() => process.kill(pid, 0)).not.toThrow()

      const next = openCore({ dataDir: dir, now: Date.now() })
      try {
        const summary = await next.services.sync.run({ providerUrl: fake.url, coins: 60, historyDays: 90, maxRpm: 0 })
        expect(summary.status).toBe('succeeded')
        expect(stateOf(pid)).toBe('Z')
        const runs = next.services.db.prepare('SELECT status FROM sync_runs ORDER BY started_at, rowid').all()
        expect(runs).toEqual([{ status: 'interrupted' }, { status: 'succeeded' }])
        expect(next.services.db.prepare('SELECT COUNT(*) AS n FROM sync_lock').get()).toEqual({ n: 0 })
      } finally {
        next.close()
      }
    },
    90_000
  )
})
