import { dayNumberOf } from '../../../shared/dates'
import { indexTops, indexWindows } from '../../../shared/domain'
import { UsageError } from '../args'
import type { OptionSpec, OptionValues } from '../args'

/** Options shared by `index` and `history`: which variant of the index (DESIGN.md section 5). */
export const variantOptions: OptionSpec[] = [
  {
    name: 'top',
    type: 'number',
    value: 'N',
    description: `universe size: ${indexTops.join(' or ')} (default: the setting, 100)`
  },
  {
    name: 'window',
    type: 'number',
    value: 'W',
    description: `window in days: ${indexWindows.join(', ')} (default: the setting, 90)`
  },
  {
    name: 'peg-detect',
    type: 'boolean',
    description: 'exclude coins pegged to USD, BTC or ETH (default: the setting, on); --no-peg-detect turns it off'
  }
]

export function variantInput(options: OptionValues): {
  top?: 100 | 50
  window?: 90 | 30 | 365
  pegDetection?: boolean
} {
  const input: { top?: 100 | 50; window?: 90 | 30 | 365; pegDetection?: boolean } = {}
  if (options.top !== undefined) {
    if (!(indexTops as readonly number[]).includes(options.top as number))
      throw new UsageError(`--top must be ${indexTops.join(' or ')}, not ${String(options.top)}`)
    input.top = options.top as 100 | 50
  }
  if (options.window !== undefined) {
    if (!(indexWindows as readonly number[]).includes(options.window as number)) {
      throw new UsageError(`--window must be one of ${indexWindows.join(', ')}, not ${String(options.window)}`)
    }
    input.window = options.window as 90 | 30 | 365
  }
  if (options['peg-detect'] !== undefined) input.pegDetection = options['peg-detect'] as boolean
  return input
}

export function dateOption(options: OptionValues, name: string): string | undefined {
  const value = options[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string' || dayNumberOf(value) === null)
    throw new UsageError(`--${name} must be a date as YYYY-MM-DD, not "${String(value)}"`)
  return value
}

/** Display rounds half up to an integer (DESIGN.md 1.7). */
export function displayValue(value: number): string {
  return String(Math.floor(value + 0.5))
}
