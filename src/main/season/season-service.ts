import type { Database } from 'better-sqlite3'
import { dayNumberOf, isoDateOfDay } from '../../shared/dates'
import type { IsoDate } from '../../shared/dates'
import type { HistoryPoint, IndexResult } from '../../shared/contract/season'
import { AppError } from '../../shared/errors'
import { indexTops, indexWindows } from '../../shared/domain'
import type { Settings } from '../../shared/settings'
import type { Clock, Logger } from '../core/deps'
import type { EventBus } from '../core/events'
import { regimeOf } from '../../shared/domain'
import { computeBreakdown, computeDominance, computeHistory, prepareMarket } from './compute-index'
import { buildMatrix } from './market-matrix'
import { PEG_WINDOW_DAYS } from './peg-detector'
import { AS_OF_LIMIT_DAYS } from './market-matrix'
import { createSeasonRepo } from './season-repo'
import type { HistoryRow, VariantKey } from './season-repo'

/** Bump when the methodology or the curated list changes: stored history is then recomputed. */
export const SEASON_ENGINE_VERSION = 1

/** Tables this service writes, named in its db:changed events. */
export const SEASON_TABLES = ['season_history', 'season_dominance']

export interface VariantInput {
  top?: number
  window?: number
  pegDetection?: boolean
}

export interface RefreshResult {
  /** First and last recomputed dates; null when there was nothing to do. */
  from: IsoDate | null
  to: IsoDate | null
}

export interface SeasonService {
  /** Recomputes the days whose inputs changed since the last run (all of them the first time). */
  refresh(): RefreshResult
  /** One date's index with its breakdown; the latest computable date when none is given. */
  getIndex(input?: VariantInput & { date?: IsoDate }): IndexResult
  getHistory(input?: VariantInput & { from?: IsoDate; to?: IsoDate }): {
    top: 100 | 50
    window: 90 | 30 | 365
    points: HistoryPoint[]
  }
  getDominance(input?: { from?: IsoDate; to?: IsoDate }): {
    points: { date: IsoDate; dominance: number }[]
    global: { date: IsoDate; dominance: number } | null
  }
  getSeries(input: { coinId: string; from?: IsoDate; to?: IsoDate }): {
    coinId: string
    points: { date: IsoDate; price: number | null; marketCap: number | null }[]
  }
  /** The latest date with a value for the variant (settings' defaults when not given), or null. */
  latestDate(input?: VariantInput): IsoDate | null
  dispose(): void
}

export interface SeasonDeps {
  db: Database
  clock: Clock
  log: Logger
  events: EventBus
  settings: { get(): Settings }
}

const ALL_TOPS = [...indexTops]
const ALL_WINDOWS = [...indexWindows]
/** Waits this long after the last market write before recomputing, so a burst of writes costs one run. */
const REFRESH_DEBOUNCE_MS = 1000

/**
 * The day ranges whose raw values decide the index on days [from, to]: the peg window (30 days of
 * as-of prices, each reaching 2 days back) and, per window W, the as-of prices at d - W.
 * Loading only these keeps a one-day update small.
 */
export function inputRanges(from: number, to: number, windows: readonly number[] = ALL_WINDOWS): [number, number][] {
  const ranges: [number, number][] = [[from - (PEG_WINDOW_DAYS - 1) - AS_OF_LIMIT_DAYS, to]]
  for (const w of windows) ranges.push([from - w - AS_OF_LIMIT_DAYS, to - w])
  ranges.sort((a, b) => a[0] - b[0])
  const merged: [number, number][] = []
  for (const range of ranges) {
    const last = merged[merged.length - 1]
    if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1])
    else merged.push([range[0], range[1]])
  }
  return merged
}

