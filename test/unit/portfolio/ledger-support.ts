/**
 * Test support for the ledger: a small transaction builder, a price table with the as-of rule, a
 * generator of random realistic ledgers, and a comparison of the engine's result with the
 * reference's (test/unit/portfolio/reference-ledger.ts).
 */
import type { CostMethod, TxKind } from '../../../src/shared/contract/portfolio'
import { dayNumberOf } from '../../../src/shared/dates'
import type { Leg, LedgerResult, LedgerTx, PriceLookup } from '../../../src/main/portfolio/ledger/types'
import { formatDecimal, parseDecimal } from '../../../src/main/portfolio/decimal'
import { seededRandom } from '../../support/fake-coingecko/synthetic-dataset'
import { DAY_MS, isCash } from './reference-ledger'
import type { RefResult } from './reference-ledger'

/** Provider ids of the symbols the tests use; null for cash and for a symbol no stored coin has. */
export const COIN_IDS: Record<string, string | null> = {
  BTC: 'bitcoin',
  ETH: 'ethereum',
  USDT: 'tether',
  BNB: 'binancecoin',
  SOL: 'solana',
  XYZ: null,
  USD: null,
  EUR: null
}

export const d = parseDecimal
export const fmt = (v: bigint | null): string | null => (v === null ? null : formatDecimal(v))

/** "600 USDT" → a leg. */
export function leg(text: string): Leg {
  const [quantity, symbol] = text.trim().split(/\s+/) as [string, string]
  if (!(symbol in COIN_IDS)) throw new Error(`unknown test symbol ${symbol}`)
  return { symbol, coinId: COIN_IDS[symbol] ?? null, quantity: parseDecimal(quantity) }
}

/** A date (noon UTC) or a full ISO time. */
export function at(when: string | number): number {
  if (typeof when === 'number') return when
  return Date.parse(when.length === 10 ? `${when}T12:00:00Z` : when)
}

export interface TxOptions {
  quote?: string
  fee?: string
  value?: string
  source?: 'file' | 'user'
  feeValue?: string
  id?: number
}

/** Builds LedgerTx objects with increasing ids, in the order they are added (the ledger order). */
export class LedgerBuilder {
  readonly txs: LedgerTx[] = []
  private nextId = 1

  add(kind: TxKind, when: string | number, amount: string, o: TxOptions = {}): LedgerTx {
    const tx: LedgerTx = {
      id: o.id ?? this.nextId,
      kind,
      at: at(when),
      asset: leg(amount),
      quote: o.quote ? leg(o.quote) : null,
      fee: o.fee ? leg(o.fee) : null,
      valueUsd: o.value === undefined ? null : parseDecimal(o.value),
      valueSource: o.value === undefined ? null : (o.source ?? 'file'),
      feeValueUsd: o.feeValue === undefined ? null : parseDecimal(o.feeValue)
    }
    this.nextId = Math.max(this.nextId, tx.id) + 1
    this.txs.push(tx)
    return tx
  }
  buy = (when: string | number, amount: string, o?: TxOptions) => this.add('buy', when, amount, o)
  sell = (when: string | number, amount: string, o?: TxOptions) => this.add('sell', when, amount, o)
  trade = (when: string | number, amount: string, o?: TxOptions) => this.add('trade', when, amount, o)
  income = (when: string | number, amount: string, o?: TxOptions) => this.add('income', when, amount, o)
  fee = (when: string | number, amount: string, o?: TxOptions) => this.add('fee', when, amount, o)
  send = (when: string | number, amount: string, o?: TxOptions) => this.add('transfer_out', when, amount, o)
  receive = (when: string | number, amount: string, o?: TxOptions) => this.add('transfer_in', when, amount, o)
  holding = (when: string | number, amount: string, o?: TxOptions) => this.add('holding', when, amount, o)
}

/** Daily USD prices keyed `${coinId}|${day}`; the lookup applies the as-of rule (up to 2 days earlier). */
export class PriceTable {
  readonly byDay = new Map<string, number>()
  set(coinId: string, when: string | number, price: number): this {
    const day = typeof when === 'number' ? when : (dayNumberOf(when) as number)
    this.byDay.set(`${coinId}|${day}`, price)
    return this
  }
  readonly lookup: PriceLookup = (coinId, day) => {
    for (let back = 0; back <= 2; back += 1) {
      const p = this.byDay.get(`${coinId}|${day - back}`)
      if (p !== undefined) return p
    }
    return null
  }
}

