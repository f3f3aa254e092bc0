import { isoDateOfDay } from '../../shared/dates'
import type { IndexResult } from '../../shared/contract/season'
import { regimeOf } from '../../shared/domain'
import type { IndexTop } from '../../shared/domain'
import type { CoinInfo, SnapshotChange } from '../market/market-reads'
import { BITCOIN_ID, staticExclusionReason } from './exclusions'

/** The windows the markets endpoint reports a price change for (30d and 1y). */
export type ProvisionalWindow = 30 | 365

export const isProvisionalWindow = (window: number): window is ProvisionalWindow => window === 30 || window === 365

/**
 * The plain reason shown with a provisional value. The peg detector needs 30 days of prices, which
 * a snapshot does not have, so it is named as not applied.
 */
export function provisionalReason(window: ProvisionalWindow, categoriesKnown: boolean): string {
  const span = window === 30 ? '30-day' : '1-year'
  const exclusions = categoriesKnown
    ? 'Stablecoins and wrapped tokens are left out by their provider categories and the built-in list'
    : "Stablecoins and wrapped tokens are left out by the built-in list only (the provider's categories are still downloading)"
  return `Provisional: computed from the provider's ${span} price changes in today's market snapshot while the price history downloads. ${exclusions}; the peg detector, which needs 30 days of prices, is not applied yet.`
}

/**
 * Today's index for the 30-day or 365-day window from the latest market snapshot alone (DESIGN.md
 * 1.3, 1.5–1.8 without the peg detector): the ranked coins are the first `top` by the snapshot's
 * market cap after the fixed exclusions, a coin's window ratio is 1 + its change, and it
 * outperforms when that ratio beats bitcoin's. Null when the snapshot is not from `today`, bitcoin
 * has no change for the window, or no ranked coin has one. Never stored as history.
 */
export function computeProvisional(
  input: {
    changes: readonly SnapshotChange[]
    categories: ReadonlyMap<string, readonly string[]>
    coins: ReadonlyMap<string, CoinInfo>
    /** Whether every excluded category's membership has been fetched. */
    categoriesKnown: boolean
    today: number
  },
  top: IndexTop,
  window: ProvisionalWindow
): IndexResult | null {
  const changeOf = (row: SnapshotChange) => (window === 30 ? row.change30d : row.change1y)
  const fresh = input.changes.filter((row) => row.day === input.today)
  const btc = fresh.find((row) => row.id === BITCOIN_ID)
  const btcChange = btc ? changeOf(btc) : null
  if (btcChange === null) return null
  const btcRatio = 1 + btcChange / 100

  const excluded: IndexResult['excluded'] = []
  const candidates: SnapshotChange[] = []
  for (const row of fresh) {
    if (row.marketCap === null || row.id === BITCOIN_ID) continue
    const reason = staticExclusionReason(row.id, input.categories.get(row.id) ?? [])
    if (reason !== null) {
      // The ticker and name, as the history-based index lists its exclusions.
      const coin = input.coins.get(row.id)
      excluded.push({ id: row.id, symbol: coin?.symbol ?? row.id, name: coin?.name ?? row.id, reason })
    } else candidates.push(row)
  }
  // DESIGN.md 1.5: by market cap descending, ties by coin id ascending.
  candidates.sort((a, b) => (b.marketCap as number) - (a.marketCap as number) || (a.id < b.id ? -1 : 1))

  const coins: IndexResult['coins'] = []
  let outperformers = 0
  let measured = 0
  for (const [index, row] of candidates.slice(0, top).entries()) {
    const change = changeOf(row)
    const ratio = change === null ? null : 1 + change / 100
    const outperforms = ratio === null ? null : ratio > btcRatio
    if (ratio !== null) measured += 1
    if (outperforms) outperformers += 1
    const info = input.coins.get(row.id)
    coins.push({
      id: row.id,
      symbol: info?.symbol ?? row.id,
      name: info?.name ?? row.id,
      rank: index + 1,
      marketCap: row.marketCap as number,
      ratio,
      outperforms
    })
  }
  if (measured === 0) return null
  const value = (100 * outperformers) / measured
  return {
    date: isoDateOfDay(input.today),
    top,
    window,
    value,
    outperformers,
    measured,
    unmeasured: coins.length - measured,
    regime: regimeOf(value),
    btcRatio,
    coins,
    excluded,
    partial: null,
    staleDays: 0,
    provisional: true,
    provisionalReason: provisionalReason(window, input.categoriesKnown)
  }
}
