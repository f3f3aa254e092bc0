// Rebalancing hints grouped per sleeve, so the reason a sleeve is traded is said once rather than
// under every coin in it (pure; shared by the Rebalance page and the command line).
import type { ChannelOutput } from './contract'

type Hint = ChannelOutput<'rebalance:get-hints'>['hints'][number]

export interface HintGroup {
  sleeve: Hint['sleeve']
  /** The reason shared by every hint in the group, without the per-coin price date. */
  reason: string
  hints: Hint[]
}

// Each trade's reason ends with its own price date, which the hint's line already shows.
const priceSuffix = / Price as of \d{4}-\d{2}-\d{2}\.$/

export function sharedReason(reason: string): string {
  return reason.replace(priceSuffix, '')
}

/** Hints in their order, grouped by sleeve and reason; a hint with a reason of its own gets a group. */
export function groupHints(hints: readonly Hint[]): HintGroup[] {
  const groups: HintGroup[] = []
  const byKey = new Map<string, HintGroup>()
  for (const hint of hints) {
    const reason = sharedReason(hint.reason)
    const key = `${hint.sleeve}\n${reason}`
    let group = byKey.get(key)
    if (!group) {
      group = { sleeve: hint.sleeve, reason, hints: [] }
      byKey.set(key, group)
      groups.push(group)
    }
    group.hints.push(hint)
  }
  return groups
}
