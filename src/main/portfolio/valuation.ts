import type { Database } from 'better-sqlite3'
import type { Bucket, CostMethod, Holding, ValueGaps } from '../../shared/contract/portfolio'
import { dayOfTimestamp, isoDateOfDay } from '../../shared/dates'
import type { Settings } from '../../shared/settings'
import { AS_OF_LIMIT_DAYS } from '../market/as-of'
import type { MarketReads } from '../market/market-reads'
import { earliestHistoryDay, tierHistoryDays } from '../market/history-reach'
import { USD_STABLE_SYMBOLS, isBitcoinExposure, isFiat } from './assets'
import type { Decimal } from './decimal'
import { ZERO, finiteOrNull, floatRatio, formatDecimal, toFiniteNumber } from './decimal'
import type { LedgerSource } from './ledger-cache'
import type { Ledger } from './ledger-load'
import { unmatchedSymbols } from './transactions-repo'

export function bucketOf(
  coinId: string | null,
  symbol: string,
  stable: Set<string>,
  ranked: Set<string> | null
): Bucket {
  if (isBitcoinExposure(coinId, symbol)) return 'bitcoin'
  if ((coinId !== null && stable.has(coinId)) || USD_STABLE_SYMBOLS.has(symbol)) return 'stablecoin'
  if (coinId === null) return 'unpriced'
  return ranked?.has(coinId) ? 'altcoin-ranked' : 'altcoin-other'
}

/** Why the ledger's unknown values are unknown: beyond the tier's history, or no coin chosen. */
export function valueGaps(ledger: Ledger, settings: Settings, today: number): ValueGaps {
  // null when the tier serves everything the provider has (then nothing is beyond it).
  const tierFrom =
    tierHistoryDays[settings.providerTier] === null ? null : earliestHistoryDay(settings.providerTier, today)
  let beyondTier = 0
  let unmatched = 0
  for (const tx of ledger.txs) {
    if (!ledger.result.unknownValues.has(tx.id) && !ledger.result.unknownFees.has(tx.id)) continue
    const legs = [tx.asset, tx.quote, tx.fee].filter((leg) => leg !== null && !isFiat(leg.symbol))
    if (legs.some((leg) => leg?.coinId === null)) unmatched += 1
    else if (tierFrom !== null && dayOfTimestamp(tx.at) < tierFrom) beyondTier += 1
  }
  return {
    transactions: new Set([...ledger.result.unknownValues, ...ledger.result.unknownFees]).size,
    beyondTier,
    unmatched,
    tierFrom: tierFrom === null ? null : isoDateOfDay(tierFrom),
    tier: settings.providerTier
  }
}

/**
 * What is held now: each asset's balance valued at its newest stored price (with that price's
 * date), the cost of its open lots and its known gains and income, each sum saying what it leaves
 * out. Nothing here needs the network.
 */
