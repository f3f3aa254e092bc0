import type { SyncPhase } from '../../shared/contract/sync'
import { dayOfTimestamp, MS_PER_DAY } from '../../shared/dates'
import { AppError } from '../../shared/errors'
import type { ProviderTier } from '../../shared/settings'
import type { Logger } from '../ports/deps'
import { toDailyObservations } from './daily-values'
import { excludedCategories } from '../season/exclusions'
import type { HistoryNeed, HistoryWrite } from './market-writes'
import { earliestHistoryDay } from './history-reach'
import type { HeldCoin } from './history-reach'
import type { MarketStore } from './market-store'
import type { ProviderClient } from './provider-client'
import { globalSchema, marketChartSchema, marketsPageSchema } from './provider-schemas'
import type { MarketCoin } from './provider-schemas'
import { cancelled } from './rate-budget'
import type { WaitListener } from './rate-budget'

export const MAX_PER_PAGE = 250
/** A category with more members than this many pages is cut off; the real ones have far fewer. */
const MAX_CATEGORY_PAGES = 20
/**
 * History answers are committed in batches: each coin touches one page of the by-day index per
 * day, so small commits rewrite the same pages over and over once the table is large. A batch
 * closes at this many coin-days or after this much real time, which bounds what a kill can lose.
 */
const HISTORY_BATCH_ROWS = 100_000
const HISTORY_BATCH_MS = 3_000

export interface SyncPlan {
  coins: number
  historyDays: number
  /** The provider tier: no history request reaches further back than it serves. */
  tier: ProviderTier
  /** Coins held or once held, whose history goes back to their first transaction (within the tier). */
  held: readonly HeldCoin[]
}

export interface SyncRunContext {
  repo: MarketStore
  client: ProviderClient
  now: () => number
  signal: AbortSignal
  log: Logger
  onWait: WaitListener
  progress(phase: SyncPhase, done: number, total: number, currentCoin?: string | null): void
  /** Called between steps so the lock shows this holder is alive. */
  heartbeat(): void
}

export interface SyncOutcome {
  coinsListed: number
  categoriesRefreshed: number
  historyFetched: number
  /** Coins the provider has no history for (404); not asked again. */
  missing: string[]
  valuesWritten: number
  /** Steps that failed without stopping the run (one coin's history, one category, the global call). */
  problems: string[]
}

/** Failures that every further request would hit too: stop the run instead of trying each coin. */
function isRunFatal(error: unknown): boolean {
  return (
    error instanceof AppError &&
    ['OFFLINE', 'CANCELLED', 'RATE_LIMITED', 'UNAUTHORIZED', 'FORBIDDEN'].includes(error.code)
  )
}

/**
 * One sync: the market snapshot (tracked set + today's values), category memberships (at most once
 * a UTC day), the global figures, then history for coins that lack it. Each provider answer is
 * validated in full before its one transaction writes it, so a run stopped at any point leaves
 * only whole answers behind, and the next run picks up from coin_history.
 */
export function emptyOutcome(): SyncOutcome {
  return { coinsListed: 0, categoriesRefreshed: 0, historyFetched: 0, missing: [], valuesWritten: 0, problems: [] }
}

