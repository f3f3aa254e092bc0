import type { Database } from 'better-sqlite3'
import type { Alert, BacktestResultShape, HintsResult } from '../../../shared/contract/rebalance'
import { dayNumberOf, isoDateOfDay } from '../../../shared/dates'
import { AppError } from '../../../shared/errors'
import type { Settings } from '../../../shared/settings'
import type { Clock, Logger } from '../../ports/deps'
import type { ChangeTopic } from '../../../shared/contract'
import { createDebounce } from '../../ports/debounce'
import type { EventBus } from '../../ports/events'
import { evaluateAlerts } from './alerts'
import { runBacktestOverHistory } from './backtest-run'
import type { BacktestRequest } from './backtest-run'
import type { DriftBands } from './drift'
import { measureDrift } from './drift'
import type { HoldingInput, PriceQuote } from './hints'
import { computeHints } from './hints'
import type { RegimeDay, Thresholds } from './hysteresis'
import { regimeOf, standardThresholds } from '../../../shared/domain'
import { effectiveRegimes } from './hysteresis'
import { createRebalanceRepo } from './rebalance-repo'
import { previewSell } from './sell-preview'
import type { CostMethod } from '../../../shared/domain'
import type { MarketReads } from '../../market/market-reads'
import type { SeasonService } from '../../season/season-service'
import type { PortfolioService } from '../portfolio-service'
import type { RegimeTargets, Sleeve, TargetSplit } from './targets'
import { defaultTargets, normalizedAltWeights, targetProblem } from './targets'

export const DISCLAIMER =
  'Hints are arithmetic on the targets you set, not investment advice. Check prices, fees and taxes before you trade.'

export interface HintsRequest {
  mode?: 'rebalance' | 'buy-only'
  contribution?: number
  method?: CostMethod
  feeRatePercent?: number
  minTradeUsd?: number
}

export interface RebalanceService {
  getTargets(): { targets: RegimeTargets; defaults: RegimeTargets }
  setTargets(
    regime: keyof RegimeTargets,
    split: TargetSplit | null
  ): { targets: RegimeTargets; defaults: RegimeTargets }
  getHints(request?: HintsRequest): HintsResult
  listAlerts(limit?: number): { enabled: boolean; alerts: Alert[] }
  /** Runs the alert check now (when alerts are on) and returns the alerts it created. */
  checkAlerts(): { enabled: boolean; created: Alert[] }
  runBacktest(request?: BacktestRequest): BacktestResultShape
  /** Runs the alert check shortly after whatever it reads changes. Returns the stop function. */
  watchAlerts(): () => void
}

export interface RebalanceDeps {
  db: Database
  clock: Clock
  log: Logger
  events: EventBus
  settings: { get(): Settings }
  market: MarketReads
  /** The index history of the user's default variant and one date's ranked coins. */
  season: Pick<SeasonService, 'getHistory' | 'findIndex'>
  /** Holdings and open lots, valued at stored prices. */
  portfolio: Pick<PortfolioService, 'holdings' | 'lots'>
}

/** What alerts are computed from: a change to any of these runs the check again. */
const ALERT_INPUTS = new Set<ChangeTopic>(['portfolio', 'market', 'season', 'settings', 'targets'])
const ALERT_DEBOUNCE_MS = 500

