import type { Database } from 'better-sqlite3'
import type { ImportResult, Transaction, TransactionDraft } from '../../shared/contract/portfolio'
import { dayNumberOf, dayOfTimestamp, isoDateOfDay } from '../../shared/dates'
import type { CostMethod } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import type { Settings } from '../../shared/settings'
import type { MarketReads } from '../market/market-reads'
import { createDebounce } from '../ports/debounce'
import { timeSlices } from '../ports/time-slices'
import type { Clock, Logger } from '../ports/deps'
import type { EventBus } from '../ports/events'
import type { SeasonService } from '../season/season-service'
import { computeAllocation } from './allocation'
import { rememberChoice } from './assets'
import { formatDecimal, normalizeAmount } from './decimal'
import { confirmImport, previewImport } from './import-service'
import type { ImportInput } from './import-service'
import type { TxValue } from './ledger/types'
import { createReports } from './reports/reports'
import { recordOfDraft } from './transaction-drafts'
import * as repo from './transactions-repo'
import type { StoredTx } from './transactions-repo'
import { createLedgerCache } from './ledger-cache'
import { loadLedger } from './ledger-load'
import { computeHoldings, computeLots } from './valuation'
import { valueHistory } from './value-history'

export interface PortfolioDeps {
  db: Database
  market: MarketReads
  clock: Clock
  log: Logger
  events: EventBus
  settings: { get(): Settings }
  /** The index the holdings are bucketed and measured by (the user's default variant). */
  season: Pick<SeasonService, 'findIndex'>
}

const NO_INDEX_NOTE =
  'There is no Altcoin Season Index value yet: run a sync so the index has enough history (91 days for the default window).'

export type PortfolioService = ReturnType<typeof createPortfolioService>

/** How long after the last change the background replay waits, so a burst of writes costs one. */
const WARM_DELAY_MS = 1500

/** How the ledger prices a transaction, in the contract's words (docs/cost-basis.md, V1-V4). */
function pricedOf(value: TxValue | undefined, missingValue: boolean, missingFee: boolean): Transaction['priced'] {
  const missing = missingValue || missingFee
  if (!value)
    return { value: null, source: 'unknown', feeValue: null, feeSource: null, missing, missingValue, missingFee }
  return {
    value: value.value === null ? null : formatDecimal(value.value),
    source: value.source,
    feeValue: value.feeValue === null ? null : formatDecimal(value.feeValue),
    feeSource: value.feeSource,
    missing,
    missingValue,
    missingFee
  }
}

