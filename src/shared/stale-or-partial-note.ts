// The note shown whenever the index rests on partial or stale data. Pure, so it is unit-tested.
import type { IndexResult } from './contract/season'

/** Stored data this many days old or less is current (the as-of rule looks two days back). */
const CURRENT_DAYS = 2

export interface DataNote {
  /** Which notes apply, for the per-day dismissal ("partial", "stale", or both). */
  key: string
  lines: string[]
}

export function describeDataNote(index: Pick<IndexResult, 'partial' | 'staleDays'>): DataNote | null {
  const lines: string[] = []
  const kinds: string[] = []
  if (index.partial) {
    kinds.push(`partial-${index.partial.coinsWithHistory}`)
    lines.push(
      `Built from ${index.partial.coinsWithHistory} of ${index.partial.coinsTracked} coins: the history of the ` +
        `others is not downloaded yet, so this value can change once it is. Continue the sync to fetch the rest.`
    )
  }
  if (index.staleDays > CURRENT_DAYS) {
    kinds.push('stale')
    lines.push(
      `The market data is ${index.staleDays} days old: what is shown is as of then, not today. Sync to bring it up to date.`
    )
  }
  return lines.length === 0 ? null : { key: kinds.join('+'), lines }
}
