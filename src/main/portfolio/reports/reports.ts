import type { Database } from 'better-sqlite3'
import type { AssetDetail, GainsReport, IncomeReport } from '../../../shared/contract/reports'
import type { CostMethod } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import type { Settings } from '../../../shared/settings'
import type { MarketReads } from '../../market/market-reads'
import { incomeNotes } from '../transactions-repo'
import type { LedgerSource } from '../ledger-cache'
import { assetDetail } from './asset-detail'
import { gainsReport } from './gains-report'
import { incomeReport } from './income-report'
import { gains8949Csv, gainsFullCsv, incomeCsv } from './report-csv'

export type ReportKind = 'gains-8949' | 'gains-full' | 'income'

/** The tax reports and the per-asset view, each a fresh replay of the stored ledger. */
export function createReports(deps: {
  db: Database
  market: MarketReads
  settings: { get(): Settings }
  ledger: LedgerSource
}) {
  const { db, market } = deps
  const names = () => new Map([...market.coins().values()].map((c) => [c.id, c.name]))

  function gains(year: number | null, method: CostMethod): GainsReport {
    const { result } = deps.ledger(method, { values: false, balances: false })
    return gainsReport(result, { method, timeZone: deps.settings.get().taxTimeZone, year, names: names() })
  }

  function income(year: number | null): IncomeReport {
    const { result } = deps.ledger('fifo', { values: false, balances: false })
    const notes = incomeNotes(db)
    return incomeReport(result, { timeZone: deps.settings.get().taxTimeZone, year, notes })
  }

  /** One holding's detail, or null when no transaction names it (a coin page of a coin never held). */
  function findAsset(key: string, method: CostMethod): AssetDetail | null {
    const { book, result } = deps.ledger(method, { values: false, balances: false })
    const coinId = key.startsWith('symbol:') ? null : key
    return assetDetail(result, book, key, {
      method,
      timeZone: deps.settings.get().taxTimeZone,
      name: coinId === null ? null : (market.coin(coinId)?.name ?? null)
    })
  }

  return {
    gains,
    income,
    findAsset,
    asset(key: string, method: CostMethod): AssetDetail {
      const detail = findAsset(key, method)
      if (!detail) throw new AppError('NOT_FOUND', `No transactions name "${key}".`)
      return detail
    },
    exportCsv(report: ReportKind, year: number | null, method: CostMethod) {
      const span = year === null ? 'all-years' : String(year)
      if (report === 'income')
        return {
          fileName: `seasonwatch-income-${span}.csv`,
          mediaType: 'text/csv' as const,
          text: incomeCsv(income(year))
        }
      const g = gains(year, method)
      const text = report === 'gains-8949' ? gains8949Csv(g) : gainsFullCsv(g)
      const layout = report === 'gains-8949' ? 'form-8949' : 'gains'
      return { fileName: `seasonwatch-${layout}-${span}-${method}.csv`, mediaType: 'text/csv' as const, text }
    }
  }
}