// ---------------------------------------------------------------------------------------------
// Random realistic ledgers

const DAY0 = dayNumberOf('2024-01-01') as number

interface GenCoin {
  symbol: string
  id: string | null
  base: number
  /** Quantities are whole multiples of 10^-places, drawn up to `max` units. */
  places: number
  max: number
  pricePlaces: number
}

const GEN_COINS: GenCoin[] = [
  { symbol: 'BTC', id: 'bitcoin', base: 40_000, places: 4, max: 20_000, pricePlaces: 2 },
  { symbol: 'ETH', id: 'ethereum', base: 2_500, places: 3, max: 5_000, pricePlaces: 2 },
  { symbol: 'BNB', id: 'binancecoin', base: 300, places: 2, max: 2_000, pricePlaces: 2 },
  { symbol: 'USDT', id: 'tether', base: 1, places: 2, max: 500_000, pricePlaces: 4 },
  { symbol: 'XYZ', id: null, base: 5, places: 1, max: 5_000, pricePlaces: 2 }
]

const scaled = (units: bigint, places: number): bigint => units * 10n ** BigInt(18 - places)

export interface RandomLedger {
  txs: LedgerTx[]
  prices: PriceTable
}

/**
 * A random ledger over 3–4 coins: buys (USD, EUR or no quote), sells (some of more than is held),
 * trades between coins, income, standalone fees, fees inside trades (in USD, either leg or BNB),
 * transfer pairs (whole, with a network fee, 90% arrivals that do not match, arrivals recorded up
 * to 4 days early or weeks late), lone transfers, holding rows up and down, cash deposits and
 * withdrawals, stated and user values, and prices with holes (unknown values), including a
 * stablecoin priced only from some day on and a coin never priced.
 */
