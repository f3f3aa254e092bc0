import type { Database } from 'better-sqlite3'
import type { Bucket, CostMethod, Holding } from '../../shared/contract/portfolio'
import { dayOfTimestamp, isoDateOfDay } from '../../shared/dates'
import { USD_STABLE_SYMBOLS, isBitcoinExposure, isFiat } from './assets'
import { assetKey, runLedger, toLedgerTx } from './cost-basis'
import type { LedgerResult, LedgerTx } from './cost-basis'
import { ZERO, formatDecimal, toNumber } from './decimal'
import type { Decimal } from './decimal'
import { AS_OF_LIMIT_DAYS } from '../market/as-of'
import type { MarketReads } from '../market/market-reads'
import { loadPriceBook } from '../market/price-book'
import type { PriceBook } from '../market/price-book'
import { allTransactions, unmatchedSymbols } from './transactions-repo'

export interface Ledger {
  txs: LedgerTx[]
  book: PriceBook
  result: LedgerResult
}

/** Every stored transaction and the stored prices of the coins they touch. */
export function loadTransactionsAndPrices(db: Database, market: MarketReads): { txs: LedgerTx[]; book: PriceBook } {
  const txs = allTransactions(db).map(toLedgerTx)
  const coins = new Set<string>()
  for (const tx of txs) for (const leg of [tx.asset, tx.quote, tx.fee]) if (leg?.coinId) coins.add(leg.coinId)
  const first = txs[0] ? dayOfTimestamp(txs[0].at) - AS_OF_LIMIT_DAYS : undefined
  return { txs, book: loadPriceBook(market, coins, first) }
}

/** Replays every stored transaction with the stored prices: the basis of every portfolio view. */
export function loadLedger(db: Database, market: MarketReads, method: CostMethod): Ledger {
  const { txs, book } = loadTransactionsAndPrices(db, market)
  return { txs, book, result: runLedger(txs, method, (coin, day) => book.at(coin, day)) }
}

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

/**
 * What is held now: each asset's balance valued at its newest stored price (with that price's
 * date), its open cost basis and gains. Nothing here needs the network.
 */
export function computeHoldings(db: Database, market: MarketReads, method: CostMethod, ranked: Set<string> | null) {
  const { book, result } = loadLedger(db, market, method)
  const stable = market.categoryMembers('stablecoins')
  const coins = market.coins()
  const holdings: Holding[] = []
  const totals = { value: 0, costBasis: 0, unrealizedPnl: 0, realizedPnl: 0, income: 0 }
  for (const p of result.positions.values()) {
    if (isFiat(p.symbol)) continue
    totals.realizedPnl += toNumber(p.realized)
    totals.income += toNumber(p.income)
    if (p.quantity === ZERO) continue
    const cost = p.lots.reduce((sum: Decimal, lot) => sum + lot.cost, ZERO)
    const latest = p.coinId ? book.latest(p.coinId) : null
    const value = latest ? toNumber(p.quantity) * latest.price : null
    const costBasis = toNumber(cost)
    const unrealized = value === null ? null : value - costBasis
    holdings.push({
      coinId: p.coinId,
      symbol: p.symbol,
      name: p.coinId ? (coins.get(p.coinId)?.name ?? null) : null,
      quantity: formatDecimal(p.quantity),
      price: latest?.price ?? null,
      value,
      asOf: latest ? isoDateOfDay(latest.day) : null,
      stale: latest !== null && book.marketDay !== null && book.marketDay - latest.day > AS_OF_LIMIT_DAYS,
      costBasis,
      unrealizedPnl: unrealized,
      realizedPnl: toNumber(p.realized),
      income: toNumber(p.income),
      bucket: bucketOf(p.coinId, p.symbol, stable, ranked)
    })
    if (value !== null && unrealized !== null) {
      totals.value += value
      totals.costBasis += costBasis
      totals.unrealizedPnl += unrealized
    }
  }
  holdings.sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.symbol.localeCompare(b.symbol))
  const unmatched = unmatchedSymbols(db).filter((u) => !isFiat(u.symbol))
  return {
    method,
    asOf: book.marketDay === null ? null : isoDateOfDay(book.marketDay),
    totals,
    holdings,
    warnings: result.warnings,
    unmatched
  }
}

