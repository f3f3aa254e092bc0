import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/db/connection'
import { dayNumberOf } from '../../../src/shared/dates'
import { writeDataset } from './direct-load'
import { syntheticDataset } from './synthetic-dataset'
import { runCliCaptured } from '../../support/run-cli'

async function cli(args: string[]) {
  return runCliCaptured(args)
}

let dir: string
let empty: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'seasonwatch-season-cli-'))
  empty = mkdtempSync(join(tmpdir(), 'seasonwatch-season-cli-empty-'))
  const db = openDatabase(join(dir, 'seasonwatch.db'))
  writeDataset(db, syntheticDataset({ firstDay: dayNumberOf('2023-01-01') as number, days: 200, alts: 120, seed: 3 }))
  db.close()
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  rmSync(empty, { recursive: true, force: true })
})

describe('index and history commands', () => {
  it('history --json prints one row per computable date and index --date gives the same numbers with the breakdown', async () => {
    const history = await cli(['history', '--json', '--top', '100', '--window', '90', '--data-dir', dir])
    expect(history.code).toBe(0)
    const rows = JSON.parse(history.stdout) as {
      date: string
      value: number
      outperformers: number
      measured: number
      unmeasured: number
      regime: string
    }[]
    // 200 days of data, a 90-day window: days 90 … 199 are computable.
    expect(rows.length).toBe(110)
    expect(rows[0]!.date).toBe('2023-04-01')
    expect(rows.map((r) => r.date)).toEqual([...rows.map((r) => r.date)].sort())
    for (const row of rows)
      expect(Object.keys(row).sort()).toEqual(['date', 'measured', 'outperformers', 'regime', 'unmeasured', 'value'])
    const row = rows[50]!
    const index = await cli(['index', '--json', '--date', row.date, '--data-dir', dir])
    expect(index.code).toBe(0)
    const result = JSON.parse(index.stdout) as Record<string, unknown> & {
      coins: Record<string, unknown>[]
      excluded: { id: string; reason: string }[]
    }
    expect(result).toMatchObject({ ...row, top: 100, window: 90 })
    expect(Object.keys(result.coins[0]!).sort()).toEqual([
      'id',
      'marketCap',
      'name',
      'outperforms',
      'rank',
      'ratio',
      'symbol'
    ])
    expect(result.excluded).toContainEqual(expect.objectContaining({ id: 'tether', reason: 'category:stablecoins' }))
    const latest = JSON.parse((await cli(['index', '--json', '--data-dir', dir])).stdout) as { date: string }
    expect(latest.date).toBe(rows[rows.length - 1]!.date)
  })

  it('honours --from/--to, --top/--window and --no-peg-detect', async () => {
    const some = JSON.parse(
      (
        await cli([
          'history',
          '--json',
          '--from',
          '2023-05-01',
          '--to',
          '2023-05-03',
          '--top',
          '50',
          '--window',
          '30',
          '--data-dir',
          dir
        ])
      ).stdout
    ) as { date: string; measured: number; unmeasured: number }[]
    expect(some.map((r) => r.date)).toEqual(['2023-05-01', '2023-05-02', '2023-05-03'])
    for (const r of some) expect(r.measured + r.unmeasured).toBeLessThanOrEqual(50)
    const on = JSON.parse((await cli(['index', '--json', '--data-dir', dir])).stdout) as {
      excluded: { id: string; reason: string }[]
      coins: { id: string }[]
    }
    const off = JSON.parse((await cli(['index', '--json', '--no-peg-detect', '--data-dir', dir])).stdout) as {
      excluded: { id: string }[]
      coins: { id: string }[]
    }
    expect(on.excluded).toContainEqual(expect.objectContaining({ id: 'dollarish', reason: 'pegged:usd' }))
    expect(off.coins.map((c) => c.id)).toContain('dollarish')
  })

  it('fails with a one-line reason: exit 2 for bad options, 1 with a NOT_FOUND document when there is no history', async () => {
    const bad = await cli(['history', '--json', '--window', '45', '--data-dir', dir])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--window must be one of 90, 30, 365/)
    expect((await cli(['index', '--date', '2023-02-30', '--data-dir', dir])).code).toBe(2)
    const none = await cli(['index', '--json', '--data-dir', empty])
    expect(none.code).toBe(1)
    expect(JSON.parse(none.stdout)).toMatchObject({ error: { code: 'NOT_FOUND' } })
    expect(none.stderr.trim().split('\n')).toHaveLength(1)
  })
})

describe('index --json says what the value rests on', () => {
  it('adds partial (coins with history of those tracked) and staleDays to the documented shape', async () => {
    const db = openDatabase(join(dir, 'seasonwatch.db'))
    const ids = (db.prepare('SELECT id FROM coins WHERE tracked = 1 ORDER BY id').all() as { id: string }[]).map(
      (row) => row.id
    )
    const fetched = db.prepare(
      "INSERT OR REPLACE INTO coin_history (coin_id, requested_from_day, covered_to_day, fetched_at, status) VALUES (?, 0, 0, 0, 'ok')"
    )
    // A first sync cut short after 100 coins' histories.
    for (const id of ids.slice(0, 100)) fetched.run(id)
    db.close()
    const cut = JSON.parse((await cli(['index', '--json', '--data-dir', dir])).stdout) as Record<string, unknown>
    // DESIGN.md section 5's fields stay; the two new ones come on top.
    for (const field of ['date', 'top', 'window', 'value', 'outperformers', 'measured', 'unmeasured', 'regime']) {
      expect(cut).toHaveProperty(field)
    }
    for (const field of ['btcRatio', 'coins', 'excluded']) expect(cut).toHaveProperty(field)
    expect(cut.partial).toEqual({ coinsWithHistory: 100, coinsTracked: ids.length })
    // The stored data ends on the dataset's last day, 2023-07-19; the clock is today's.
    const lastDay = (dayNumberOf('2023-01-01') as number) + 199
    expect(cut.staleDays).toBe(Math.floor(Date.now() / 86_400_000) - lastDay)

    const again = openDatabase(join(dir, 'seasonwatch.db'))
    const all = again.prepare(
      "INSERT OR REPLACE INTO coin_history (coin_id, requested_from_day, covered_to_day, fetched_at, status) VALUES (?, 0, 0, 0, 'ok')"
    )
    for (const id of ids) all.run(id)
    again.close()
    const whole = JSON.parse((await cli(['index', '--json', '--data-dir', dir])).stdout) as Record<string, unknown>
    expect(whole.partial).toBeNull()
  })
})
