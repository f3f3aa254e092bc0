import type { GainRow, GainsReport } from '../../../shared/contract/reports'
import type { CostMethod } from '../../../shared/domain'
import { anniversary, createLocalDates, yearOf } from '../../../shared/tax-dates'
import { centsOf, formatCentUnits, formatDecimal } from '../decimal'
import type { LedgerResult } from '../ledger/types'

export const REPORT_DISCLAIMER =
  'This report is arithmetic on your own records under the cost-basis rules Seasonwatch documents, not tax advice. Check it, and ask a tax professional where your situation needs one.'

/** Sums in whole cents. */
interface Sums {
  proceeds: bigint
  costBasis: bigint
  gain: bigint
  rows: number
}

const emptySums = (): Sums => ({ proceeds: 0n, costBasis: 0n, gain: 0n, rows: 0 })
const shown = (s: Sums) => ({
  proceeds: formatCentUnits(s.proceeds),
  costBasis: formatCentUnits(s.costBasis),
  gain: formatCentUnits(s.gain),
  rows: s.rows
})

/**
 * The realized gains report (docs/cost-basis.md, "Reports"): one row per lot each disposal
 * consumed, dated in the tax time zone, amounts rounded to cents row by row so the totals are the
 * sums of the rows as listed. Rows with an unknown amount are listed and left out of the totals.
 */
export function gainsReport(
  result: LedgerResult,
  options: { method: CostMethod; timeZone: string; year: number | null; names: ReadonlyMap<string, string> }
): GainsReport {
  const dateOf = createLocalDates(options.timeZone)
  // Lots share acquisition dates: each date's anniversary is worked out once.
  const anniversaries = new Map<string, string>()
  const termFor = (acquired: string, sold: string) => {
    let day = anniversaries.get(acquired)
    if (day === undefined) {
      day = anniversary(acquired)
      anniversaries.set(acquired, day)
    }
    return sold > day ? 'long' : 'short'
  }
  const years = new Set<number>()
  const rows: GainRow[] = []
  const totals = { short: emptySums(), long: emptySums(), all: emptySums() }
  let unknownRows = 0
  for (const d of result.disposals) {
    const sold = dateOf(d.at)
    const year = yearOf(sold)
    years.add(year)
    if (options.year !== null && year !== options.year) continue
    for (const part of d.parts) {
      const acquired = part.lot ? dateOf(part.lot.acquiredAt) : null
      const proceeds = part.proceeds === null ? null : centsOf(part.proceeds)
      const cost = part.cost === null ? null : centsOf(part.cost)
      const gain = proceeds === null || cost === null ? null : proceeds - cost
      const term = acquired === null ? null : termFor(acquired, sold)
      rows.push({
        txId: d.txId,
        symbol: d.symbol,
        coinId: d.coinId,
        name: d.coinId === null ? null : (options.names.get(d.coinId) ?? null),
        cause: d.cause,
        quantity: formatDecimal(part.quantity),
        acquired,
        sold,
        proceeds: proceeds === null ? null : formatCentUnits(proceeds),
        costBasis: cost === null ? null : formatCentUnits(cost),
        gain: gain === null ? null : formatCentUnits(gain),
        term,
        proceedsSource: d.proceedsSource,
        costSources: part.lot ? part.lot.costSources : ['unknown']
      })
      if (gain === null || proceeds === null || cost === null || term === null) {
        unknownRows += 1
        continue
      }
      for (const sums of [totals[term], totals.all]) {
        sums.proceeds += proceeds
        sums.costBasis += cost
        sums.gain += gain
        sums.rows += 1
      }
    }
  }
  return {
    timeZone: options.timeZone,
    year: options.year,
    years: [...years].sort((a, b) => b - a),
    disclaimer: REPORT_DISCLAIMER,
    method: options.method,
    rows,
    totals: { short: shown(totals.short), long: shown(totals.long), all: shown(totals.all) },
    unknownRows
  }
}
