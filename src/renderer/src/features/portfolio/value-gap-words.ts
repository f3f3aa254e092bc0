// What the portfolio's sums leave out, in words (pure; the core sends counts, the window says them).
import type { ImportResult, ValueGaps } from '@shared/contract/portfolio'
import { priceSourceLabels } from '@shared/domain'
import { count } from './portfolio-format'

const tierNames: Record<ValueGaps['tier'], string> = {
  public: 'the free CoinGecko plan',
  demo: 'a CoinGecko demo key',
  pro: 'a CoinGecko Pro key'
}

/**
 * The transactions without a USD value: a headline, then why (older than the provider tier's
 * price history, a symbol not matched to a coin, or no stored price yet) with the fix for each.
 * Null when every value is known.
 */
export function valueGapWords(gaps: ValueGaps): { headline: string; reasons: string[] } | null {
  const n = gaps.transactions
  if (n <= 0) return null
  const it = n === 1 ? 'it' : 'them'
  const headline = `${count(n, 'transaction')} without a USD value: gains and income leave ${it} out until ${
    n === 1 ? 'it has one' : 'they have one'
  }.`
  const reasons: string[] = []
  const verb = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`
  if (gaps.beyondTier > 0) {
    const since = gaps.tierFrom ? `, which starts on ${gaps.tierFrom}` : ''
    const theirs = gaps.beyondTier === 1 ? 'its value' : 'their values'
    const reach =
      gaps.tier === 'pro' ? `Enter ${theirs}.` : `A CoinGecko Pro key reaches back to 2013; or enter ${theirs}.`
    reasons.push(
      `${verb(gaps.beyondTier, 'is', 'are')} older than the price history ${tierNames[gaps.tier]} serves${since}. ${reach}`
    )
  }
  if (gaps.unmatched > 0)
    reasons.push(
      `${verb(gaps.unmatched, 'has a symbol', 'have a symbol')} not yet matched to a coin: choose the coin under "Not matched to a coin".`
    )
  const rest = n - gaps.beyondTier - gaps.unmatched
  if (rest > 0) reasons.push(`${verb(rest, 'has', 'have')} no stored price yet: a sync fetches it.`)
  return { headline, reasons }
}

/** The holdings' totals: what each leaves out, or null when it leaves out nothing. */
export function leftOutWords(
  leftOut: { unpriced: number; unknownBasis: number; unknownGains: number; unknownIncome: number },
  of: 'value' | 'costBasis' | 'unrealized' | 'realized' | 'income'
): string | null {
  switch (of) {
    case 'value':
      return leftOut.unpriced > 0 ? `leaves out ${count(leftOut.unpriced, 'holding')} without a price` : null
    case 'costBasis':
      return leftOut.unknownBasis > 0
        ? `leaves out ${count(leftOut.unknownBasis, 'holding')} with an unknown cost`
        : null
    case 'unrealized': {
      const parts = [
        leftOut.unpriced > 0 ? `${count(leftOut.unpriced, 'holding')} without a price` : null,
        leftOut.unknownBasis > 0 ? `${count(leftOut.unknownBasis, 'holding')} with an unknown cost` : null
      ].filter((p): p is string => p !== null)
      return parts.length > 0 ? `leaves out ${parts.join(' and ')}` : null
    }
    case 'realized':
      return leftOut.unknownGains > 0
        ? `leaves out ${count(leftOut.unknownGains, 'disposal')} whose gain is unknown`
        : null
    case 'income':
      return leftOut.unknownIncome > 0 ? `leaves out ${count(leftOut.unknownIncome, 'income')} of unknown value` : null
  }
}

/** "Dashed: days when 2 holdings have no price; …", or null when every day is fully priced. */
export function chartGapSentence(points: readonly { unpriced: number }[]): string | null {
  let most = 0
  let fewest = Infinity
  for (const p of points) {
    if (p.unpriced <= 0) continue
    most = Math.max(most, p.unpriced)
    fewest = Math.min(fewest, p.unpriced)
  }
  if (most === 0) return null
  const how = most === fewest ? `${most}` : `up to ${most}`
  const have = most === 1 ? 'has' : 'have'
  return `Dashed: days when ${how} ${most === 1 ? 'holding' : 'holdings'} ${have} no price; the line shows only what has one.`
}

/** How an import's transactions would be valued, one phrase per source that occurs. */
export function valuationWords(v: ImportResult['valuation']): string[] {
  return [
    v.file > 0 ? `${v.file} by ${priceSourceLabels.file}` : null,
    v.trade > 0 ? `${v.trade} by ${priceSourceLabels.trade}` : null,
    v.market > 0 ? `${v.market} by ${priceSourceLabels.market}` : null,
    v.none > 0 ? `${v.none} need${v.none === 1 ? 's' : ''} no value (own transfers, balances)` : null,
    v.unknown > 0 ? `${v.unknown} without a value yet` : null
  ].filter((p): p is string => p !== null)
}

/** The preview's warning when some transactions will have no USD value. */
export function unknownValueWarning(unknown: number): string | null {
  if (unknown <= 0) return null
  const they = unknown === 1 ? 'it' : 'them'
  return `${count(unknown, 'transaction')} will have no USD value yet: gains and income will leave ${they} out until you enter one (Transactions, "Enter the USD value").`
}
