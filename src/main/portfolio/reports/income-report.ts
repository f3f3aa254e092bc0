import type { IncomeReport } from '../../../shared/contract/reports'
import { createLocalDates, yearOf } from '../../../shared/tax-dates'
import type { Decimal } from '../decimal'
import { formatCents, formatDecimal, toCents } from '../decimal'
import type { LedgerResult } from '../ledger/types'
import { REPORT_DISCLAIMER } from './gains-report'

/**
 * Income per tax year (docs/cost-basis.md, L1 and L10): staking, rewards, airdrops and interest at
 * their value on receipt, with totals per asset. Incomes of unknown value are listed, not summed.
 */
export function incomeReport(
  result: LedgerResult,
  options: { timeZone: string; year: number | null; notes: ReadonlyMap<number, string | null> }
): IncomeReport {
  const dateOf = createLocalDates(options.timeZone)
  const years = new Set<number>()
  const rows: IncomeReport['rows'] = []
  const byAsset = new Map<string, { symbol: string; coinId: string | null; quantity: Decimal; value: Decimal }>()
  let total = 0n
  let summed = 0
  let unknownRows = 0
  for (const income of result.incomes) {
    const date = dateOf(income.at)
    years.add(yearOf(date))
    if (options.year !== null && yearOf(date) !== options.year) continue
    const value = income.value === null ? null : toCents(income.value)
    rows.push({
      txId: income.txId,
      date,
      symbol: income.symbol,
      coinId: income.coinId,
      quantity: formatDecimal(income.quantity),
      value: value === null ? null : formatCents(value),
      source: income.source,
      note: options.notes.get(income.txId) ?? null
    })
    if (value === null) {
      unknownRows += 1
      continue
    }
    total += value
    summed += 1
    const asset = byAsset.get(income.key) ?? { symbol: income.symbol, coinId: income.coinId, quantity: 0n, value: 0n }
    asset.quantity += income.quantity
    asset.value += value
    byAsset.set(income.key, asset)
  }
  return {
    timeZone: options.timeZone,
    year: options.year,
    years: [...years].sort((a, b) => b - a),
    disclaimer: REPORT_DISCLAIMER,
    rows,
    totals: {
      value: formatCents(total),
      rows: summed,
      byAsset: [...byAsset.values()]
        .sort((a, b) => (b.value > a.value ? 1 : b.value < a.value ? -1 : a.symbol.localeCompare(b.symbol)))
        .map((a) => ({
          symbol: a.symbol,
          coinId: a.coinId,
          quantity: formatDecimal(a.quantity),
          value: formatCents(a.value)
        }))
    },
    unknownRows
  }
}