export function randomLedger(seed: number): RandomLedger {
  const r = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)] as T
  const chance = (p: number) => r() < p
  const span = 40 + Math.floor(r() * 160)
  const prices = new PriceTable()

  const coins = GEN_COINS.filter((c) => c.symbol === 'BNB' || chance(0.6))
  while (coins.length < 3) {
    const extra = GEN_COINS.find((c) => !coins.includes(c)) as GenCoin
    coins.push(extra)
  }
  const approx = new Map<string, number[]>()
  for (const c of coins) {
    const series: number[] = []
    let p = c.base * (0.5 + r())
    const holeRate = chance(0.4) ? 0 : r() * 0.35
    const listed = c.symbol === 'USDT' && chance(0.5) ? Math.floor(r() * span) : -5
    for (let t = -5; t <= span + 10; t += 1) {
      p = c.symbol === 'USDT' ? 1 + (r() - 0.5) * 0.01 : p * (1 + (r() - 0.5) * 0.1)
      const rounded = Math.round(p * 10 ** c.pricePlaces) / 10 ** c.pricePlaces
      series.push(rounded)
      if (c.id !== null && t >= listed && !chance(holeRate)) prices.set(c.id, DAY0 + t, rounded)
    }
    approx.set(c.symbol, series)
  }
  const priceNear = (c: GenCoin, time: number) => {
    const t = Math.floor(time / DAY_MS) - DAY0
    const series = approx.get(c.symbol) as number[]
    return series[Math.max(0, Math.min(series.length - 1, t + 5))] as number
  }

  const balance = new Map<string, bigint>(coins.map((c) => [c.symbol, 0n]))
  const events: { at: number; tx: Omit<LedgerTx, 'id'> }[] = []
  const mk = (c: GenCoin, quantity: bigint): Leg => ({ symbol: c.symbol, coinId: c.id, quantity })
  const cash = (symbol: 'USD' | 'EUR', quantity: bigint): Leg => ({ symbol, coinId: null, quantity })
  const amount = (c: GenCoin, fraction = 1) =>
    scaled(BigInt(1 + Math.floor(r() * c.max * fraction)), c.places) || scaled(1n, c.places)
  const part = (c: GenCoin, of: bigint) => {
    const units = of / 10n ** BigInt(18 - c.places)
    if (units <= 0n) return amount(c, 0.1)
    return scaled(1n + BigInt(Math.floor(r() * Number(units))), c.places)
  }
  const usd = (x: number) => parseDecimal((Math.round(x * 100) / 100).toFixed(2))
  const stated = () =>
    chance(0.15) ? { source: (chance(0.7) ? 'file' : 'user') as 'file' | 'user' } : { source: null }
  const push = (time: number, tx: Omit<LedgerTx, 'id'>) => events.push({ at: time, tx })
  const base = (kind: TxKind, time: number, asset: Leg): Omit<LedgerTx, 'id'> => ({
    kind,
    at: time,
    asset,
    quote: null,
    fee: null,
    valueUsd: null,
    valueSource: null,
    feeValueUsd: null
  })
  const feeFor = (tx: Omit<LedgerTx, 'id'>, legs: Leg[]) => {
    const roll = r()
    if (roll < 0.45) return
    const bnb = coins.find((c) => c.symbol === 'BNB') as GenCoin
    if (roll < 0.65) tx.fee = cash('USD', usd(1 + r() * 20))
    else if (roll < 0.85) {
      const on = pick(legs.filter((l) => !isCash(l.symbol)))
      const c = coins.find((x) => x.symbol === on.symbol) as GenCoin
      tx.fee = mk(c, scaled(1n + BigInt(Math.floor(r() * 5)), c.places))
    } else tx.fee = mk(bnb, scaled(1n + BigInt(Math.floor(r() * 3)), 2))
    if (chance(0.1)) tx.feeValueUsd = usd(r() * 10)
    const feeCoin = tx.fee.symbol
    if (balance.has(feeCoin)) balance.set(feeCoin, (balance.get(feeCoin) as bigint) - tx.fee.quantity)
  }
  const withValue = (tx: Omit<LedgerTx, 'id'>, estimate: number) => {
    const s = stated()
    if (s.source !== null) {
      tx.valueUsd = usd(estimate * (0.9 + r() * 0.2))
      tx.valueSource = s.source
    }
  }
  const held = (c: GenCoin) => balance.get(c.symbol) as bigint
  const change = (c: GenCoin, delta: bigint) => balance.set(c.symbol, held(c) + delta)

  let time = (DAY0 + 1) * DAY_MS + Math.floor(r() * DAY_MS)
  const count = 8 + Math.floor(r() * 30)
  for (let i = 0; i < count; i += 1) {
    const gap = r()
    time += gap < 0.12 ? 0 : gap < 0.2 ? 60_000 : Math.floor(r() * (span / count) * DAY_MS)
    const c = pick(coins)
    const roll = r()
    if (roll < 0.25 || held(c) <= 0n) {
      const q = amount(c, 0.3)
      const tx = base('buy', time, mk(c, q))
      const estimate = Number(formatDecimal(q)) * priceNear(c, time)
      const quoteRoll = r()
      if (quoteRoll < 0.6) tx.quote = cash('USD', usd(estimate * (0.99 + r() * 0.02)) || parseDecimal('0.01'))
      else if (quoteRoll < 0.8) tx.quote = cash('EUR', usd(estimate * 0.92) || parseDecimal('0.01'))
      withValue(tx, estimate)
      feeFor(tx, [tx.asset])
      change(c, q)
      push(time, tx)
    } else if (roll < 0.4) {
      const over = chance(0.1)
      const q = over ? held(c) + amount(c, 0.05) : part(c, held(c))
      const tx = base('sell', time, mk(c, q))
      const estimate = Number(formatDecimal(q)) * priceNear(c, time)
      const quoteRoll = r()
      if (quoteRoll < 0.6) tx.quote = cash('USD', usd(estimate) || parseDecimal('0.01'))
      else if (quoteRoll < 0.8) tx.quote = cash('EUR', usd(estimate * 0.92) || parseDecimal('0.01'))
      withValue(tx, estimate)
      feeFor(tx, [tx.asset])
      change(c, -q)
      push(time, tx)
    } else if (roll < 0.55) {
      const given = c
      const received = pick(coins.filter((x) => x !== given))
      const qGiven = chance(0.08) ? held(given) + amount(given, 0.05) : part(given, held(given))
      const estimate = Number(formatDecimal(qGiven)) * priceNear(given, time)
      const qReceived = scaled(
        BigInt(Math.max(1, Math.round((estimate / priceNear(received, time)) * 10 ** received.places))),
        received.places
      )
      const tx = base('trade', time, mk(received, qReceived))
      tx.quote = mk(given, qGiven)
      withValue(tx, estimate)
      feeFor(tx, [tx.asset, tx.quote])
      change(given, -qGiven)
      change(received, qReceived)
      push(time, tx)
    } else if (roll < 0.62) {
      const q = amount(c, 0.02)
      const tx = base('income', time, mk(c, q))
      withValue(tx, Number(formatDecimal(q)) * priceNear(c, time))
      change(c, q)
      push(time, tx)
    } else if (roll < 0.66) {
      const q = amount(c, 0.005)
      const tx = base('fee', time, mk(c, q))
      if (chance(0.15)) {
        tx.valueUsd = usd(Number(formatDecimal(q)) * priceNear(c, time))
        tx.valueSource = 'user'
      }
      change(c, -q)
      push(time, tx)
    } else if (roll < 0.8) {
      // A transfer pair: whole, with a network fee, or short enough (90%) or long enough not to match.
      const left = part(c, held(c))
      const out = base('transfer_out', time, mk(c, left))
      if (chance(0.25)) out.fee = mk(c, scaled(1n + BigInt(Math.floor(r() * 3)), c.places))
      const ratio = pick([10_000n, 10_000n, 9_900n, 9_600n, 9_500n, 9_400n, 9_000n, 10_100n])
      const arrived = (left * ratio) / 10_000n
      const delta = pick([-60_000, -60_000, -2 * DAY_MS, -4 * DAY_MS, 3_600_000, 2 * DAY_MS, 20 * DAY_MS])
      const inn = base('transfer_in', time + delta, mk(c, arrived))
      change(c, -left - (out.fee?.quantity ?? 0n) + arrived)
      push(time, out)
      push(time + delta, inn)
    } else if (roll < 0.86) {
      const q = chance(0.5) ? part(c, held(c)) : amount(c, 0.1)
      const outward = chance(0.5)
      const tx = base(outward ? 'transfer_out' : 'transfer_in', time, mk(c, q))
      change(c, outward ? -q : q)
      push(time, tx)
    } else if (roll < 0.93) {
      const target = pick([0n, held(c) > 0n ? part(c, held(c)) : 0n, held(c) + amount(c, 0.05)])
      balance.set(c.symbol, target)
      push(time, base('holding', time, mk(c, target < 0n ? 0n : target)))
    } else {
      const symbol = pick(['USD', 'EUR'] as const)
      push(time, base(chance(0.5) ? 'transfer_in' : 'transfer_out', time, cash(symbol, usd(100 + r() * 5000))))
    }
  }
  const txs = events
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((e, index) => ({ ...e.tx, id: index + 1 }) as LedgerTx)
  return { txs, prices }
}

