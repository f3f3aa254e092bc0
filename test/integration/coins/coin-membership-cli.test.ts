import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/db/connection'
import type { CoinPage } from '../../../src/shared/contract/coins'
import type { IndexResult } from '../../../src/shared/contract/season'
import { dayNumberOf } from '../../../src/shared/dates'
import { runCliCaptured } from '../../support/run-cli'
import { writeDataset } from '../season/direct-load'
import { syntheticDataset } from '../season/synthetic-dataset'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'seasonwatch-coin-cli-'))
  const db = openDatabase(join(dir, 'seasonwatch.db'))
  writeDataset(db, syntheticDataset({ firstDay: dayNumberOf('2023-01-01') as number, days: 200, alts: 120, seed: 3 }))
  db.close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function json<T>(args: string[]): Promise<T> {
  const result = await runCliCaptured([...args, '--json', '--data-dir', dir])
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout) as T
}

/** What one day's breakdown says of one coin, in the coin page's words. */
function fromIndex(index: IndexResult, id: string) {
  const ranked = index.coins.find((c) => c.id === id)
  if (ranked) {
    const status = ranked.ratio === null ? 'ranked' : ranked.outperforms ? 'outperformer' : 'measured'
    return { status, rank: ranked.rank, ratio: ranked.ratio, outperforms: ranked.outperforms, reason: null }
  }
  // The breakdown leaves the benchmark out of its exclusions; the coin page names it.
  if (id === 'bitcoin') return { status: 'excluded', rank: null, reason: 'benchmark' }
  const excluded = index.excluded.find((e) => e.id === id)
  if (excluded) return { status: 'excluded', rank: null, reason: excluded.reason }
  return { status: 'outside', rank: null, reason: null }
}

const sampleDays = ['2023-04-01', '2023-05-17', '2023-06-02', '2023-07-19']
const variants: string[][] = [[], ['--top', '50', '--window', '30'], ['--no-peg-detect']]

describe('coin ID --json', () => {
  it('says on each sample day exactly what index --date said of the coin: rank, ratio, beating bitcoin, exclusion', async () => {
    const ids = ['ethereum', 'tether', 'dollarish', 'alt-0003', 'alt-0042', 'alt-0117', 'bitcoin']
    let compared = 0
    const seen = new Set<string>()
    for (const variant of variants) {
      for (const date of sampleDays) {
        const index = await json<IndexResult>(['index', '--date', date, ...variant])
        // Coins that were ranked, excluded and left out that day, not only the ids above.
        const sample = [...ids, ...index.coins.slice(-3).map((c) => c.id), ...index.excluded.map((e) => e.id)]
        for (const id of new Set(sample)) {
          const page = await json<CoinPage>(['coin', id, '--from', date, '--to', date, ...variant])
          const expected = fromIndex(index, id)
          // Days before a coin's first stored price are not on its page: it was in no index then.
          if (page.days.length === 0) {
            expect(expected.status).toBe('outside')
            continue
          }
          expect(page.days).toHaveLength(1)
          const day = page.days[0]!
          expect({ ...day, id }).toMatchObject({ date, id, ...expected })
          if (day.status !== 'outside') expect(day.btcRatio).toBeCloseTo(index.btcRatio, 12)
          seen.add(day.status)
          compared += 1
        }
      }
    }
    expect(compared).toBeGreaterThan(60)
    expect([...seen].sort()).toEqual(['excluded', 'measured', 'outperformer', 'outside', 'ranked'])
  })

  it('a pegged coin is excluded with its evidence only while peg detection is on', async () => {
    const on = await json<CoinPage>(['coin', 'dollarish', '--from', '2023-05-01', '--to', '2023-05-10'])
    const pegged = on.days.filter((d) => d.reason === 'pegged:usd')
    expect(pegged.length).toBeGreaterThan(0)
    for (const d of pegged) expect(d.pegSpread).toBeGreaterThanOrEqual(1)
    for (const d of pegged) expect(d.pegSpread).toBeLessThanOrEqual(1.02)
    const off = await json<CoinPage>([
      'coin',
      'dollarish',
      '--from',
      '2023-05-01',
      '--to',
      '2023-05-10',
      '--no-peg-detect'
    ])
    expect(off.days.every((d) => d.reason === null)).toBe(true)
  })

  it('returns the series in USD and BTC over the asked dates, as of the last stored day', async () => {
    const page = await json<CoinPage>(['coin', 'ethereum', '--from', '2023-07-01', '--to', '2023-07-05'])
    const btc = await json<CoinPage>(['coin', 'bitcoin', '--from', '2023-07-01', '--to', '2023-07-05'])
    expect(page.asOf).toBe('2023-07-19')
    expect(page.days.map((d) => d.date)).toEqual(['2023-07-01', '2023-07-02', '2023-07-03', '2023-07-04', '2023-07-05'])
    page.days.forEach((d, i) => {
      expect(d.priceBtc).toBeCloseTo(d.price! / btc.days[i]!.price!, 12)
    })
    expect(btc.days.every((d) => d.priceBtc === 1)).toBe(true)
    const all = await json<CoinPage>(['coin', 'ethereum'])
    expect(all.days).toHaveLength(200)
    expect(all.holding).toBeNull()
  })

  it('refuses an unknown coin and reversed dates in plain words', async () => {
    const missing = await runCliCaptured(['coin', 'no-such-coin', '--json', '--data-dir', dir])
    expect(missing.code).not.toBe(0)
    expect(missing.stderr).toMatch(/No coin "no-such-coin" is stored/)
    const reversed = await runCliCaptured([
      'coin',
      'ethereum',
      '--from',
      '2023-05-02',
      '--to',
      '2023-05-01',
      '--data-dir',
      dir
    ])
    expect(reversed.code).not.toBe(0)
    expect(reversed.stderr).toMatch(/after/)
  })
})