export function createRebalanceService(deps: RebalanceDeps): RebalanceService {
  const { db, clock, log, events } = deps
  const repo = createRebalanceRepo(db)

  function thresholdsOf(settings: Settings): Thresholds {
    const t = { bitcoin: settings.rebalanceBitcoinThreshold, altcoin: settings.rebalanceAltcoinThreshold }
    return t.bitcoin < t.altcoin ? t : standardThresholds
  }

  function regimeHistory(settings: Settings): RegimeDay[] {
    const points = deps.season.getHistory().points.flatMap((p) => {
      const day = dayNumberOf(p.date)
      return day === null ? [] : [{ day, value: p.value }]
    })
    return effectiveRegimes(points, thresholdsOf(settings), settings.rebalanceHysteresisDays)
  }

  /** The regime hints and alerts act on now, or null while the index has no value yet. */
  function currentRegime(settings: Settings): RegimeDay | null {
    const days = regimeHistory(settings)
    return days[days.length - 1] ?? null
  }

  function bandsOf(settings: Settings): DriftBands {
    return { absolute: settings.driftBandAbsolute, relative: settings.driftBandRelative }
  }

  function holdingsFor(method: CostMethod): { holdings: HoldingInput[]; unpriced: string[]; asOf: string | null } {
    const snapshot = deps.portfolio.holdings(method)
    const holdings: HoldingInput[] = []
    const unpriced: string[] = []
    for (const h of snapshot.holdings) {
      const quantity = Number(h.quantity)
      if (!(quantity > 0)) continue
      if (h.coinId === null || h.price === null || h.asOf === null || h.bucket === 'unpriced') {
        unpriced.push(h.symbol.toUpperCase())
        continue
      }
      const sleeve: Sleeve = h.bucket === 'bitcoin' ? 'bitcoin' : h.bucket === 'stablecoin' ? 'stablecoins' : 'altcoins'
      holdings.push({
        coinId: h.coinId,
        symbol: h.symbol,
        sleeve,
        inRankedSet: h.bucket === 'altcoin-ranked',
        quantity,
        quantityText: h.quantity,
        price: h.price,
        priceAsOf: h.asOf
      })
    }
    return { holdings, unpriced, asOf: snapshot.asOf }
  }

  function quote(coinId: string): PriceQuote | undefined {
    const latest = deps.market.latestPrice(coinId)
    if (!latest) return undefined
    return { symbol: deps.market.coin(coinId)?.symbol ?? coinId, price: latest.price, asOf: isoDateOfDay(latest.day) }
  }

  function getHints(request: HintsRequest = {}): HintsResult {
    const settings = deps.settings.get()
    const regime = currentRegime(settings)
    if (!regime)
      throw new AppError(
        'NOT_FOUND',
        'There is no Altcoin Season Index value yet: run a sync so the index has history to work from.'
      )
    const asOf = isoDateOfDay(regime.day)
    const targets = repo.targets()[regime.effective]
    const method = request.method ?? settings.costBasisMethod
    const feeRatePercent = request.feeRatePercent ?? settings.feeRatePercent
    const minTradeUsd = request.minTradeUsd ?? settings.minTradeUsd
    const mode = request.mode ?? 'rebalance'
    const contribution = request.contribution ?? 0
    if (mode === 'buy-only' && !(contribution > 0))
      throw new AppError('VALIDATION', 'Buy-only mode needs a contribution: the amount of new money to place, in USD.')
    const { holdings, unpriced, asOf: pricesAsOf } = holdingsFor(method)
    const quotes: Record<string, PriceQuote> = {}
    for (const coinId of ['bitcoin', ...normalizedAltWeights(targets).map((w) => w.coinId)]) {
      const q = quote(coinId)
      if (q) quotes[coinId] = q
    }
    // No breakdown for that date (not computable): hints then ask for altcoin weights.
    const ranked = [...(deps.season.findIndex({ date: asOf })?.coins ?? [])]
      .sort((a, b) => a.rank - b.rank)
      .map((c) => c.id)
    const fallback = ranked[0] ?? null
    if (fallback && !quotes[fallback]) {
      const q = quote(fallback)
      if (q) quotes[fallback] = q
    }
    const result = computeHints({
      holdings,
      targets,
      bands: bandsOf(settings),
      feeRate: feeRatePercent / 100,
      minTrade: minTradeUsd,
      mode,
      contribution,
      context: { regime: regime.effective, indexValue: regime.value, indexAsOf: asOf },
      quotes,
      fallbackAltcoin: fallback
    })
    const lots = result.trades.some((t) => t.action === 'sell') ? deps.portfolio.lots(method).lots : []
    const withSale = (trade: (typeof result.trades)[number]) => {
      if (trade.action !== 'sell') return { ...trade, sale: null }
      const open = lots
        .filter((l) => l.coinId === trade.coinId)
        .map((l) => ({
          coinId: trade.coinId,
          acquiredAt: l.acquiredAt,
          quantity: Number(l.quantity),
          costPerUnit: l.costPerUnit
        }))
      const preview = previewSell(open, Number(trade.quantity), trade.price, feeRatePercent / 100, method)
      return { ...trade, sale: { method, ...preview } }
    }
    const notes = [...result.notes]
    if (holdings.length === 0)
      notes.unshift('No holdings with a stored price: add or import holdings on the Portfolio page.')
    if (unpriced.length > 0) notes.push(`Left out for lack of a stored price: ${unpriced.join(', ')}.`)
    const total = result.drift.length > 0 ? holdings.reduce((s, h) => s + h.quantity * h.price, 0) + contribution : 0
    return {
      regime: regime.effective,
      asOf,
      indexValue: regime.value,
      indexRegime: regimeOf(regime.value),
      regimeSince: isoDateOfDay(regime.since),
      thresholds: { ...thresholdsOf(settings), hysteresisDays: settings.rebalanceHysteresisDays },
      pricesAsOf:
        pricesAsOf ??
        (holdings
          .map((h) => h.priceAsOf)
          .sort()
          .pop() ||
          null),
      allocation: {
        total,
        sleeves: result.drift.map((d) => ({
          sleeve: d.sleeve,
          value: (d.actual / 100) * total,
          percent: d.actual,
          target: d.target,
          drift: d.drift,
          band: d.band,
          outside: d.outside
        }))
      },
      targets,
      mode,
      contribution,
      feeRatePercent,
      minTradeUsd,
      method,
      due: result.due,
      hints: result.trades.map(withSale),
      skipped: result.skipped.map((t) => ({ ...t, sale: null })),
      feeTotal: result.feeTotal,
      after: result.after,
      notes,
      disclaimer: DISCLAIMER
    }
  }

  function checkAlerts(): { enabled: boolean; created: Alert[] } {
    const settings = deps.settings.get()
    if (!settings.alertsEnabled) return { enabled: false, created: [] }
    const regime = currentRegime(settings)
    if (!regime) return { enabled: true, created: [] }
    const targets = repo.targets()[regime.effective]
    const { holdings } = holdingsFor(settings.costBasisMethod)
    const values: Record<Sleeve, number> = { bitcoin: 0, altcoins: 0, stablecoins: 0 }
    for (const h of holdings) values[h.sleeve] += h.quantity * h.price
    const drift = holdings.length > 0 ? measureDrift(values, targets, bandsOf(settings)) : null
    const { alerts, state } = evaluateAlerts(
      repo.alertState(),
      { day: regime.day, indexValue: regime.value, regime: regime.effective, drift },
      { regimeChange: settings.alertOnRegimeChange, levels: settings.alertIndexLevels, drift: settings.alertOnDrift }
    )
    const created = repo.recordAlerts(alerts, state, clock.now())
    for (const alert of created) events.emit('rebalance:alert', alert)
    if (created.length > 0) events.changed('alerts')
    return { enabled: true, created }
  }

  return {
    getTargets: () => ({ targets: repo.targets(), defaults: defaultTargets }),
    setTargets(regime, split) {
      if (split) {
        const problem = targetProblem(split)
        if (problem) throw new AppError('VALIDATION', `Targets not saved: ${problem}.`)
      }
      repo.setTargets(regime, split, clock.now())
      events.changed('targets')
      return { targets: repo.targets(), defaults: defaultTargets }
    },
    getHints,
    listAlerts: (limit = 100) => ({ enabled: deps.settings.get().alertsEnabled, alerts: repo.alerts(limit) }),
    checkAlerts,
    runBacktest(request = {}) {
      const settings = deps.settings.get()
      return runBacktestOverHistory(deps.market, request, {
        settings,
        targets: repo.targets(),
        regimeDays: regimeHistory(settings),
        bands: bandsOf(settings)
      })
    },
    watchAlerts() {
      const debounce = createDebounce(checkAlerts, ALERT_DEBOUNCE_MS, (error) =>
        log.warn('alert check failed', { error: String(error) })
      )
      const stops = [
        events.on('season:updated', () => debounce.schedule()),
        events.on('data:changed', ({ topics }) => {
          if (topics.some((topic) => ALERT_INPUTS.has(topic))) debounce.schedule()
        })
      ]
      return () => {
        for (const stop of stops) stop()
        debounce.stop()
      }
    }
  }
}
