/**
 * Provider categories whose members are never in the index universe (DESIGN.md section 1, item 3).
 * The sync stores their memberships; the season engine applies them together with its curated list.
 */
export const EXCLUDED_CATEGORIES = [
  'stablecoins',
  'wrapped-tokens',
  'liquid-staking-tokens',
  'liquid-restaking-tokens',
  'bridged-tokens',
  'bridged-stablecoins',
  'yield-bearing-stablecoins',
  'tokenized-gold'
] as const

export type ExcludedCategory = (typeof EXCLUDED_CATEGORIES)[number]
