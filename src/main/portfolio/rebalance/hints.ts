import { regimeLabels } from '../../../shared/domain'
import type { Regime } from '../../../shared/contract/season'
import type { DriftBands, SleeveDrift } from './drift'
import { measureDrift } from './drift'
import type { Slot } from './rebalance-math'
import { solveContribution, solveRebalance } from './rebalance-math'
import type { Sleeve, TargetSplit } from './targets'
import { normalizedAltWeights, round, sleeves } from './targets'

export interface HoldingInput {
  coinId: string
  symbol: string
  sleeve: Sleeve
  /** Altcoins only: whether the coin is in the index's ranked set. */
  inRankedSet: boolean
  quantity: number
  /** The exact quantity as stored, used when a sell takes the whole holding. */
  quantityText?: string
  price: number
  priceAsOf: string
}

export interface PriceQuote {
  symbol: string
  price: number
  asOf: string
}

export interface HintContext {
  regime: Regime
  indexValue: number
  /** The date of the index value the regime comes from. */
  indexAsOf: string
}

export interface HintRequest {
  holdings: readonly HoldingInput[]
  targets: TargetSplit
  bands: DriftBands
  /** Fraction of each trade's value, e.g. 0.005. */
  feeRate: number
  /** Trades smaller than this many USD are left out. */
  minTrade: number
  mode: 'rebalance' | 'buy-only'
  /** New money in USD, arriving as stablecoins; buy-only mode spends it. */
  contribution: number
  context: HintContext
  /** Prices for coins a hint may buy without holding them (bitcoin, weighted altcoins). */
  quotes: Readonly<Record<string, PriceQuote>>
  /** Where altcoin buys go when no altcoin is held and no weights are set: the largest ranked altcoin. */
  fallbackAltcoin: string | null
}

export interface Trade {
  action: 'buy' | 'sell'
  coinId: string
  symbol: string
  sleeve: Sleeve
  /** Decimal string, at most 8 decimals, rounded toward zero so a sell never exceeds the holding. */
  quantity: string
  price: number
  priceAsOf: string
  /** USD, rounded to cents. */
  value: number
  /** Estimated fee in USD, rounded to cents. */
  fee: number
  reason: string
}

export interface SleeveValue {
  sleeve: Sleeve
  value: number
  percent: number
}

export interface HintResult {
  /** True when a sleeve is outside its band (rebalance) or there is money to place (buy-only). */
  due: boolean
  drift: SleeveDrift[]
  trades: Trade[]
  /** Trades computed but left out (below the minimum size, or no price to trade at), with why. */
  skipped: Trade[]
  feeTotal: number
  /** The sleeves after the kept trades and fees. */
  after: SleeveValue[]
  notes: string[]
}

const QUANTITY_DECIMALS = 8
const sleeveLabel: Record<Sleeve, string> = { bitcoin: 'Bitcoin', altcoins: 'Altcoins', stablecoins: 'Stablecoins' }

/** A slot of the solver with the coins its buys and sells go to. */
interface TradeSlot extends Slot {
  sleeve: Sleeve
  /** Coins a sell is spread over, by value. */
  sellFrom: HoldingInput[]
  /** Coins a buy is spread over, with their shares (adding up to 1). */
  buyInto: { coinId: string; share: number }[]
}

