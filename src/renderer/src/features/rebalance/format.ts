// The Rebalance page's words; numbers come from the one formatting module.
export { usd } from '@shared/format'
import { percent, percentOf } from '@shared/format'

/** A value already in percent (25.3 → "25.3%"). */
export const pct = (value: number | null, digits = 1): string => percentOf(value, digits)
/** A share of a whole (0.253 → "25.3%"). */
export const fraction = (value: number | null, digits = 1): string => percent(value, digits)

export const sleeveWords = { bitcoin: 'Bitcoin', altcoins: 'Altcoins', stablecoins: 'Stablecoins' } as const
