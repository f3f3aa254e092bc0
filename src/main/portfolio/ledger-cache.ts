import type { Database } from 'better-sqlite3'
import type { CostMethod } from '../../shared/domain'
import type { MarketReads } from '../market/market-reads'
import type { LedgerOptions } from './ledger/run-ledger'
import type { LedgerResult } from './ledger/types'
import { loadTransactionsAndPrices, replayLedger } from './ledger-load'
import type { Ledger, LoadedLedger } from './ledger-load'

/** The ledger replayed under a method, keeping at least what `options` asks for. */
export type LedgerSource = (method: CostMethod, options?: LedgerOptions) => Ledger

/**
 * Keeps the loaded transactions and prices, and each method's replay, while nothing they depend
 * on changes: the holdings, the value history, the reports and the per-asset view all read the
 * same ledger, and a 100,000-transaction ledger takes most of a second to load. Any write by
 * another connection moves SQLite's data_version; a market write in this process logs a market
 * change; a portfolio write in this process calls invalidate().
 */
export function createLedgerCache(db: Database, market: MarketReads) {
  let own = 0
  let key = ''
  const stats = { loads: 0, replays: 0 }
  let loaded: LoadedLedger | null = null
  const results = new Map<CostMethod, { result: LedgerResult; values: boolean; balances: boolean }[]>()
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck()

  const source: LedgerSource = (method, options = {}) => {
    const now = `${dataVersion.get()}:${own}:${market.maxChangeId()}`
    if (now !== key || loaded === null) {
      key = now
      loaded = loadTransactionsAndPrices(db, market)
      stats.loads += 1
      results.clear()
    }
    const values = options.values !== false
    const balances = options.balances !== false
    const kept = results.get(method) ?? []
    let hit = kept.find((k) => (k.values || !values) && (k.balances || !balances))
    if (!hit) {
      stats.replays += 1
      hit = {
        result: replayLedger(loaded, method, { values, balances }),
        values,
        balances
      }
      results.set(method, [...kept, hit])
    }
    return { txs: loaded.txs, book: loaded.book, result: hit.result }
  }

  return {
    read: source,
    /** Called after every portfolio write in this process. */
    invalidate(): void {
      own += 1
    },
    /** How often the store was read and a method replayed: what the cache saves, for tests and benchmarks. */
    stats: () => ({ ...stats })
  }
}

export type LedgerCache = ReturnType<typeof createLedgerCache>