export function computeHints(request: HintRequest): HintResult {
  const notes: string[] = []
  const held = request.holdings.filter((h) => h.quantity > 0 && h.price > 0)
  const sleeveValues = valuesBySleeve(held)
  const cashNow = sleeveValues.stablecoins + (request.mode === 'buy-only' ? 0 : request.contribution)
  const measured = { ...sleeveValues, stablecoins: sleeveValues.stablecoins + request.contribution }
  const targetPercents = {
    bitcoin: request.targets.bitcoin,
    altcoins: request.targets.altcoins,
    stablecoins: request.targets.stablecoins
  }
  const drift = measureDrift(measured, targetPercents, request.bands)
  const slots = buildSlots(held, request, notes)

  let due: boolean
  let deltas: number[]
  if (request.mode === 'buy-only') {
    due = request.contribution > 0
    const solution = solveContribution(
      slots,
      cashNow,
      request.targets.stablecoins / 100,
      request.contribution,
      request.feeRate
    )
    deltas = solution.buys
  } else {
    due = drift.some((d) => d.outside)
    deltas = due ? solveRebalance(slots, cashNow, request.feeRate).deltas : slots.map(() => 0)
  }

  const trades: Trade[] = []
  const skipped: Trade[] = []
  slots.forEach((slot, index) => {
    const delta = deltas[index] ?? 0
    if (Math.abs(delta) < 1e-9) return
    for (const trade of splitSlot(slot, delta, request, drift)) {
      if (trade.value < request.minTrade || trade.value <= 0) {
        skipped.push({
          ...trade,
          reason: `${trade.reason} Left out: ${formatUsd(trade.value)} is below the minimum trade of ${formatUsd(request.minTrade)}.`
        })
      } else trades.push(trade)
    }
  })
  trades.sort((a, b) => (a.action === b.action ? b.value - a.value : a.action === 'sell' ? -1 : 1))

  const feeTotal = round(
    trades.reduce((sum, t) => sum + t.value * request.feeRate, 0),
    2
  )
  const after = sleevesAfter(measured, trades, feeTotal)
  if (request.mode === 'rebalance' && !due) notes.push('Every sleeve is inside its band: no trade is due.')
  if (due && trades.length === 0 && skipped.length > 0)
    notes.push('The trades that would be due are all below the minimum trade size.')
  if (request.mode === 'buy-only' && request.contribution > 0) {
    const spent = trades.reduce((sum, t) => sum + t.value + t.value * request.feeRate, 0)
    const kept = request.contribution - spent
    if (kept >= 0.005) {
      notes.push(
        `${formatUsd(kept)} of the new money stays in stablecoins: the stablecoin sleeve needs it to approach its target, or the buys it would fund are too small.`
      )
    }
  }
  return { due, drift, trades, skipped, feeTotal, after, notes }
}

function valuesBySleeve(held: readonly HoldingInput[]): Record<Sleeve, number> {
  const values: Record<Sleeve, number> = { bitcoin: 0, altcoins: 0, stablecoins: 0 }
  for (const h of held) values[h.sleeve] += h.quantity * h.price
  return values
}

function buildSlots(held: readonly HoldingInput[], request: HintRequest, notes: string[]): TradeSlot[] {
  const t = request.targets
  const bitcoinHeld = held.filter((h) => h.sleeve === 'bitcoin')
  const slots: TradeSlot[] = [
    {
      sleeve: 'bitcoin',
      value: sum(bitcoinHeld),
      target: t.bitcoin / 100,
      sellFrom: bitcoinHeld,
      buyInto: [{ coinId: 'bitcoin', share: 1 }]
    }
  ]
  const alts = held.filter((h) => h.sleeve === 'altcoins')
  const weights = normalizedAltWeights(t)
  if (weights.length > 0) {
    // With weights set, each weighted coin is its own slot; altcoins held outside the weights are sold.
    for (const { coinId, weight } of weights) {
      const holding = alts.filter((h) => h.coinId === coinId)
      slots.push({
        sleeve: 'altcoins',
        value: sum(holding),
        target: (t.altcoins / 100) * weight,
        sellFrom: holding,
        buyInto: [{ coinId, share: 1 }]
      })
    }
    for (const holding of alts.filter((h) => !weights.some((w) => w.coinId === h.coinId))) {
      slots.push({
        sleeve: 'altcoins',
        value: holding.quantity * holding.price,
        target: 0,
        sellFrom: [holding],
        buyInto: []
      })
    }
  } else {
    const ranked = alts.filter((h) => h.inRankedSet)
    const pool = ranked.length > 0 ? ranked : alts
    const poolValue = sum(pool)
    let buyInto = pool.map((h) => ({ coinId: h.coinId, share: (h.quantity * h.price) / poolValue }))
    if (buyInto.length === 0 && t.altcoins > 0) {
      if (request.fallbackAltcoin) {
        buyInto = [{ coinId: request.fallbackAltcoin, share: 1 }]
        notes.push(
          `No altcoin is held and no altcoin weights are set, so altcoin buys go to ${request.fallbackAltcoin}, the largest coin in the index's ranked set. Set weights to choose.`
        )
      } else notes.push('No altcoin is held and no altcoin weights are set: set weights to say which altcoins to buy.')
    }
    slots.push({ sleeve: 'altcoins', value: sum(alts), target: t.altcoins / 100, sellFrom: alts, buyInto })
  }
  return slots
}