export function createPortfolioService(deps: PortfolioDeps) {
  const { db, market, clock, events } = deps
  const methodOf = (method?: CostMethod) => method ?? deps.settings.get().costBasisMethod
  const ledgers = createLedgerCache(db, market)
  const changed = () => {
    ledgers.invalidate()
    events.changed('portfolio')
  }
  const today = () => dayOfTimestamp(clock.now())
  const rankedSet = () => {
    const index = deps.season.findIndex()
    return index ? new Set(index.coins.map((c) => c.id)) : null
  }
  const reports = createReports({ db, market, settings: deps.settings, ledger: ledgers.read })
  let imports: Promise<unknown> = Promise.resolve()

  /** Transactions as the contract shows them, each with how the ledger prices it. */
  function withPrices(stored: readonly StoredTx[]): Transaction[] {
    if (stored.length === 0) return []
    const { result } = ledgers.read('fifo', { values: true, balances: false })
    return stored.map((tx) => ({
      ...repo.toContract(tx),
      priced: pricedOf(result.values.get(tx.id), result.unknownValues.has(tx.id), result.unknownFees.has(tx.id))
    }))
  }

  function transaction(id: number): Transaction {
    const stored = repo.getTransaction(db, id)
    if (!stored) throw new AppError('NOT_FOUND', `There is no transaction ${id}.`)
    return withPrices([stored])[0] as Transaction
  }

  /**
   * Writes, replays the ledger, and keeps the write only when it leaves no new negative balance
   * (or the user accepted the warning). Everything runs in one transaction, so a refusal leaves
   * the database as it was.
   */
  function writeChecked(write: () => number, accept: boolean) {
    const negatives = () => loadLedger(db, market, 'fifo').result.warnings.filter((w) => w.kind === 'negative-balance')
    const before = new Set(negatives().map((w) => `${w.transactionId}|${w.message}`))
    try {
      return db.transaction(() => {
        const id = write()
        ledgers.invalidate()
        const fresh = negatives().filter((w) => !before.has(`${w.transactionId}|${w.message}`))
        if (fresh.length > 0 && !accept)
          throw new AppError('CONFLICT', `${fresh.map((w) => w.message).join('; ')}. Save anyway to keep it.`)
        return { transaction: transaction(id), warnings: fresh }
      })()
    } finally {
      // Committed or rolled back, what the cache read inside the transaction is no longer the store.
      ledgers.invalidate()
    }
  }

  return {
    holdings: (method?: CostMethod) =>
      computeHoldings(ledgers.read, db, market, methodOf(method), rankedSet(), deps.settings.get(), today()),
    lots: (method?: CostMethod) => computeLots(ledgers.read, methodOf(method)),
    listTransactions(limit = 500, offset = 0, onlyMissing = false) {
      if (!onlyMissing) {
        const page = repo.listTransactions(db, limit, offset)
        return { total: page.total, transactions: withPrices(page.transactions) }
      }
      const all = withPrices(repo.allTransactions(db))
        .filter((t) => t.priced.missing)
        .reverse()
      return { total: all.length, transactions: all.slice(offset, offset + limit) }
    },
    addTransaction(draft: TransactionDraft, accept = false) {
      const record = recordOfDraft(db, market, draft, clock.now(), null)
      const insert = repo.prepareInsert(db)
      const out = writeChecked(
        () => insert(record, { importId: null, fingerprint: null, now: clock.now() }) as number,
        accept
      )
      changed()
      return out
    },
    updateTransaction(id: number, draft: TransactionDraft, accept = false) {
      const previous = repo.getTransaction(db, id)
      if (!previous) throw new AppError('NOT_FOUND', `There is no transaction ${id}.`)
      const record = recordOfDraft(db, market, draft, clock.now(), previous)
      const out = writeChecked(() => {
        repo.updateTransaction(db, id, record, clock.now())
        return id
      }, accept)
      changed()
      return out
    },
    /** Enters (or with null clears) the USD value of a transaction and of its fee (V1, step 1). */
    setValue(id: number, valueUsd: string | null | undefined, feeValueUsd: string | null | undefined) {
      const previous = repo.getTransaction(db, id)
      if (!previous) throw new AppError('NOT_FOUND', `There is no transaction ${id}.`)
      // A transfer out has no fee leg, but what a move loses on the way is its network fee (L4).
      if (feeValueUsd != null && previous.feeSymbol === null && previous.kind !== 'transfer_out')
        throw new AppError('VALIDATION', `Transaction ${id} has no fee to give a value to.`)
      // The contract has checked both against the bounds (src/shared/amount.ts); store them in one form.
      const stored = (text: string | null) => (text === null ? null : normalizeAmount(text))
      const fee = feeValueUsd === undefined ? previous.feeValueUsd : stored(feeValueUsd)
      if (valueUsd === undefined) repo.setFeeValue(db, id, fee, clock.now())
      else repo.setValues(db, id, stored(valueUsd), fee, clock.now())
      changed()
      return { transaction: transaction(id) }
    },
    deleteTransaction(id: number) {
      const deleted = repo.deleteTransaction(db, id)
      if (!deleted) throw new AppError('NOT_FOUND', `There is no transaction ${id}.`)
      changed()
      return { deleted }
    },
    /** Reads the file in time slices, so a long one does not stop the process answering other requests. */
    previewImport: (input: ImportInput): Promise<ImportResult> =>
      previewImport(db, market, input, clock.now(), timeSlices()),
    /** One import at a time in this process: a second waits for the first (another process's is refused). */
    confirmImport(input: ImportInput): Promise<ImportResult> {
      const run = imports.then(async () => {
        const result = await confirmImport(db, market, input, clock.now(), timeSlices())
        changed()
        return result
      })
      imports = run.catch(() => undefined)
      return run
    },
    valueHistory(from?: string, to?: string) {
      const { book, result } = ledgers.read('fifo', { values: false, balances: true })
      const day = (date?: string) => (date ? (dayNumberOf(date) ?? undefined) : undefined)
      const points = valueHistory(result.balanceChanges, book, day(from), day(to))
      return { asOf: book.marketDay === null ? null : isoDateOfDay(book.marketDay), points }
    },
    allocation() {
      const s = deps.settings.get()
      const index = deps.season.findIndex({ top: s.defaultTop, window: s.defaultWindow })
      return computeAllocation(ledgers.read, db, market, s, today(), index, NO_INDEX_NOTE)
    },
    gains: (year?: number, method?: CostMethod) => reports.gains(year ?? null, methodOf(method)),
    income: (year?: number) => reports.income(year ?? null),
    asset: (key: string, method?: CostMethod) => reports.asset(key, methodOf(method)),
    findAsset: (key: string, method?: CostMethod) => reports.findAsset(key, methodOf(method)),
    exportReport: (report: 'gains-8949' | 'gains-full' | 'income', year?: number, method?: CostMethod) =>
      reports.exportCsv(report, year ?? null, methodOf(method)),
    /**
     * Replays the ledger in the background shortly after it changes (and once now), under the
     * method the settings name, so the next holdings or report read finds it ready. Returns the
     * stop function.
     */
    watchLedger() {
      const warm = createDebounce(
        () => void ledgers.read(methodOf(), { values: false, balances: false }),
        WARM_DELAY_MS,
        (error) => deps.log.warn('ledger warm-up failed', { error: String(error) })
      )
      const stop = events.on('data:changed', ({ topics }) => {
        if (topics.some((topic) => topic === 'portfolio' || topic === 'market' || topic === 'settings')) warm.schedule()
      })
      warm.schedule()
      return () => {
        stop()
        warm.stop()
      }
    },
    /** Loads of the stored ledger and replays of it so far (see ledger-cache.ts). */
    ledgerStats: () => ledgers.stats(),
    searchCoins: (query: string) => market.searchCoins(query),
    /** Coins the user holds or held, with the day each first appears: the sync keeps their prices. */
    heldCoins: () => repo.coinsWithFirstDay(db),
    resolveAsset(source: string, symbol: string, coinId: string) {
      if (market.coin(coinId) === null) throw new AppError('VALIDATION', `"${coinId}" is not a stored coin`)
      const updated = db.transaction(() => {
        rememberChoice(db, source, symbol, coinId, clock.now())
        return repo.applyCoinChoice(db, source, symbol.toUpperCase(), coinId)
      })()
      changed()
      return { updated }
    }
  }
}
