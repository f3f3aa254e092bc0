import { afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core/create-core'
import type { Core } from '../../../src/main/core/create-core'
import { createSeasonRepo } from '../../../src/main/season/season-repo'
import { dayNumberOf } from '../../../src/shared/dates'
import type { MarketDataset } from '../../support/market-dataset'
import { writeDataset } from '../season/direct-load'
import { syntheticDataset } from '../season/synthetic-dataset'

const FIRST = dayNumberOf('2023-01-01') as number
const MS = 86_400_000
const cores: Core[] = []
afterEach(() => {
  for (const core of cores.splice(0)) core.close()
})
function newCore(): Core {
  const core = createCore({
    dataDir: '/nonexistent',
    runtime: 'cli',
    databasePath: ':memory:',
    clock: { now: () => (FIRST + 1000) * MS }
  })
  cores.push(core)
  return core
}

const keep = (dataset: MarketDataset, test: (t: number) => boolean): MarketDataset => ({
  coins: dataset.coins.map((c) => ({ ...c, points: c.points.filter((p) => test(p.t)) }))
})

/** Every stored coin's ranks as plain arrays from the first day, peg detection on and off. */
function storedRanks(core: Core, ids: string[]) {
  const repo = createSeasonRepo(core.services.db)
  const out: Record<string, number[]> = {}
  for (const peg of [true, false])
    for (const id of ids) {
      const r = repo.ranksOf(id, peg)
      if (r) out[`${id}/${peg}`] = [r.firstDay, ...r.ranks]
    }
  return out
}

describe('stored index ranks', () => {
  const dataset = syntheticDataset({ firstDay: FIRST, days: 260, alts: 130, seed: 11 })
  const ids = dataset.coins.map((c) => c.id)

  it('after an incremental refresh equal those of one rebuild of the whole history', () => {
    const whole = newCore()
    writeDataset(whole.services.db, dataset)
    whole.services.season.refresh()

    const stepwise = newCore()
    const split = (FIRST + 200) * MS
    writeDataset(
      stepwise.services.db,
      keep(dataset, (t) => t < split)
    )
    stepwise.services.season.refresh()
    writeDataset(
      stepwise.services.db,
      keep(dataset, (t) => t >= split)
    )
    const { from } = stepwise.services.season.refresh()
    // Only the new days were recomputed.
    expect(from).toBe('2023-07-20')
    const expected = storedRanks(whole, ids)
    expect(Object.keys(expected).length).toBeGreaterThan(100)
    expect(storedRanks(stepwise, ids)).toEqual(expected)
  })

  it('agree with the breakdown of the day: rank k of the top 100 is stored as k', () => {
    const core = newCore()
    writeDataset(core.services.db, dataset)
    const index = core.services.season.getIndex({ date: '2023-08-01', top: 100, window: 90, pegDetection: true })
    const repo = createSeasonRepo(core.services.db)
    const day = dayNumberOf('2023-08-01') as number
    for (const coin of index.coins) {
      const r = repo.ranksOf(coin.id, true)!
      expect(r.ranks[day - r.firstDay]).toBe(coin.rank)
    }
    // A coin never ranked (the benchmark, a labelled stablecoin) has no row at all.
    expect(repo.ranksOf('bitcoin', true)).toBeNull()
    expect(repo.ranksOf('tether', false)).toBeNull()
  })
})