/**
 * A ledger crowded with transfers of one or two coins, so that arrivals compete for departures:
 * amounts from a few close values (0.9 to 1.04 of each other), times on an hourly grid over ten
 * days (arrivals before and after departures, ties in distance), with a few sales, buys, fee legs
 * and holding rows among them.
 */
export function transferHeavyLedger(seed: number): RandomLedger {
  const r = seededRandom(seed)
  const prices = new PriceTable()
  const day0 = DAY0 + 100
  for (let t = -3; t < 15; t += 1) {
    if (r() < 0.8) prices.set('ethereum', day0 + t, 2000 + Math.round(r() * 400))
    if (r() < 0.8) prices.set('bitcoin', day0 + t, 40_000 + Math.round(r() * 4000))
  }
  const coins = r() < 0.5 ? ['ETH'] : ['ETH', 'BTC']
  const b = new LedgerBuilder()
  const start = (day0 + 1) * DAY_MS
  for (const coin of coins) {
    b.buy(start, `3 ${coin}`, { quote: `${coin === 'ETH' ? 6000 : 120000} USD` })
    b.buy(start + 3_600_000, `3 ${coin}`, { quote: `${coin === 'ETH' ? 9000 : 150000} USD` })
  }
  const events: { at: number; kind: TxKind; amount: string; fee?: string }[] = []
  const n = 4 + Math.floor(r() * 14)
  for (let i = 0; i < n; i += 1) {
    const coin = coins[Math.floor(r() * coins.length)] as string
    const at = start + 7_200_000 + Math.floor(r() * 240) * 3_600_000
    const q = ['1', '0.99', '0.97', '0.96', '0.95', '1.02', '0.9', '1.04'][Math.floor(r() * 8)] as string
    const roll = r()
    const kind: TxKind =
      roll < 0.42 ? 'transfer_out' : roll < 0.84 ? 'transfer_in' : roll < 0.9 ? 'sell' : roll < 0.95 ? 'buy' : 'holding'
    const fee = kind === 'transfer_out' && r() < 0.2 ? `0.001 ${coin}` : undefined
    events.push({ at, kind, amount: kind === 'holding' ? `${Math.floor(r() * 6)} ${coin}` : `${q} ${coin}`, fee })
  }
  events.sort((a, c) => a.at - c.at)
  for (const e of events) {
    const quote = e.kind === 'sell' || e.kind === 'buy' ? `${2000 + Math.floor(r() * 1000)} USD` : undefined
    b.add(e.kind, e.at, e.amount, { quote, fee: e.fee })
  }
  return { txs: b.txs, prices }
}

