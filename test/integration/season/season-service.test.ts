import { afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core/create-core'
import type { Core } from '../../../src/main/core/create-core'
import { computeHistory, prepareMarket } from '../../../src/main/season/compute-index'
import { buildMatrix } from '../../../src/main/season/market-matrix'
import type { DailyRow } from '../../../src/main/market/market-reads'
import { dayNumberOf, isoDateOfDay } from '../../../src/shared/dates'
import type { MarketDataset } from '../../support/market-dataset'
import { writeDataset } from './direct-load'
import { syntheticDataset } from './synthetic-dataset'

const FIRST = dayNumberOf('2023-01-01') as number
const MS = 86_400_000
const cores: Core[] = []
afterEach(() => {
  for (const core of cores.splice(0)) core.close()
})
function newCore(now = (FIRST + 1000) * MS): Core {
  const core = createCore({
    dataDir: '/nonexistent',
    runtime: 'cli',
    databasePath: ':memory:',
    clock: { now: () => now }
  })
  cores.push(core)
  return core
}

/** The dataset cut to days before `until` (exclusive). */
function cut(dataset: MarketDataset, until: number): MarketDataset {
  return { coins: dataset.coins.map((c) => ({ ...c, points: c.points.filter((p) => p.t < until * MS) })) }
}

/** The history straight from the engine over the whole dataset, for comparison. */
function engineHistory(dataset: MarketDataset, top: number, window: number, pegDetection: boolean) {
  const rows: DailyRow[] = []
  for (const c of dataset.coins)
    for (const p of c.points)
      rows.push({ coinId: c.id, day: Math.floor(p.t / MS), price: p.price, marketCap: p.marketCap })
  const last = Math.max(...rows.map((r) => r.day))
  const matrix = buildMatrix(rows, FIRST, last, new Map(dataset.coins.map((c) => [c.id, c.categories])))
  const h = computeHistory(prepareMarket(matrix), { tops: [top], windows: [window], pegDetection })
  const v = h.variants[0]!
  const points = []
  for (let s = 0; s < h.dayCount; s += 1) {
    if (Number.isNaN(v.value[s])) continue
    points.push({
      date: isoDateOfDay(h.firstDay + s),
      value: v.value[s],
      outperformers: v.outperformers[s],
      measured: v.measured[s],
      unmeasured: v.unmeasured[s]
    })
  }
  return points
}

const dataset = syntheticDataset({ firstDay: FIRST, days: 500, alts: 130, seed: 7 })

describe('season service', () => {
  it('answers NOT_FOUND in plain words before there is enough history', async () => {
    const core = newCore()
    const reply = await core.dispatch('season:get-index', {}, { runtime: 'cli' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(!reply.ok && reply.error.message).toMatch(/^Not enough history yet/)
    writeDataset(core.services.db, cut(dataset, FIRST + 60))
    // 60 days of data: the 30-day window is computable, the 90-day one is not yet.
    expect(core.services.season.getIndex({ window: 30 }).date).toBe(isoDateOfDay(FIRST + 59))
    expect(() => core.services.season.getIndex({ window: 90 })).toThrow(/Not enough history yet/)
    // The same question for callers that go on without an index: null, not an error to catch.
    expect(core.services.season.findIndex({ window: 90 })).toBeNull()
    expect(core.services.season.findIndex({ window: 30 })?.date).toBe(isoDateOfDay(FIRST + 59))
    expect(await core.dispatch('season:get-history', { window: 90 }, { runtime: 'cli' })).toEqual({
      ok: true,
      data: { top: 100, window: 90, points: [] }
    })
  })

  it('stores every variant with the figures the engine computes, and the breakdown matches the history row', () => {
    const core = newCore()
    writeDataset(core.services.db, dataset)
    for (const [top, window, peg] of [
      [100, 90, true],
      [50, 30, false],
      [50, 365, true]
    ] as const) {
      const stored = core.services.season.getHistory({ top, window, pegDetection: peg }).points
      const expected = engineHistory(dataset, top, window, peg)
      expect(stored.length).toBe(expected.length)
      expect(stored.map(({ regime: _r, ...p }) => p)).toEqual(expected)
    }
    const history = core.services.season.getHistory({}).points
    for (const point of [history[0]!, history[200]!, history[history.length - 1]!]) {
      const index = core.services.season.getIndex({ date: point.date })
      expect({
        date: index.date,
        value: index.value,
        outperformers: index.outperformers,
        measured: index.measured,
        unmeasured: index.unmeasured,
        regime: index.regime
      }).toEqual(point)
      expect(index.coins).toHaveLength(point.measured + point.unmeasured)
      expect(index.coins.filter((c) => c.outperforms).length).toBe(point.outperformers)
      expect(index.excluded).toContainEqual(expect.objectContaining({ id: 'tether', reason: 'category:stablecoins' }))
      expect(index.excluded).toContainEqual(expect.objectContaining({ id: 'dollarish', reason: 'pegged:usd' }))
    }
    expect(core.services.season.getIndex({}).date).toBe(history[history.length - 1]!.date)
  })

  it('recomputes only from the changed day on, and lands where a full computation does', () => {
    const core = newCore()
    const events: string[] = []
    core.events.onAny((name, payload) => events.push(`${name} ${JSON.stringify(payload)}`))
    writeDataset(core.services.db, cut(dataset, FIRST + 450))
    expect(core.services.season.refresh()).toEqual({ from: isoDateOfDay(FIRST), to: isoDateOfDay(FIRST + 449) })
    expect(core.services.season.refresh()).toEqual({ from: null, to: null })
    const before = core.services.season.getHistory({}).points
    // The sync adds the remaining days: only they are recomputed.
    writeDataset(core.services.db, {
      coins: dataset.coins.map((c) => ({ ...c, points: c.points.filter((p) => p.t >= (FIRST + 450) * MS) }))
    })
    expect(core.services.season.refresh()).toEqual({ from: isoDateOfDay(FIRST + 450), to: isoDateOfDay(FIRST + 499) })
    expect(events).toContain(
      `season:updated {"from":"${isoDateOfDay(FIRST + 450)}","to":"${isoDateOfDay(FIRST + 499)}"}`
    )
    expect(events).toContain('data:changed {"topics":["season"]}')
    const after = core.services.season.getHistory({}).points
    expect(after.slice(0, before.length)).toEqual(before)
    expect(after.map(({ regime: _r, ...p }) => p)).toEqual(engineHistory(dataset, 100, 90, true))

    // A corrected past value changes that day and the days whose windows reach it.
    const btc = dataset.coins.find((c) => c.id === 'bitcoin')!
    const day = FIRST + 300
    const point = btc.points.find((p) => p.t === day * MS)!
    const corrected: MarketDataset = {
      coins: [{ ...btc, points: [{ t: day * MS + 3_600_000, price: point.price! * 1.5, marketCap: point.marketCap }] }]
    }
    writeDataset(core.services.db, corrected)
    expect(core.services.season.refresh().from).toBe(isoDateOfDay(day))
    const fixed = core.services.season.getHistory({}).points
    expect(fixed.filter((p) => p.date < isoDateOfDay(day))).toEqual(after.filter((p) => p.date < isoDateOfDay(day)))
    expect(fixed.find((p) => p.date === isoDateOfDay(day))).not.toEqual(after.find((p) => p.date === isoDateOfDay(day)))
  })

  it('recomputes everything by itself when the stored history was built for another set of variants', () => {
    const core = newCore()
    writeDataset(core.services.db, dataset)
    const before = core.services.season.getHistory({}).points
    expect(core.services.season.refresh().from).toBeNull()
    const db = core.services.db
    // As if an older version computed a window this one no longer has, with another variant list.
    db.prepare(
      'INSERT INTO season_history (top_n, window_days, peg_detection, day, value, outperformers, measured, unmeasured) VALUES (100, 180, 1, ?, 50, 1, 2, 0)'
    ).run(FIRST + 300)
    db.prepare("UPDATE season_state SET variants = 'engine 1; tops 100,50; windows 90,30,365,180; peg on,off'").run()
    expect(core.services.season.refresh()).toEqual({ from: isoDateOfDay(FIRST), to: isoDateOfDay(FIRST + 499) })
    expect(db.prepare('SELECT count(*) AS n FROM season_history WHERE window_days = 180').get()).toEqual({ n: 0 })
    expect(core.services.season.getHistory({}).points).toEqual(before)
    expect(core.services.season.refresh().from).toBeNull()
  })

  it("waits for this process's sync to finish, then recomputes once and announces it", async () => {
    const core = newCore()
    core.start({ syncSchedule: false })
    const updates: unknown[] = []
    core.events.on('season:updated', (payload) => updates.push(payload))
    const syncState = (running: boolean) => core.events.emit('sync:state' as never, { running } as never)
    syncState(true)
    writeDataset(core.services.db, dataset)
    core.events.changed('market')
    // A first sync has no history to keep: a read computes what the stored coins allow.
    const first = core.services.season.getHistory({}).points
    expect(first.length).toBeGreaterThan(300)
    expect(updates).toHaveLength(1)
    // Once a history exists, mid-sync reads keep it rather than recompute per write.
    const top = core.services.season.getIndex({}).coins[0]!.id
    core.services.db.prepare('INSERT INTO coin_categories (coin_id, category) VALUES (?, ?)').run(top, 'wrapped-tokens')
    core.services.db.prepare('INSERT INTO market_changes (from_day, at) VALUES (0, 0)').run()
    core.events.changed('market')
    expect(core.services.season.getHistory({}).points).toEqual(first)
    syncState(false)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(updates).toEqual([
      { from: isoDateOfDay(FIRST), to: isoDateOfDay(FIRST + 499) },
      { from: isoDateOfDay(FIRST), to: isoDateOfDay(FIRST + 499) }
    ])
    expect(core.services.season.getHistory({}).points).not.toEqual(first)
  })

  it('applies a category change to every date', () => {
    const core = newCore()
    writeDataset(core.services.db, dataset)
    const top = core.services.season.getIndex({}).coins[0]!.id
    core.services.db.prepare('INSERT INTO coin_categories (coin_id, category) VALUES (?, ?)').run(top, 'wrapped-tokens')
    core.services.db.prepare('INSERT INTO market_changes (from_day, at) VALUES (0, 0)').run()
    const index = core.services.season.getIndex({})
    expect(index.coins.map((c) => c.id)).not.toContain(top)
    expect(index.excluded).toContainEqual(expect.objectContaining({ id: top, reason: 'category:wrapped-tokens' }))
  })

  it("gives dominance over the tracked coins and the provider's figure only when it is current", () => {
    const core = newCore((FIRST + 500) * MS)
    writeDataset(core.services.db, dataset)
    const { points, global } = core.services.season.getDominance({
      from: isoDateOfDay(FIRST + 10),
      to: isoDateOfDay(FIRST + 12)
    })
    expect(points.map((p) => p.date)).toEqual([FIRST + 10, FIRST + 11, FIRST + 12].map(isoDateOfDay))
    for (const p of points) expect(p.dominance).toBeGreaterThan(0)
    expect(global).toBeNull()
    core.services.db
      .prepare('INSERT INTO global_daily (day, btc_dominance, total_market_cap, observed_at) VALUES (?, ?, ?, ?)')
      .run(FIRST + 499, 54.2, 2e12, 0)
    expect(core.services.season.getDominance({}).global).toEqual({ date: isoDateOfDay(FIRST + 499), dominance: 54.2 })
  })

  it('refuses bad ranges and unknown coins with clear errors', async () => {
    const core = newCore()
    writeDataset(core.services.db, dataset)
    expect(
      await core.dispatch('season:get-history', { from: '2024-02-01', to: '2024-01-01' }, { runtime: 'cli' })
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await core.dispatch('season:get-index', { top: 70 } as never, { runtime: 'cli' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' }
    })
    expect(await core.dispatch('season:get-index', { date: '2019-01-01' }, { runtime: 'cli' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
    expect(await core.dispatch('market:get-series', { coinId: 'nope' }, { runtime: 'cli' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
    const series = await core.dispatch(
      'market:get-series',
      { coinId: 'bitcoin', from: isoDateOfDay(FIRST), to: isoDateOfDay(FIRST + 1) },
      { runtime: 'cli' }
    )
    expect(series).toMatchObject({
      ok: true,
      data: { coinId: 'bitcoin', points: [{ date: isoDateOfDay(FIRST) }, { date: isoDateOfDay(FIRST + 1) }] }
    })
  })
})