function splitSlot(slot: TradeSlot, delta: number, request: HintRequest, drift: readonly SleeveDrift[]): Trade[] {
  const sleeveDrift = drift.find((d) => d.sleeve === slot.sleeve)
  const why = reasonPrefix(request, slot.sleeve, sleeveDrift)
  const trades: Trade[] = []
  if (delta < 0) {
    for (const holding of slot.sellFrom) {
      const holdingValue = holding.quantity * holding.price
      const amount = slot.value > 0 ? (-delta * holdingValue) / slot.value : 0
      // Selling (nearly) all of a holding sells exactly what is held, never a rounding more or less.
      const whole = amount >= holdingValue * (1 - 1e-9)
      const quantity = whole ? holding.quantity : floorTo(amount / holding.price, QUANTITY_DECIMALS)
      const text = whole && holding.quantityText ? holding.quantityText : formatQuantity(quantity)
      trades.push(
        makeTrade(
          'sell',
          holding.coinId,
          holding.symbol,
          slot.sleeve,
          quantity,
          text,
          holding.price,
          holding.priceAsOf,
          request.feeRate,
          `${why} Selling brings it toward ${pct(slot.target * 100)} of the portfolio; proceeds are held as stablecoins.`
        )
      )
    }
    return trades
  }
  for (const { coinId, share } of slot.buyInto) {
    const held = request.holdings.find((h) => h.coinId === coinId && h.price > 0)
    const quote = held ? { symbol: held.symbol, price: held.price, asOf: held.priceAsOf } : request.quotes[coinId]
    const amount = delta * share
    if (!quote || !(quote.price > 0)) {
      trades.push({
        action: 'buy',
        coinId,
        symbol: coinId,
        sleeve: slot.sleeve,
        quantity: '0',
        price: 0,
        priceAsOf: request.context.indexAsOf,
        value: 0,
        fee: 0,
        reason: `${why} No cached price for ${coinId}, so no quantity can be given (${formatUsd(amount)} would be due).`
      })
      continue
    }
    const quantity = floorTo(amount / quote.price, QUANTITY_DECIMALS)
    const paidFrom = request.mode === 'buy-only' ? 'paid from the new contribution' : 'paid from stablecoins'
    trades.push(
      makeTrade(
        'buy',
        coinId,
        quote.symbol,
        slot.sleeve,
        quantity,
        formatQuantity(quantity),
        quote.price,
        quote.asOf,
        request.feeRate,
        `${why} Buying brings it toward ${pct(slot.target * 100)} of the portfolio, ${paidFrom}.`
      )
    )
  }
  return trades
}

function makeTrade(
  action: 'buy' | 'sell',
  coinId: string,
  symbol: string,
  sleeve: Sleeve,
  quantity: number,
  quantityText: string,
  price: number,
  priceAsOf: string,
  feeRate: number,
  reason: string
): Trade {
  const value = round(quantity * price, 2)
  return {
    action,
    coinId,
    symbol,
    sleeve,
    quantity: quantityText,
    price,
    priceAsOf,
    value,
    fee: round(value * feeRate, 2),
    reason: `${reason} Price as of ${priceAsOf}.`
  }
}

function reasonPrefix(request: HintRequest, sleeve: Sleeve, drift: SleeveDrift | undefined): string {
  const { regime, indexValue, indexAsOf } = request.context
  const head = `${regimeLabels[regime]} (index ${Math.round(indexValue)} as of ${indexAsOf}):`
  if (!drift) return head
  const position = `${sleeveLabel[sleeve]} is ${pct(drift.actual)} against a ${pct(drift.target)} target (${signed(drift.drift)} pts, band ±${drift.band.toFixed(1)} pts).`
  if (request.mode === 'buy-only')
    return `${head} buy-only with ${formatUsd(request.contribution)} of new money; ${position}`
  return `${head} ${position}`
}

function sleevesAfter(before: Record<Sleeve, number>, trades: readonly Trade[], fees: number): SleeveValue[] {
  const values = { ...before }
  for (const trade of trades) {
    const signedValue = trade.action === 'buy' ? trade.value : -trade.value
    values[trade.sleeve] += signedValue
    values.stablecoins -= signedValue
  }
  values.stablecoins -= fees
  const total = sleeves.reduce((s, k) => s + values[k], 0)
  return sleeves.map((sleeve) => ({
    sleeve,
    value: round(values[sleeve], 2),
    percent: total > 0 ? round((100 * values[sleeve]) / total, 2) : 0
  }))
}

function sum(holdings: readonly HoldingInput[]): number {
  return holdings.reduce((total, h) => total + h.quantity * h.price, 0)
}

export function floorTo(value: number, decimals: number): number {
  const factor = 10 ** decimals
  // The tiny nudge keeps 0.3/0.1-style float noise (2.9999999999) from losing a whole last digit.
  return Math.floor(value * factor + 1e-6) / factor
}

export function formatQuantity(quantity: number): string {
  return quantity.toFixed(QUANTITY_DECIMALS).replace(/\.?0+$/, '') || '0'
}

function pct(value: number): string {
  return `${round(value, 1).toFixed(1)}%`
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}`
}

export function formatUsd(value: number): string {
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
}
