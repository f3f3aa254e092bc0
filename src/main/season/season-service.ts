import type { Database } from 'better-sqlite3'
import { dayNumberOf, isoDateOfDay } from '../../shared/dates'
import type { IsoDate } from '../../shared/dates'
import type { HistoryPoint, IndexResult } from '../../shared/contract/season'
import { regimeOf } from '../../shared/domain'
import type { IndexTop, IndexWindow } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import type { Settings } from '../../shared/settings'
import type { Clock, Logger } from '../ports/deps'
import { createDebounce } from '../ports/debounce'
import type { EventBus } from '../ports/events'
import { AS_OF_LIMIT_DAYS } from '../market/as-of'
import type { CoinValues, MarketReads, PriceSeries } from '../market/market-reads'
import { coinMembership, membershipLookback } from './coin-membership'
import type { MembershipDay } from './coin-membership'
import { computeBreakdown } from './compute-index'
import { createHistoryUpdater } from './season-history'
import type { RefreshResult } from './season-history'
import { createSeasonRepo } from './season-repo'
import { computeProvisional, isProvisionalWindow } from './provisional-index'
import { excludedCategories } from './exclusions'
import { resolveVariant } from './variants'
import type { Variant, VariantInput } from './variants'

export type { RefreshResult } from './season-history'
export type { Variant, VariantInput } from './variants'
export type { MembershipDay, MembershipStatus } from './coin-membership'