export function computeHoldings(
  ledgerOf: LedgerSource,
  db: Database,
  market: MarketReads,
  method: CostMethod,
  ranked: Set<string> | null,
  settings: Settings,
  today: number
) {
  const ledger = ledgerOf(method, { values: false, balances: false })
  const { book, result } = ledger
  const stable = market.categoryMembers('stablecoins')
  const coins = market.coins()
  const perKey = new Map<
    string,
    { realized: Decimal; gains: number; unknownGains: number; income: Decimal; incomes: number; unknownIncome: number }
  >()
  const tally = (key: string) => {
    let t = perKey.get(key)
    if (!t) {
      t = { realized: ZERO, gains: 0, unknownGains: 0, income: ZERO, incomes: 0, unknownIncome: 0 }
      perKey.set(key, t)
    }
    return t
  }
  for (const d of result.disposals) {
    const t = tally(d.key)
    let gain: Decimal | null = ZERO
    for (const part of d.parts)
      gain = gain === null || part.cost === null || part.proceeds === null ? null : gain + part.proceeds - part.cost
    if (gain === null) t.unknownGains += 1
    else {
      t.realized += gain
      t.gains += 1
    }
  }
  for (const income of result.incomes) {
    const t = tally(income.key)
    if (income.value === null) t.unknownIncome += 1
    else {
      t.income += income.value
      t.incomes += 1
    }
  }
  const holdings: Holding[] = []
  const totals = { value: 0, costBasis: 0, unrealizedPnl: 0, realizedPnl: 0, income: 0 }
  const leftOut = { unpriced: 0, unknownBasis: 0, unknownGains: 0, unknownIncome: 0 }
  // Every float below comes from toFiniteNumber or finiteOrNull: a sum or product beyond the float
  // range (absurd stored prices) is shown as unknown and left out, never as Infinity.
  const realizedOf = new Map<string, number | null>()
  const incomeOf = new Map<string, number | null>()
  for (const [key, t] of perKey) {
    const realized = toFiniteNumber(t.realized)
    const income = toFiniteNumber(t.income)
    realizedOf.set(key, realized)
    incomeOf.set(key, income)
    if (realized === null) leftOut.unknownGains += t.gains
    else totals.realizedPnl += realized
    if (income === null) leftOut.unknownIncome += t.incomes
    else totals.income += income
    leftOut.unknownGains += t.unknownGains
    leftOut.unknownIncome += t.unknownIncome
  }
  for (const p of result.positions.values()) {
    if (p.quantity === ZERO) continue
    let cost: Decimal | null = ZERO
    let unknownQuantity = ZERO
    for (const lot of p.lots) {
      if (lot.cost === null) unknownQuantity += lot.quantity
      else if (cost !== null) cost += lot.cost
    }
    if (unknownQuantity > ZERO || p.quantity < ZERO) cost = null
    const latest = p.coinId ? book.latest(p.coinId) : null
    const quantity = toFiniteNumber(p.quantity)
    const value = latest && quantity !== null ? finiteOrNull(quantity * latest.price) : null
    const costBasis = cost === null ? null : toFiniteNumber(cost)
    const unrealized = value === null || costBasis === null ? null : finiteOrNull(value - costBasis)
    const t = tally(p.key)
    holdings.push({
      coinId: p.coinId,
      symbol: p.symbol,
      name: p.coinId ? (coins.get(p.coinId)?.name ?? null) : null,
      quantity: formatDecimal(p.quantity),
      price: latest?.price ?? null,
      priceSource: latest ? 'market' : 'unknown',
      value,
      asOf: latest ? isoDateOfDay(latest.day) : null,
      stale: latest !== null && book.marketDay !== null && book.marketDay - latest.day > AS_OF_LIMIT_DAYS,
      costBasis,
      unknownCostQuantity: formatDecimal(unknownQuantity),
      unrealizedPnl: unrealized,
      // Unknown, not 0, when every gain (or income) of the asset is unknown.
      realizedPnl: t.gains === 0 && t.unknownGains > 0 ? null : (realizedOf.get(p.key) ?? toFiniteNumber(t.realized)),
      unknownGains: t.unknownGains,
      income: t.incomes === 0 && t.unknownIncome > 0 ? null : (incomeOf.get(p.key) ?? toFiniteNumber(t.income)),
      unknownIncome: t.unknownIncome,
      bucket: bucketOf(p.coinId, p.symbol, stable, ranked)
    })
    if (value === null) leftOut.unpriced += 1
    else totals.value += value
    if (costBasis === null) leftOut.unknownBasis += 1
    else totals.costBasis += costBasis
    if (unrealized !== null) totals.unrealizedPnl += unrealized
  }
  // Sums of finite values can still overflow: a total beyond the float range is not shown as Infinity.
  for (const name of ['value', 'costBasis', 'unrealizedPnl', 'realizedPnl', 'income'] as const)
    if (!Number.isFinite(totals[name])) totals[name] = 0
  holdings.sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.symbol.localeCompare(b.symbol))
  const unmatched = unmatchedSymbols(db).filter((u) => !isFiat(u.symbol))
  return {
    method,
    asOf: book.marketDay === null ? null : isoDateOfDay(book.marketDay),
    totals,
    leftOut,
    valueGaps: valueGaps(ledger, settings, today),
    holdings,
    warnings: result.warnings,
    unmatched
  }
}

export function computeLots(ledgerOf: LedgerSource, method: CostMethod) {
  const { result } = ledgerOf(method, { values: false, balances: false })
  const lots: {
    coinId: string | null
    symbol: string
    acquiredAt: string
    quantity: string
    costPerUnit: number | null
  }[] = []
  for (const p of result.positions.values()) {
    for (const lot of p.lots) {
      lots.push({
        coinId: p.coinId,
        symbol: p.symbol,
        acquiredAt: new Date(lot.acquiredAt).toISOString(),
        quantity: formatDecimal(lot.quantity),
        costPerUnit: floatRatio(lot.cost, lot.quantity)
      })
    }
  }
  lots.sort((a, b) => a.symbol.localeCompare(b.symbol) || a.acquiredAt.localeCompare(b.acquiredAt))
  return { method, lots }
}
