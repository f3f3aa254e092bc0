import type { FiredPriceAlert, PriceAlertInput, PriceAlertRule } from '../../shared/contract/coins'
import { isoDateOfDay } from '../../shared/dates'
import { AppError } from '../../shared/errors'
import type { MarketReads } from '../market/market-reads'
import type { Clock } from '../ports/deps'
import type { EventBus } from '../ports/events'
import type { SettingsService } from '../ports/settings-service'
import { createMeasurer, mergeRanges, ratioOver } from './coin-measures'
import type { CoinsRepo, PriceAlertRule as StoredRule } from './coins-repo'
import { MAX_CATCH_UP_DAYS, evaluatePriceAlerts, sideOf } from './price-alerts'
import type { AlertReads } from './price-alerts'

/** The most price alert rules kept: every size is bounded. */
export const MAX_PRICE_ALERTS = 1000

export interface PriceAlertDeps {
  market: MarketReads
  repo: CoinsRepo
  clock: Clock
  events: EventBus
  settings: SettingsService
}

export function createPriceAlerts(deps: PriceAlertDeps) {
  const { market, repo, clock, events, settings } = deps

  /**
   * Reads for evaluating rules as of `day`. Each coin's prices are loaded once, and only on the days
   * its rules look at: from the first day a rule walks (at most MAX_CATCH_UP_DAYS back), a move's
   * period before it, and for "beats Bitcoin" the start of the index window; each with the 2 days
   * an as-of lookup may reach.
   */
  function readsAt(day: number, rules: readonly StoredRule[]): AlertReads {
    const window = settings.get().defaultWindow
    const wanted = new Map<string, [number, number][]>()
    const want = (coinId: string, range: [number, number]) => {
      const list = wanted.get(coinId)
      if (list) list.push(range)
      else wanted.set(coinId, [range])
    }
    for (const rule of rules) {
      const start = rule.lastDay === null ? day : Math.max(rule.lastDay, day - MAX_CATCH_UP_DAYS + 1)
      want(rule.coinId, [start - (rule.periodDays ?? 0) - 2, day])
      if (rule.kind === 'beats-btc') {
        want(rule.coinId, [start - window - 2, day - window])
        want('bitcoin', [start - 2, day])
        want('bitcoin', [start - window - 2, day - window])
      }
    }
    const measurer = createMeasurer(
      (coinId) => market.priceRanges(coinId, mergeRanges(wanted.get(coinId) ?? [])),
      day,
      window
    )
    const coins = market.coins()
    return {
      measure: (coinId, on) => measurer.measure(coinId, on),
      ratio: (coinId, on, days) => ratioOver(measurer.series(coinId), on, days),
      label: (coinId) => {
        const info = coins.get(coinId)
        return info ? `${info.name} (${info.symbol.toUpperCase()})` : coinId
      }
    }
  }

  function toContract(rule: StoredRule): PriceAlertRule {
    const info = market.coin(rule.coinId)
    return {
      id: rule.id,
      coinId: rule.coinId,
      symbol: info?.symbol ?? rule.coinId,
      name: info?.name ?? rule.coinId,
      kind: rule.kind,
      threshold: rule.threshold,
      periodDays: rule.periodDays,
      lastSide: rule.lastSide,
      lastDate: rule.lastDay === null ? null : isoDateOfDay(rule.lastDay)
    }
  }

  /** Evaluates every rule on the stored prices; new alerts are recorded, pushed and returned. */
  function check(): { enabled: boolean; created: FiredPriceAlert[] } {
    if (!settings.get().priceAlertsEnabled) return { enabled: false, created: [] }
    const day = market.marketDay()
    const rules = repo.rules()
    if (day === null || rules.length === 0) return { enabled: true, created: [] }
    const { seen, drafts } = evaluatePriceAlerts(rules, readsAt(day, rules), day, settings.get().defaultWindow)
    const created = repo.record(seen, drafts, clock.now())
    for (const alert of created) events.emit('coins:price-alert', alert)
    if (created.length > 0 || seen.length > 0) events.changed('price-alerts')
    return { enabled: true, created }
  }

  /** Takes what every rule sees now as its baseline, reporting nothing (alerts were just turned on). */
  function rebaseline(): void {
    const day = market.marketDay()
    const rules = repo.rules()
    if (day === null || rules.length === 0) return
    const reads = readsAt(day, rules)
    repo.record(
      rules.map((rule) => ({ id: rule.id, side: sideOf(rule, reads, day), day })),
      [],
      clock.now()
    )
    events.changed('price-alerts')
  }

  return {
    check,
    rebaseline,
    list(limit = 100) {
      return {
        enabled: settings.get().priceAlertsEnabled,
        rules: repo.rules().map(toContract),
        fired: repo.fired(limit)
      }
    },
    /** Adds a rule with what it sees now as its baseline, so only a later crossing fires. */
    add(input: PriceAlertInput): PriceAlertRule {
      if (market.coin(input.coinId) === null)
        throw new AppError(
          'NOT_FOUND',
          `No coin "${input.coinId}" is stored: run a sync or pick a coin from the search.`
        )
      if (repo.ruleCount() >= MAX_PRICE_ALERTS)
        throw new AppError(
          'CONFLICT',
          `You already have ${MAX_PRICE_ALERTS} price alerts: remove some before adding more.`
        )
      const rule = {
        coinId: input.coinId,
        kind: input.kind,
        threshold: input.kind === 'beats-btc' ? null : input.threshold,
        periodDays: input.kind === 'move' ? input.periodDays : null
      }
      const id = repo.addRule(rule, clock.now())
      const day = market.marketDay()
      const stored = repo.rules().find((r) => r.id === id) as StoredRule
      if (day !== null) {
        const side = sideOf(stored, readsAt(day, [stored]), day)
        repo.record([{ id, side, day }], [], clock.now())
      }
      events.changed('price-alerts')
      return toContract(repo.rules().find((r) => r.id === id) as StoredRule)
    },
    remove(id: number) {
      const removed = repo.removeRule(id)
      if (removed) events.changed('price-alerts')
      return { removed }
    }
  }
}