/** `outcome` is filled in as the run goes, so a run that stops early still reports what it did. */
export async function runSync(
  ctx: SyncRunContext,
  plan: SyncPlan,
  outcome: SyncOutcome = emptyOutcome()
): Promise<SyncOutcome> {
  const call = (endpoint: string) => ({ signal: ctx.signal, onWait: ctx.onWait, endpoint })
  const checkCancel = () => {
    if (ctx.signal.aborted) throw cancelled()
    ctx.heartbeat()
  }

  // 1. Market snapshot: the tracked set is the first N coins by market cap.
  const perPage = Math.min(MAX_PER_PAGE, plan.coins)
  const pages = Math.ceil(plan.coins / perPage)
  const listed = new Map<string, MarketCoin>()
  for (let page = 1; page <= pages; page += 1) {
    checkCancel()
    ctx.progress('markets', page - 1, pages)
    const rows = await ctx.client.get(
      '/coins/markets',
      // The 30-day and 1-year changes give a provisional index before any history is in.
      { vs_currency: 'usd', order: 'market_cap_desc', per_page: perPage, page, price_change_percentage: '30d,1y' },
      marketsPageSchema,
      call('markets')
    )
    // Ranks can shift between page requests; a coin seen twice keeps its first listing.
    for (const row of rows) if (!listed.has(row.id)) listed.set(row.id, row)
    if (rows.length < perPage) break
  }
  const tracked = [...listed.values()].slice(0, plan.coins)
  if (tracked.length === 0) throw new AppError('INTERNAL', 'The provider listed no coins; nothing was changed.')
  checkCancel()
  const snapshot = ctx.repo.applySnapshot(
    tracked.map((coin, index) => ({
      id: coin.id,
      symbol: coin.symbol,
      name: coin.name,
      rank: coin.market_cap_rank ?? index + 1,
      price: coin.current_price,
      marketCap: coin.market_cap,
      volume: coin.total_volume ?? null,
      observedAt: parseTimestamp(coin.last_updated),
      change30d: coin.price_change_percentage_30d_in_currency ?? null,
      change1y: coin.price_change_percentage_1y_in_currency ?? null
    })),
    ctx.now()
  )
  outcome.coinsListed = tracked.length
  outcome.valuesWritten += snapshot.changed
  ctx.progress('markets', pages, pages)

  // 2. Category memberships for the exclusions, refreshed at most once per UTC day.
  const today = dayOfTimestamp(ctx.now())
  const dueCategories = excludedCategories.filter((category) => {
    const at = ctx.repo.categoryRefreshedAt(category)
    return at === null || dayOfTimestamp(at) !== today
  })
  for (const [index, category] of dueCategories.entries()) {
    checkCancel()
    ctx.progress('categories', index, dueCategories.length)
    try {
      const members: string[] = []
      for (let page = 1; page <= MAX_CATEGORY_PAGES; page += 1) {
        const rows = await ctx.client.get(
          '/coins/markets',
          { vs_currency: 'usd', category, order: 'market_cap_desc', per_page: MAX_PER_PAGE, page },
          marketsPageSchema,
          call('categories')
        )
        members.push(...rows.map((row) => row.id))
        if (rows.length < MAX_PER_PAGE) break
      }
      ctx.repo.replaceCategory(category, members, ctx.now())
      outcome.categoriesRefreshed += 1
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') {
        // The provider does not know this category (any more): it has no members to exclude.
        ctx.log.warn('the provider has no such category; treating it as empty', { category })
        ctx.repo.replaceCategory(category, [], ctx.now())
        outcome.categoriesRefreshed += 1
        continue
      }
      if (isRunFatal(error)) throw error
      outcome.problems.push(`category ${category}: ${(error as Error).message}`)
    }
  }
  ctx.progress('categories', dueCategories.length, dueCategories.length)

  // 3. The provider's global figures (its own BTC dominance, shown beside the tracked one).
  checkCancel()
  ctx.progress('global', 0, 1)
  try {
    const global = await ctx.client.get('/global', {}, globalSchema, call('global'))
    const observedAt = global.data.updated_at !== undefined ? global.data.updated_at * 1000 : ctx.now()
    ctx.repo.writeGlobal(
      dayOfTimestamp(observedAt),
      global.data.market_cap_percentage.btc ?? null,
      global.data.total_market_cap.usd ?? null,
      observedAt
    )
  } catch (error) {
    if (isRunFatal(error)) throw error
    outcome.problems.push(`global figures: ${(error as Error).message}`)
  }
  ctx.progress('global', 1, 1)

  // 4. History: one call per coin that lacks it (new to the tracked set, held from earlier than its
  // stored history starts, or with a hole). Answers are written a few coins at a time; a run killed
  // in between refetches at most that batch.
  const needs = ctx.repo.historyNeeds(today, plan.historyDays, {
    coins: plan.held,
    reachFrom: earliestHistoryDay(plan.tier, today)
  })
  const batch: HistoryWrite[] = []
  let batchRows = 0
  let batchStarted = 0
  const flush = () => {
    if (batch.length === 0) return
    outcome.valuesWritten += ctx.repo.writeHistories(batch.splice(0), ctx.now()).changed
    batchRows = 0
  }
  try {
    for (const [index, need] of needs.entries()) {
      checkCancel()
      ctx.progress('history', index, needs.length, need.coinId)
      try {
        batch.push(await fetchHistory(ctx, need, today))
        outcome.historyFetched += 1
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'NOT_FOUND')) {
          if (isRunFatal(error)) throw error
          outcome.problems.push(`history of ${need.coinId}: ${(error as Error).message}`)
          continue
        }
        batch.push({
          coinId: need.coinId,
          rows: [],
          requestedFromDay: need.fromDay,
          fetchedAt: ctx.now(),
          status: 'missing'
        })
        outcome.missing.push(need.coinId)
      }
      if (batch.length === 1) batchStarted = Date.now()
      batchRows += batch.at(-1)?.rows.length ?? 0
      if (batchRows >= HISTORY_BATCH_ROWS || Date.now() - batchStarted >= HISTORY_BATCH_MS) flush()
    }
  } finally {
    // Whatever was fetched in full is kept, also when the run stops early.
    flush()
  }
  ctx.progress('history', needs.length, needs.length)
  ctx.progress('finishing', 0, 1)
  return outcome
}

async function fetchHistory(ctx: SyncRunContext, need: HistoryNeed, today: number): Promise<HistoryWrite> {
  const id = encodeURIComponent(need.coinId)
  const call = { signal: ctx.signal, onWait: ctx.onWait }
  // A full history is asked for as a number of days back from now: the form the limited tiers
  // accept up to their last day (a range from that day's midnight reaches a few hours too far).
  const chart =
    need.kind === 'full'
      ? await ctx.client.get(
          `/coins/${id}/market_chart`,
          { vs_currency: 'usd', days: today - need.fromDay, interval: 'daily' },
          marketChartSchema,
          { ...call, endpoint: 'history' }
        )
      : await ctx.client.get(
          `/coins/${id}/market_chart/range`,
          { vs_currency: 'usd', from: Math.floor((need.fromDay * MS_PER_DAY) / 1000), to: Math.ceil(ctx.now() / 1000) },
          marketChartSchema,
          { ...call, endpoint: 'range' }
        )
  const now = ctx.now()
  // Nothing from the future is stored, whatever the provider's clock says.
  const rows = toDailyObservations(chart.prices, chart.market_caps, chart.total_volumes).filter(
    (row) => row.day <= dayOfTimestamp(now)
  )
  return { coinId: need.coinId, rows, requestedFromDay: need.fromDay, fetchedAt: now, status: 'ok' }
}

function parseTimestamp(value: string | null): number | null {
  if (value === null) return null
  const ms = Date.parse(value)
  return Number.isFinite(ms) ? ms : null
}
