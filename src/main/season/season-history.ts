import type { Database } from 'better-sqlite3'
import { isoDateOfDay } from '../../shared/dates'
import type { IsoDate } from '../../shared/dates'
import { indexTops, indexWindows } from '../../shared/domain'
import type { Clock, Logger } from '../ports/deps'
import type { DayBounds, MarketReads } from '../market/market-reads'
import { computeDominance, computeHistory, prepareMarket } from './compute-index'
import type { HistoryResult, PreparedMarket } from './compute-index'
import { buildMatrix } from './market-matrix'
import type { HistoryRow, SeasonRepo, VariantKey } from './season-repo'
import { SEASON_ENGINE_VERSION, inputRanges, variantSignature } from './variants'

export interface RefreshResult {
  /** First and last recomputed dates; null when there was nothing to do. */
  from: IsoDate | null
  to: IsoDate | null
}

export interface HistoryDeps {
  db: Database
  market: MarketReads
  repo: SeasonRepo
  clock: Clock
  log: Logger
}

/**
 * Keeps the stored index history in step with the stored market: every variant, peg detection on
 * and off, recomputed from the first day whose inputs changed (the market's change log says which),
 * or from the start when the engine or the set of variants is not what the history was built with.
 */
export function createHistoryUpdater(deps: HistoryDeps) {
  const { db, market, repo, clock, log } = deps

  /** The market over [from, to] with only the lookback days the rules read (see inputRanges). */
  function loadMarket(from: number, to: number): PreparedMarket {
    const ranges = inputRanges(from, to)
    const first = ranges[0]?.[0] ?? from
    const columns = ranges.map(([a, b]) => [a - first, b - first] as const)
    return prepareMarket(buildMatrix(market.valuesIn(ranges), first, to, market.categories()), columns)
  }

  /** The first day to recompute, 'all' for everything, or null when the history is current. */
  function firstStaleDay(bounds: DayBounds | null, maxChangeId: number): number | 'all' | null {
    const state = repo.state()
    if (!bounds) return state?.computedTo != null ? 'all' : null
    if (!state || state.variants !== variantSignature() || state.computedFrom === null || state.computedTo === null)
      return 'all'
    let from: number | null = null
    if (maxChangeId > state.lastChangeId) from = market.changedFrom(state.lastChangeId)
    // Writes that did not log a change still show as stored days outside what was computed.
    if (bounds.first < state.computedFrom) from = bounds.first
    else if (bounds.last !== state.computedTo) from = Math.min(from ?? Infinity, state.computedTo + 1, bounds.last)
    return from === null ? null : Math.max(from, bounds.first)
  }

  function saveState(lastChangeId: number, bounds: DayBounds | null): void {
    repo.saveState(
      {
        lastChangeId,
        engineVersion: SEASON_ENGINE_VERSION,
        variants: variantSignature(),
        computedFrom: bounds?.first ?? null,
        computedTo: bounds?.last ?? null
      },
      clock.now()
    )
  }

  function recompute(from: number, to: number): void {
    const prepared = loadMarket(from, to)
    const history: { key: VariantKey; rows: HistoryRow[] }[] = []
    for (const pegDetection of [true, false]) {
      const result = computeHistory(prepared, {
        tops: indexTops,
        windows: indexWindows,
        pegDetection,
        fromDay: from,
        toDay: to
      })
      repo.replaceRanksFrom(pegDetection, from, ranksByCoin(prepared, result))
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
    const dom = computeDominance(prepared, from, to)
    const dominance: { day: number; dominance: number }[] = []
    dom.values.forEach((value, s) => {
      if (value === value) dominance.push({ day: dom.firstDay + s, dominance: value })
    })
    repo.replaceFrom(from, history, dominance)
  }

  return {
    loadMarket,
    /** Recomputes what changed since the last run, in one write transaction. */
    refresh: (): RefreshResult =>
      db
        .transaction((): RefreshResult => {
          const bounds = market.dayBounds()
          const maxChangeId = market.maxChangeId()
          const stale = firstStaleDay(bounds, maxChangeId)
          if (stale === null) {
            if (repo.state()?.lastChangeId !== maxChangeId) saveState(maxChangeId, bounds)
            return { from: null, to: null }
          }
          // A rebuild clears every stored variant first, so one no longer computed does not linger.
          if (stale === 'all') {
            repo.replaceFrom(-1e9, [], [])
            repo.clearRanks()
          }
          if (!bounds) {
            saveState(maxChangeId, null)
            return { from: null, to: null }
          }
          const from = stale === 'all' ? bounds.first : stale
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
  }
}

/** The history's daily ranking turned around: per ranked coin, its rank (1-based) on each day, 0 when unranked. */
function ranksByCoin(prepared: PreparedMarket, result: HistoryResult): Map<string, Uint8Array> {
  const { ranking } = result
  const byCoin = new Map<number, Uint8Array>()
  for (let s = 0; s < result.dayCount; s += 1) {
    const count = ranking.count[s] as number
    for (let r = 0; r < count; r += 1) {
      const coin = ranking.coins[s * ranking.size + r] as number
      let days = byCoin.get(coin)
      if (!days) byCoin.set(coin, (days = new Uint8Array(result.dayCount)))
      days[s] = Math.min(255, r + 1)
    }
  }
  const ids = prepared.matrix.ids
  return new Map([...byCoin].map(([coin, days]) => [ids[coin] as string, days]))
}