export interface SeasonService {
  /** Recomputes the days whose inputs changed since the last run (all of them the first time). */
  refresh(): RefreshResult
  /** One date's index with its breakdown (the latest computable date when none is given), or null. */
  findIndex(input?: VariantInput & { date?: IsoDate }): IndexResult | null
  /** Like findIndex, but a missing value is a NOT_FOUND error that says why. */
  getIndex(input?: VariantInput & { date?: IsoDate }): IndexResult
  getHistory(input?: VariantInput & { from?: IsoDate; to?: IsoDate }): {
    top: IndexTop
    window: IndexWindow
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
  /** One coin's place in the index on each day of [from, to] (the variant of `input`, settings' defaults otherwise). */
  getMembership(input: VariantInput & { coinId: string; from: number; to: number }): {
    variant: Variant
    days: MembershipDay[]
    /** What it read from the lookback before `from` to `to`: the coin's stored days and bitcoin's prices. */
    values: CoinValues
    btc: PriceSeries | null
  }
  /** The latest date with a value for the variant (settings' defaults when not given), or null. */
  latestDate(input?: VariantInput): IsoDate | null
  /**
   * Follows the market: recomputes shortly after stored market data changes, and once when this
   * process's own sync ends (not after each of its writes). Returns the stop function.
   */
  watch(): () => void
}

export interface SeasonDeps {
  db: Database
  market: MarketReads
  clock: Clock
  log: Logger
  events: EventBus
  settings: { get(): Settings }
}

/** Waits this long after the last market write before recomputing, so a burst of writes costs one run. */
const REFRESH_DEBOUNCE_MS = 1000

type IndexAnswer = { index: IndexResult; missing: null } | { index: null; missing: string }

export function createSeasonService(deps: SeasonDeps): SeasonService {
  const { db, market, clock, log, events } = deps
  const repo = createSeasonRepo(db)
  const history = createHistoryUpdater({ db, market, repo, clock, log })
  let syncRunning = false

  function refreshAndNotify(): RefreshResult {
    const result = history.refresh()
    if (result.from !== null) {
      events.emit('season:updated', { from: result.from, to: result.to })
      events.changed('season')
    }
    return result
  }

  /**
   * Reads see the stored market: a sync from another process is picked up here. While this
   * process's own sync is writing, reads keep the last complete history instead of recomputing
   * after every coin it backfills; the sync's end triggers the refresh.
   */
  function refreshBeforeRead(key?: Variant): void {
    // A first sync has no history to keep: reads then recompute, so the index appears as soon as
    // the top coins' histories (fetched first, in rank order) allow it, before the backfill ends.
    if (!syncRunning || (key !== undefined && repo.latestDay(key) === null)) refreshAndNotify()
  }

  const variantOf = (input: VariantInput = {}) => resolveVariant(input, deps.settings.get())

  function parseDay(date: IsoDate | undefined, name: string): number | undefined {
    if (date === undefined) return undefined
    const day = dayNumberOf(date)
    if (day === null) throw new AppError('VALIDATION', `${name} must be a real date as YYYY-MM-DD, not "${date}"`)
    return day
  }

  function range(input: { from?: IsoDate; to?: IsoDate }): [number, number] {
    const from = parseDay(input.from, 'from') ?? -1e9
    const to = parseDay(input.to, 'to') ?? 1e9
    if (from > to)
      throw new AppError(
        'VALIDATION',
        `The start date (${input.from}) is after the end date (${input.to}): choose a start before the end.`
      )
    return [from, to]
  }

  function answerIndex(input: VariantInput & { date?: IsoDate } = {}): IndexAnswer {
    const key = variantOf(input)
    refreshBeforeRead(key)
    const asked = parseDay(input.date, 'date')
    const latest = repo.latestDay(key)
    const today = Math.floor(clock.now() / 86_400_000)
    // Until the history gives today's value, the snapshot's price changes give a provisional one.
    if (isProvisionalWindow(key.window) && (asked === undefined || asked === today) && latest !== today) {
      const refreshed = market.refreshedCategories()
      const provisional = computeProvisional(
        {
          changes: market.snapshotChanges(),
          categories: market.categories(),
          coins: market.coins(),
          categoriesKnown: excludedCategories.every((c) => refreshed.has(c)),
          today
        },
        key.top,
        key.window
      )
      if (provisional !== null) return { index: provisional, missing: null }
    }
    const day = asked ?? latest
    const label = `top ${key.top}, ${key.window}-day window`
    if (day === null) {
      return {
        index: null,
        missing: `Not enough history yet to compute the index (${label}): it needs bitcoin's price and coins with prices ${key.window} days apart. Run a sync (with at least ${key.window + 1} days of history) first.`
      }
    }
    const bounds = market.dayBounds()
    const date = isoDateOfDay(day)
    if (!bounds || day < bounds.first || day > bounds.last) {
      const stored = bounds ? ` (stored: ${isoDateOfDay(bounds.first)} to ${isoDateOfDay(bounds.last)})` : ''
      return { index: null, missing: `No market data is stored for ${date}${stored}.` }
    }
    const prepared = history.loadMarket(day, day)
    const b = computeBreakdown(prepared, day, key.top, key.window, key.pegDetection)
    if (b.value === null || b.btcRatio === null) {
      const why =
        b.btcRatio === null
          ? `bitcoin has no price on ${date} or ${key.window} days before it`
          : `none of the ${b.coins.length} ranked coins has a price ${key.window} days before it`
      return { index: null, missing: `No index value for ${date} (${label}): ${why}.` }
    }
    const info = market.coins()
    const ids = prepared.matrix.ids
    const coverage = market.historyCoverage()
    return {
      missing: null,
      index: {
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
        excluded: b.excluded.map((e) => {
          const id = ids[e.coin] as string
          const coin = info.get(id)
          // The ticker and name, so the list reads like the tables beside it ("USDT", not "tether").
          return { id, symbol: coin?.symbol ?? id, name: coin?.name ?? id, reason: e.reason }
        }),
        partial: coverage.coinsWithHistory < coverage.coinsTracked ? coverage : null,
        staleDays: Math.max(0, today - bounds.last)
      }
    }
  }

  return {
    refresh: refreshAndNotify,

    findIndex: (input) => answerIndex(input).index,

    getIndex(input) {
      const answer = answerIndex(input)
      if (answer.index === null) throw new AppError('NOT_FOUND', answer.missing)
      return answer.index
    },

    getHistory(input = {}) {
      const key = variantOf(input)
      refreshBeforeRead(key)
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
      const global = market.latestGlobal()
      const today = Math.floor(clock.now() / 86_400_000)
      // The provider's figure describes the current market only: shown when it is as of today (as-of rule).
      const current = global && today - global.day <= AS_OF_LIMIT_DAYS && global.day <= today
      return { points, global: current ? { date: isoDateOfDay(global.day), dominance: global.btcDominance } : null }
    },

    getSeries(input) {
      if (market.coin(input.coinId) === null) throw new AppError('NOT_FOUND', `No coin "${input.coinId}" is stored.`)
      const [from, to] = range(input)
      const points: { date: IsoDate; price: number | null; marketCap: number | null }[] = []
      for (const [day, price, marketCap] of market.coinRows(input.coinId, from, to))
        points.push({ date: isoDateOfDay(day), price, marketCap })
      return { coinId: input.coinId, points }
    },

    getMembership(input) {
      refreshBeforeRead()
      const variant = variantOf(input)
      const first = input.from - membershipLookback(variant.window)
      const values = market.coinValues(input.coinId, first, input.to)
      const btc = market.priceRanges('bitcoin', [[first, input.to]])
      const days = coinMembership(market, repo, input.coinId, input.from, input.to, variant, { values, btc })
      return { variant, days, values, btc }
    },

    latestDate(input = {}) {
      refreshBeforeRead()
      const day = repo.latestDay(variantOf(input))
      return day === null ? null : isoDateOfDay(day)
    },

    watch() {
      const debounce = createDebounce(refreshAndNotify, REFRESH_DEBOUNCE_MS, (error) =>
        log.error('season index refresh failed', { error: String(error) })
      )
      const stops = [
        events.on('sync:state', ({ running }) => {
          if (syncRunning && !running) debounce.schedule(0)
          syncRunning = running
        }),
        events.on('data:changed', ({ topics }) => {
          if (!syncRunning && topics.includes('market')) debounce.schedule()
        })
      ]
      return () => {
        for (const stop of stops) stop()
        debounce.stop()
        syncRunning = false
      }
    }
  }
}
