import { isCurated } from './curated-exclusions'

/** The benchmark coin: never in the universe (DESIGN.md 1.3). */
export const BITCOIN_ID = 'bitcoin'
/** The third peg reference (DESIGN.md 1.4). */
export const ETHEREUM_ID = 'ethereum'

/** Provider categories whose members are never in the universe (DESIGN.md 1.3), in reporting order. */
export const excludedCategories = [
  'stablecoins',
  'wrapped-tokens',
  'liquid-staking-tokens',
  'liquid-restaking-tokens',
  'bridged-tokens',
  'bridged-stablecoins',
  'yield-bearing-stablecoins',
  'tokenized-gold'
] as const

const excludedCategorySet = new Set<string>(excludedCategories)

/**
 * Why a coin is out of the universe on every date, or null when it may be ranked. Category comes
 * before the curated list so the reason names the provider's label when there is one.
 */
export function staticExclusionReason(id: string, categories: readonly string[]): string | null {
  if (id === BITCOIN_ID) return 'benchmark'
  for (const category of excludedCategories) {
    if (categories.includes(category)) return `category:${category}`
  }
  if (isCurated(id)) return 'curated'
  return null
}

export function isExcludedCategory(category: string): boolean {
  return excludedCategorySet.has(category)
}