export function createSeasonService(deps: SeasonDeps): SeasonService {
  const { db, clock, log, events } = deps
  const repo = createSeasonRepo(db)
  let disposed = false
  let timer: ReturnType<typeof setTimeout> | null = null
  let syncRunning = false

  function variantOf(input: VariantInput = {}): VariantKey & { top: 100 | 50; window: 90 | 30 | 365 } {
    const settings = deps.settings.get()
    const top = (input.top ?? settings.defaultTop) as 100 | 50
    const window = (input.window ?? settings.defaultWindow) as 90 | 30 | 365
    if (!ALL_TOPS.includes(top))
      throw new AppError('VALIDATION', `top must be one of ${ALL_TOPS.join(', ')}, not ${top}`)
    if (!ALL_WINDOWS.includes(window))
      throw new AppError('VALIDATION', `window must be one of ${ALL_WINDOWS.join(', ')} days, not ${window}`)
    return { top, window, pegDetection: input.pegDetection ?? settings.pegDetection }
  }

  function loadMarket(from: number, to: number) {
    const ranges = inputRanges(from, to)
    const first = ranges[0]?.[0] ?? from
    const columns = ranges.map(([a, b]) => [a - first, b - first] as const)
    return prepareMarket(buildMatrix(repo.valuesIn(ranges), first, to, repo.categories()), columns)
  }

  const refresh = (): RefreshResult =>
    db
      .transaction((): RefreshResult => {
        const state = repo.state()
        const bounds = repo.dayBounds()
        const maxChangeId = repo.maxChangeId()
        let from: number | null = null
        if (!bounds) {
          if (state?.computedTo != null) from = -Infinity
        } else if (
          !state ||
          state.engineVersion !== SEASON_ENGINE_VERSION ||
          state.computedFrom === null ||
          state.computedTo === null
        ) {
          from = bounds.first
        } else {
          if (maxChangeId > state.lastChangeId) from = repo.changedFrom(state.lastChangeId)
          // Writes that did not log a change still show as stored days outside what was computed.
          if (bounds.first < state.computedFrom) from = bounds.first
          else if (bounds.last !== state.computedTo)
            from = Math.min(from ?? Infinity, state.computedTo + 1, bounds.last)
          if (from !== null) from = Math.max(from, bounds.first)
        }
        if (from === null) {
          if (!state || state.lastChangeId !== maxChangeId) saveState(maxChangeId, bounds)
          return { from: null, to: null }
        }
        if (!bounds) {
          repo.replaceFrom(-1e9, [], [])
          saveState(maxChangeId, null)
          return { from: null, to: null }
        }
        const started = clock.now()
        recompute(from, bounds.last)
        saveState(maxChangeId, bounds)
        log.debug('season index recomputed', {
          from: isoDateOfDay(from),
          to: isoDateOfDay(bounds.last),
          ms: clock.now() - started
        })
        return { from: isoDateOfDay(from), to: isoDateOfDay(bounds.last) }
      })
      .immediate()

  function saveState(lastChangeId: number, bounds: { first: number; last: number } | null) {
    repo.saveState(
      {
        lastChangeId,
        engineVersion: SEASON_ENGINE_VERSION,
        computedFrom: bounds?.first ?? null,
        computedTo: bounds?.last ?? null
      },
      clock.now()
    )
  }

  function recompute(from: number, to: number) {
    const market = loadMarket(from, to)
    const history: { key: VariantKey; rows: HistoryRow[] }[] = []
    for (const pegDetection of [true, false]) {
      const result = computeHistory(market, {
        tops: ALL_TOPS,
        windows: ALL_WINDOWS,
        pegDetection,
        fromDay: from,
        toDay: to
      })
      for (const series of result.variants) {
        const rows: HistoryRow[] = []
        for (let s = 0; s < result.dayCount; s += 1) {
          const value = series.value[s] as number
          if (value !== value) continue
          rows.push({
            day: result.firstDay + s,
            value,
            outperformers: series.outperformers[s] as number,
            measured: series.measured[s] as number,
            unmeasured: series.unmeasured[s] as number
          })
        }
        history.push({ key: { top: series.top, window: series.window, pegDetection }, rows })
      }
    }
    const dom = computeDominance(market, from, to)
    const dominance: { day: number; dominance: number }[] = []
    dom.values.forEach((value, s) => {
      if (value === value) dominance.push({ day: dom.firstDay + s, dominance: value })
    })
    repo.replaceFrom(from, history, dominance)
  }

  /**
   * Reads see the stored market: a sync from another process is picked up here. While this
   * process's own sync is writing, reads keep the last complete history instead of recomputing
   * after every coin it backfills; the sync's end triggers the refresh.
   */
  function refreshBeforeRead(): void {
    if (!syncRunning) refreshAndNotify()
  }

  function refreshAndNotify(): void {
    const result = refresh()
    if (result.from !== null) {
      events.emit('season:updated', { from: result.from, to: result.to })
      events.emit('db:changed', { tables: SEASON_TABLES })
    }
  }

  function parseDay(date: IsoDate | undefined, name: string): number | undefined {
    if (date === undefined) return undefined
    const day = dayNumberOf(date)
    if (day === null) throw new AppError('VALIDATION', `${name} must be a real date as YYYY-MM-DD, not "${date}"`)
    return day
  }

  function range(input: { from?: IsoDate; to?: IsoDate }): [number, number] {
    const from = parseDay(input.from, 'from') ?? -1e9
    const to = parseDay(input.to, 'to') ?? 1e9
    if (from > to) throw new AppError('VALIDATION', `from (${input.from}) is after to (${input.to})`)
    return [from, to]
  }

  const unsubscribe = events.subscribe((name, payload) => {
    if (disposed) return
    // The sync announces its state; recompute once it finishes rather than on each of its writes.
    if ((name as string) === 'sync:state') {
      const running = (payload as { running?: boolean } | null)?.running === true
      if (syncRunning && !running) schedule(0)
      syncRunning = running
      return
    }
    if (name !== 'db:changed') return
    const tables = (payload as { tables: string[] }).tables
    if (!syncRunning && tables.some((table) => table === 'daily_values' || table === 'coin_categories'))
      schedule(REFRESH_DEBOUNCE_MS)
  })

  function schedule(delay: number) {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      if (disposed) return
      try {
        refreshAndNotify()
      } catch (error) {
        log.error('season index refresh failed', { error: String(error) })
      }
    }, delay)
    timer.unref?.()
  }

  return {
    refresh() {
      if (timer) clearTimeout(timer)
      timer = null
      const result = refresh()
      if (result.from !== null) {
        events.emit('season:updated', { from: result.from, to: result.to })
        events.emit('db:changed', { tables: SEASON_TABLES })
      }
      return result
    },

    getIndex(input = {}) {
      refreshBeforeRead()
      const key = variantOf(input)
      const latest = repo.latestDay(key)
      const day = parseDay(input.date, 'date') ?? latest
      const label = `top ${key.top}, ${key.window}-day window`
      if (day === null || day === undefined) {
        throw new AppError(
          'NOT_FOUND',
          `Not enough history yet to compute the index (${label}): it needs bitcoin's price and coins with prices ${key.window} days apart. Run a sync (with at least ${key.window + 1} days of history) first.`
        )
      }
      const bounds = repo.dayBounds()
      const date = isoDateOfDay(day)
      if (!bounds || day < bounds.first || day > bounds.last) {
        throw new AppError(
          'NOT_FOUND',
          `No market data is stored for ${date}${bounds ? ` (stored: ${isoDateOfDay(bounds.first)} to ${isoDateOfDay(bounds.last)})` : ''}.`
        )
      }
      const market = loadMarket(day, day)
      const b = computeBreakdown(market, day, key.top, key.window, key.pegDetection)
      if (b.value === null || b.btcRatio === null) {
        const why =
          b.btcRatio === null
            ? `bitcoin has no price on ${date} or ${key.window} days before it`
            : `none of the ${b.coins.length} ranked coins has a price ${key.window} days before it`
        throw new AppError('NOT_FOUND', `No index value for ${date} (${label}): ${why}.`)
      }
      const info = repo.coins()
      const ids = market.matrix.ids
      return {
        date,
        top: key.top,
        window: key.window,
        value: b.value,
        outperformers: b.outperformers,
        measured: b.measured,
        unmeasured: b.unmeasured,
        regime: regimeOf(b.value),
        btcRatio: b.btcRatio,
        coins: b.coins.map((c) => {
          const id = ids[c.coin] as string
          const coin = info.get(id)
          return {
            id,
            symbol: coin?.symbol ?? id,
            name: coin?.name ?? id,
            rank: c.rank,
            marketCap: c.marketCap,
            ratio: c.ratio,
            outperforms: c.outperforms
          }
        }),
        excluded: b.excluded.map((e) => ({ id: ids[e.coin] as string, reason: e.reason }))
      }
    },

    getHistory(input = {}) {
      refreshBeforeRead()
      const key = variantOf(input)
      const [from, to] = range(input)
      const points = repo.history(key, from, to).map((row) => ({
        date: isoDateOfDay(row.day),
        value: row.value,
        outperformers: row.outperformers,
        measured: row.measured,
        unmeasured: row.unmeasured,
        regime: regimeOf(row.value)
      }))
      return { top: key.top, window: key.window, points }
    },

    getDominance(input = {}) {
      refreshBeforeRead()
      const [from, to] = range(input)
      const points = repo.dominance(from, to).map((row) => ({ date: isoDateOfDay(row.day), dominance: row.dominance }))
      const global = repo.latestGlobal()
      const today = Math.floor(clock.now() / 86_400_000)
      // The provider's figure describes the current market only: shown when it is as of today (as-of rule).
      const current = global && today - global.day <= AS_OF_LIMIT_DAYS && global.day <= today
      return { points, global: current ? { date: isoDateOfDay(global.day), dominance: global.btc_dominance } : null }
    },

    getSeries(input) {
      if (!repo.coinExists(input.coinId)) throw new AppError('NOT_FOUND', `No coin "${input.coinId}" is stored.`)
      const [from, to] = range(input)
      return {
        coinId: input.coinId,
        points: repo
          .series(input.coinId, from, to)
          .map((row) => ({ date: isoDateOfDay(row.day), price: row.price, marketCap: row.market_cap }))
      }
    },

    latestDate(input = {}) {
      refreshBeforeRead()
      const day = repo.latestDay(variantOf(input))
      return day === null ? null : isoDateOfDay(day)
    },

    dispose() {
      disposed = true
      if (timer) clearTimeout(timer)
      timer = null
      unsubscribe()
    }
  }
}