// ---------------------------------------------------------------------------------------------
// Comparison

const near = (a: bigint | null, b: bigint | null, tol: bigint): boolean =>
  a === null || b === null ? a === b : (a > b ? a - b : b - a) <= tol

const sumOrNull = (values: (bigint | null)[]): bigint | null =>
  values.some((v) => v === null) ? null : values.reduce<bigint>((s, v) => s + (v as bigint), 0n)

const VALUED: TxKind[] = ['buy', 'sell', 'trade', 'income', 'fee']
/**
 * Pieces of one lot (a lot partly set aside and taken back comes back as a piece) are one lot: they
 * share date, cost per unit and place, so their order among themselves is a matter of rounding.
 * Lots and parts are compared with the pieces of each acquiring transaction added together.
 */
function mergeByTx<T extends { id: number | null; quantity: bigint; cost: bigint | null }>(items: T[]): T[] {
  const merged: T[] = []
  for (const item of items) {
    const same = item.id === null ? undefined : merged.find((m) => m.id === item.id)
    if (!same) merged.push({ ...item })
    else {
      same.quantity += item.quantity
      same.cost = same.cost === null || item.cost === null ? null : same.cost + item.cost
    }
  }
  return merged
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

/**
 * Every difference between the engine's result and the reference's, as readable lines (empty when
 * they agree). Quantities must match exactly; USD amounts within `tol` units of 10^-18.
 */
export function differences(got: LedgerResult, ref: RefResult, method: CostMethod, tol: bigint): string[] {
  const out: string[] = []
  const money = (what: string, a: bigint | null, b: bigint | null) => {
    if (!near(a, b, tol)) out.push(`${what}: engine ${fmt(a)}, reference ${fmt(b)}`)
  }
  const same = (what: string, a: unknown, b: unknown) => {
    if (a !== b) out.push(`${what}: engine ${String(a)}, reference ${String(b)}`)
  }

  // Positions and open lots.
  for (const key of got.positions.keys())
    if (key.startsWith('symbol:') && isCash(key.slice(7))) out.push(`position for cash ${key} (L5)`)
  const keys = new Set([...got.positions.keys(), ...ref.positions.keys()])
  for (const key of keys) {
    const g = got.positions.get(key)
    const e = ref.positions.get(key)
    const gq = g?.quantity ?? 0n
    const eq = e?.quantity ?? 0n
    if (gq !== eq) out.push(`position ${key} quantity: engine ${fmt(gq)}, reference ${fmt(eq)}`)
    const gl = g?.lots ?? []
    const el = e?.lots ?? []
    if (method === 'average') {
      const gTotal = gl.reduce((s, l) => s + l.quantity, 0n)
      const eTotal = el.reduce((s, l) => s + l.quantity, 0n)
      same(`position ${key} pool quantity`, fmt(gTotal), fmt(eTotal))
      money(`position ${key} pool cost`, sumOrNull(gl.map((l) => l.cost)), sumOrNull(el.map((l) => l.cost)))
      const gAt = gl.length ? Math.min(...gl.map((l) => l.acquiredAt)) : null
      const eAt = el.length ? Math.min(...el.map((l) => l.acquiredAt)) : null
      same(`position ${key} pool acquired`, iso(gAt), iso(eAt))
      continue
    }
    const norm = (lots: { txId: number; acquiredAt: number; quantity: bigint; cost: bigint | null }[]) =>
      mergeByTx(lots.map((l) => ({ id: l.txId, acquiredAt: l.acquiredAt, quantity: l.quantity, cost: l.cost })))
    const gm = norm(gl)
    const em = norm(el)
    const show = (lots: typeof gm) => lots.map((l) => `#${l.id}:${fmt(l.quantity)}@${fmt(l.cost)}`).join(' ')
    const agree =
      gm.length === em.length &&
      gm.every((l, i) => {
        const x = em[i] as (typeof em)[number]
        return l.id === x.id && l.acquiredAt === x.acquiredAt && l.quantity === x.quantity && near(l.cost, x.cost, tol)
      })
    if (!agree) out.push(`position ${key} lots: engine [${show(gm)}], reference [${show(em)}]`)
  }

  // Disposals, matched by transaction, cause and coin.
  const order = <T extends { txId: number; cause: string; key: string }>(list: T[]) =>
    [...list].sort((a, b) => a.txId - b.txId || a.cause.localeCompare(b.cause) || a.key.localeCompare(b.key))
  const gd = order(got.disposals)
  const ed = order(ref.disposals)
  const label = (x: { txId: number; cause: string; key: string }) => `disposal #${x.txId} ${x.cause} ${x.key}`
  const gIds = gd.map(label)
  const eIds = ed.map(label)
  if (gIds.join('|') !== eIds.join('|')) {
    out.push(`disposals: engine [${gIds.join(', ')}], reference [${eIds.join(', ')}]`)
  } else {
    gd.forEach((g, i) => {
      const e = ed[i] as (typeof ed)[number]
      const at = label(g)
      same(`${at} time`, iso(g.at), iso(e.at))
      same(`${at} quantity`, fmt(g.quantity), fmt(e.quantity))
      money(`${at} proceeds`, g.proceeds, e.proceeds)
      money(`${at} basis`, sumOrNull(g.parts.map((p) => p.cost)), sumOrNull(e.parts.map((p) => p.cost)))
      const covered = (parts: { quantity: bigint; lot: unknown }[]) =>
        parts.filter((p) => p.lot !== null).reduce((s, p) => s + p.quantity, 0n)
      same(
        `${at} quantity no lot covered`,
        fmt(g.quantity - covered(g.parts)),
        fmt(e.quantity - covered(e.parts.map((p) => ({ quantity: p.quantity, lot: p.lotTxId }))))
      )
      if (method !== 'average') {
        const show = (parts: { id: number | null; quantity: bigint; cost: bigint | null }[]) =>
          parts.map((p) => `${p.id === null ? 'none' : `#${p.id}`}:${fmt(p.quantity)}@${fmt(p.cost)}`).join(' ')
        const gp = mergeByTx(g.parts.map((p) => ({ id: p.lot?.txId ?? null, quantity: p.quantity, cost: p.cost })))
        const ep = mergeByTx(e.parts.map((p) => ({ id: p.lotTxId, quantity: p.quantity, cost: p.cost })))
        const agree =
          gp.length === ep.length &&
          gp.every((p, j) => {
            const x = ep[j] as (typeof ep)[number]
            return p.id === x.id && p.quantity === x.quantity && near(p.cost, x.cost, tol)
          })
        if (!agree) out.push(`${at} parts: engine [${show(gp)}], reference [${show(ep)}]`)
      }
    })
  }

  // Incomes.
  const gi = [...got.incomes].sort((a, b) => a.txId - b.txId)
  const ei = [...ref.incomes].sort((a, b) => a.txId - b.txId)
  same('income transactions', gi.map((x) => x.txId).join(','), ei.map((x) => x.txId).join(','))
  if (gi.length === ei.length)
    gi.forEach((g, i) => {
      const e = ei[i] as (typeof ei)[number]
      same(`income #${g.txId} quantity`, fmt(g.quantity), fmt(e.quantity))
      money(`income #${g.txId} value`, g.value, e.value)
      same(`income #${g.txId} source`, g.source, e.source)
    })

  // Values and their sources (V1, V2, V4). Transfers and holding rows: only the fee is compared,
  // the document does not say what value they record for themselves.
  for (const [id, e] of ref.values) {
    const g = got.values.get(id)
    if (!g) {
      out.push(`value of #${id}: missing in the engine`)
      continue
    }
    if (VALUED.includes(e.kind)) {
      money(`value of #${id}`, g.value, e.value)
      same(`value source of #${id}`, g.source, e.source)
    }
    money(`fee value of #${id}`, g.feeValue, e.feeValue)
    if (e.feeSource === 'user' || e.feeSource === 'unknown' || g.feeSource === 'unknown')
      same(`fee source of #${id}`, g.feeSource, e.feeSource)
  }

  // Transactions whose value (or fee value) was needed and unknown.
  const gu = [...new Set([...got.unknownValues, ...got.unknownFees])].sort((a, b) => a - b).join(',')
  const eu = [...ref.unknownValues].sort((a, b) => a - b).join(',')
  same('transactions with unknown values', `[${gu}]`, `[${eu}]`)
  return out
}