export function computeLots(db: Database, market: MarketReads, method: CostMethod) {
  const { result } = loadLedger(db, market, method)
  const lots: { coinId: string | null; symbol: string; acquiredAt: string; quantity: string; costPerUnit: number }[] =
    []
  for (const p of result.positions.values()) {
    for (const lot of p.lots) {
      lots.push({
        coinId: p.coinId,
        symbol: p.symbol,
        acquiredAt: new Date(lot.acquiredAt).toISOString(),
        quantity: formatDecimal(lot.quantity),
        costPerUnit: toNumber(lot.cost) / toNumber(lot.quantity)
      })
    }
  }
  lots.sort((a, b) => a.symbol.localeCompare(b.symbol) || a.acquiredAt.localeCompare(b.acquiredAt))
  return { method, lots }
}

/**
 * The portfolio's USD value on every UTC day from its first transaction to the newest stored
 * price. Balances change at transaction days; each asset is valued at its as-of price (the
 * latest stored day no more than two days back). A day on which a held, mapped asset has no as-of
 * price is left out rather than drawn too low.
 */
export function valueHistory(
  txs: readonly LedgerTx[],
  book: PriceBook,
  fromDay?: number,
  toDay?: number
): { days: Int32Array; values: Float64Array } {
  if (txs.length === 0 || book.marketDay === null) return { days: new Int32Array(0), values: new Float64Array(0) }
  const start = Math.max(fromDay ?? -Infinity, dayOfTimestamp((txs[0] as LedgerTx).at))
  const end = Math.min(toDay ?? Infinity, book.marketDay)
  if (end < start) return { days: new Int32Array(0), values: new Float64Array(0) }
  // Balances by asset over time: replaying quantities only (the ledger's basis is not needed here).
  const keys = new Map<string, number>()
  const coinOf: (string | null)[] = []
  const indexOf = (leg: { coinId: string | null; symbol: string }) => {
    const key = assetKey(leg)
    let i = keys.get(key)
    if (i === undefined) {
      i = keys.size
      keys.set(key, i)
      coinOf.push(isFiat(leg.symbol) ? null : leg.coinId)
    }
    return i
  }
  for (const tx of txs) for (const leg of [tx.asset, tx.quote, tx.fee]) if (leg) indexOf(leg)
  const balances = new Float64Array(keys.size)
  const exact: Decimal[] = new Array<Decimal>(keys.size).fill(ZERO)
  const series = coinOf.map((coin) => (coin ? book.series(coin) : null))
  const cursor = new Int32Array(keys.size).fill(-1)
  const dayCount = end - start + 1
  const days = new Int32Array(dayCount)
  const values = new Float64Array(dayCount)
  let kept = 0
  let t = 0
  const move = (leg: { coinId: string | null; symbol: string; quantity: Decimal } | null, sign: 1n | -1n) => {
    if (!leg) return
    const i = indexOf(leg)
    exact[i] = (exact[i] as Decimal) + sign * leg.quantity
    balances[i] = toNumber(exact[i] as Decimal)
  }
  for (let day = Math.min(start, dayOfTimestamp((txs[0] as LedgerTx).at)); day <= end; day += 1) {
    while (t < txs.length && dayOfTimestamp((txs[t] as LedgerTx).at) <= day) {
      const tx = txs[t] as LedgerTx
      t += 1
      const incoming = tx.kind === 'buy' || tx.kind === 'trade' || tx.kind === 'transfer_in' || tx.kind === 'income'
      if (tx.kind === 'holding') {
        const i = indexOf(tx.asset)
        exact[i] = tx.asset.quantity
        balances[i] = toNumber(tx.asset.quantity)
      } else move(tx.asset, incoming ? 1n : -1n)
      if (tx.kind === 'buy' || tx.kind === 'trade') move(tx.quote, -1n)
      if (tx.kind === 'sell') move(tx.quote, 1n)
      if (tx.kind !== 'fee') move(tx.fee, -1n)
    }
    if (day < start) continue
    let total = 0
    let complete = true
    for (let i = 0; i < balances.length; i += 1) {
      const qty = balances[i] as number
      if (qty === 0 || coinOf[i] === null) continue
      const s = series[i]
      if (!s) continue // never priced (unmapped or unknown to the market data): not drawn at all
      let c = cursor[i] as number
      while (c + 1 < s.days.length && (s.days[c + 1] as number) <= day) c += 1
      cursor[i] = c
      if (c < 0) continue // before the coin's stored history begins
      if (day - (s.days[c] as number) > AS_OF_LIMIT_DAYS) {
        complete = false
        continue
      }
      total += qty * (s.prices[c] as number)
    }
    if (!complete) continue
    days[kept] = day
    values[kept] = total
    kept += 1
  }
  return { days: days.slice(0, kept), values: values.slice(0, kept) }
}
