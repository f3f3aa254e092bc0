import type { Regime } from '../../../shared/contract/season'

/** The three sleeves a target splits the portfolio into. Wrapped BTC counts as Bitcoin. */
export const sleeves = ['bitcoin', 'altcoins', 'stablecoins'] as const
export type Sleeve = (typeof sleeves)[number]

export const regimes: readonly Regime[] = ['bitcoin', 'neutral', 'altcoin']

/** Percentages of the portfolio's value; they add up to 100. */
export interface TargetSplit {
  bitcoin: number
  altcoins: number
  stablecoins: number
  /**
   * Optional weights inside the altcoin sleeve (coin id -> weight, any positive scale). Empty means
   * the sleeve is one block: buys and sells spread over the altcoins already held.
   */
  altWeights: Record<string, number>
}

export type RegimeTargets = Record<Regime, TargetSplit>

/**
 * Defaults lean toward the sleeve the regime favours without betting everything on it; the user
 * edits them. Neutral keeps a middle split.
 */
export const defaultTargets: RegimeTargets = {
  bitcoin: { bitcoin: 60, altcoins: 15, stablecoins: 25, altWeights: {} },
  neutral: { bitcoin: 50, altcoins: 30, stablecoins: 20, altWeights: {} },
  altcoin: { bitcoin: 40, altcoins: 45, stablecoins: 15, altWeights: {} }
}

const SUM_TOLERANCE = 0.01

/** A reason the split cannot be used, or null when it is valid. */
export function targetProblem(split: TargetSplit): string | null {
  for (const sleeve of sleeves) {
    const value = split[sleeve]
    if (!Number.isFinite(value) || value < 0 || value > 100)
      return `${sleeve} must be a percentage from 0 to 100, not ${value}`
  }
  const sum = split.bitcoin + split.altcoins + split.stablecoins
  if (Math.abs(sum - 100) > SUM_TOLERANCE) return `the three targets must add up to 100%, not ${round(sum, 2)}%`
  for (const [coinId, weight] of Object.entries(split.altWeights)) {
    if (coinId === 'bitcoin') return 'bitcoin belongs to the Bitcoin sleeve, not to the altcoin weights'
    if (!Number.isFinite(weight) || weight <= 0) return `the weight of ${coinId} must be a positive number`
  }
  return null
}

/** The altcoin weights scaled to add up to 1, largest first (ties by id), or [] when none are set. */
export function normalizedAltWeights(split: TargetSplit): { coinId: string; weight: number }[] {
  const entries = Object.entries(split.altWeights).filter(([, w]) => w > 0)
  const total = entries.reduce((sum, [, w]) => sum + w, 0)
  if (total <= 0) return []
  return entries
    .map(([coinId, w]) => ({ coinId, weight: w / total }))
    .sort((a, b) => b.weight - a.weight || (a.coinId < b.coinId ? -1 : 1))
}

export function fractionsOf(split: TargetSplit): Record<Sleeve, number> {
  return { bitcoin: split.bitcoin / 100, altcoins: split.altcoins / 100, stablecoins: split.stablecoins / 100 }
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round((value + Number.EPSILON * Math.sign(value)) * factor) / factor
}
