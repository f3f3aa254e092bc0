import type { CoinHolding, CoinPage } from '../../shared/contract/coins'
import type { AssetDetail } from '../../shared/contract/reports'
import { dayNumberOf, isoDateOfDay } from '../../shared/dates'
import type { IsoDate } from '../../shared/dates'
import { AppError } from '../../shared/errors'
import { AS_OF_LIMIT_DAYS } from '../market/as-of'
import type { MarketReads } from '../market/market-reads'
import type { SeasonService, VariantInput } from '../season/season-service'

/** The longest span one page answers: twenty years of days, so no request builds an unbounded answer. */
export const MAX_PAGE_DAYS = 20 * 366

export interface CoinPageDeps {
  market: MarketReads
  season: Pick<SeasonService, 'getMembership'>
  /** The user's holding of a coin (the portfolio's asset detail), or null when they never held it. */
  asset(coinId: string): AssetDetail | null
}

export type CoinPageInput = VariantInput & { coinId: string; from?: IsoDate; to?: IsoDate }

function parseDay(date: IsoDate | undefined, name: string): number | undefined {
  if (date === undefined) return undefined
  const day = dayNumberOf(date)
  if (day === null) throw new AppError('VALIDATION', `${name} must be a real date as YYYY-MM-DD, not "${date}"`)
  return day
}

/**
 * A coin's page: its stored series (USD, BTC through bitcoin's as-of price, cap, volume), its place
 * in the index each day, and the user's trades and gains in it. Everything is as of the coin's last
 * stored day, read from the local database only.
 */
export function coinPage(deps: CoinPageDeps, input: CoinPageInput): CoinPage {
  const { market } = deps
  const info = market.coin(input.coinId)
  if (info === null)
    throw new AppError('NOT_FOUND', `No coin "${input.coinId}" is stored. Search by name or ticker, or run a sync.`)
  const bounds = market.priceBounds(info.id)
  const asked = { from: parseDay(input.from, 'from'), to: parseDay(input.to, 'to') }
  if (asked.from !== undefined && asked.to !== undefined && asked.from > asked.to)
    throw new AppError('VALIDATION', `from (${input.from}) is after to (${input.to})`)
  // Up to the market's last stored day: a coin missing its last day or two still counts as of then.
  const to = Math.min(asked.to ?? Infinity, bounds ? (market.dayBounds()?.last ?? bounds.last) : -Infinity)
  const from = Math.max(asked.from ?? -Infinity, bounds?.first ?? Infinity, to - MAX_PAGE_DAYS + 1)
  const read = deps.season.getMembership({ ...input, coinId: info.id, from, to })
  const { values, btc } = read
  // Both are ascending by day, as are the membership days: one pointer into each.
  let v = 0
  let b = -1
  const days = read.days.map((m) => {
    while (v < values.days.length && (values.days[v] as number) < m.day) v += 1
    const here = v < values.days.length && values.days[v] === m.day
    const num = (column: Float64Array) => (here && column[v] === column[v] ? (column[v] as number) : null)
    const price = num(values.price)
    if (btc) while (b + 1 < btc.days.length && (btc.days[b + 1] as number) <= m.day) b += 1
    // Bitcoin's as-of price (DESIGN.md 1.2): its latest day up to this one, at most 2 days old.
    const btcPrice =
      btc && b >= 0 && m.day - (btc.days[b] as number) <= AS_OF_LIMIT_DAYS ? (btc.prices[b] as number) : null
    return {
      date: isoDateOfDay(m.day),
      price,
      priceBtc: price !== null && btcPrice !== null ? price / btcPrice : null,
      marketCap: num(values.cap),
      volume: num(values.volume),
      status: m.status,
      rank: m.rank,
      ratio: m.ratio,
      btcRatio: m.btcRatio,
      outperforms: m.outperforms,
      reason: m.reason,
      pegSpread: m.pegSpread
    }
  })
  const variant = read.variant
  return {
    coin: { id: info.id, symbol: info.symbol, name: info.name, rank: info.rank },
    asOf: bounds ? isoDateOfDay(bounds.last) : null,
    top: variant.top,
    window: variant.window,
    pegDetection: variant.pegDetection,
    days,
    holding: holdingOf(deps.asset(info.id))
  }
}

/** The asset detail as the page shows it: markers for each acquisition and disposal, gains in USD. */
export function holdingOf(asset: AssetDetail | null): CoinHolding | null {
  if (!asset) return null
  const quantity = Number(asset.quantity)
  const value = asset.price === null ? null : quantity * asset.price
  let cost: number | null = 0
  for (const lot of asset.lots) cost = cost === null || lot.cost === null ? null : cost + Number(lot.cost)
  const buys = [
    ...asset.lots.map((lot) => ({ date: lot.acquired, quantity: lot.quantity })),
    ...asset.disposals.flatMap((d) =>
      d.lots.flatMap((lot) => (lot.acquired === null ? [] : [{ date: lot.acquired, quantity: lot.quantity }]))
    )
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  return {
    quantity: asset.quantity,
    value,
    costBasis: cost,
    unrealized: value !== null && cost !== null ? value - cost : null,
    realized: asset.realized,
    unknownGains: asset.unknownGains,
    buys,
    sells: [...asset.disposals].reverse().map((d) => ({ date: d.date, quantity: d.quantity, gain: d.gain })),
    lots: asset.lots.map((lot) => ({ date: lot.acquired, quantity: lot.quantity, costPerUnit: lot.costPerUnit }))
  }
}
