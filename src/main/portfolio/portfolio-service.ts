import type { Database } from 'better-sqlite3'
import type { CostMethod, ImportResult, TransactionDraft } from '../../shared/contract/portfolio'
import { dayNumberOf, isoDateOfDay } from '../../shared/dates'
import { AppError } from '../../shared/errors'
import type { Clock } from '../core/deps'
import type { EventBus } from '../core/events'
import { computeAllocation } from './allocation'
import type { SeasonIndexSource } from './allocation'
import { isFiat, rememberChoice, resolveSymbols, searchCoins } from './assets'
import { RowError, parseTimestamp } from './import/fields'
import { confirmImport, previewImport } from './import-service'
import type { ImportInput } from './import-service'
import * as repo from './transactions-repo'
import type { TxRecord } from './transactions-repo'
import { computeHoldings, computeLots, loadLedger, loadTransactionsAndPrices, valueHistory } from './valuation'

export interface PortfolioDeps {
  db: Database
  clock: Clock
  events: EventBus
  settings: { get(): { costBasisMethod: CostMethod; defaultTop: 100 | 50; defaultWindow: 90 | 30 | 365 } }
  season: SeasonIndexSource | null
}

export type PortfolioService = ReturnType<typeof createPortfolioService>

const TABLES = ['portfolio_transactions', 'portfolio_imports', 'portfolio_asset_map']

export function createPortfolioService(deps: PortfolioDeps) {
  const { db, clock, events } = deps
  const methodOf = (method?: CostMethod) => method ?? deps.settings.get().costBasisMethod
  const changed = () => events.emit('db:changed', { tables: TABLES })
  const rankedSet = () => {
    try {
      return deps.season ? new Set(deps.season.getIndex().coins.map((c) => c.id)) : null
    } catch (error) {
      if (error instanceof AppError) return null
      throw error
    }
  }

  /** Checks a draft and maps its symbols; an ambiguous symbol needs an explicit coin id. */
  function recordOf(draft: TransactionDraft): TxRecord {
    let at: number
    try {
      at = parseTimestamp(draft.at, clock.now(), 'date')
    } catch (error) {
      if (error instanceof RowError) throw new AppError('VALIDATION', error.message)
      throw error
    }
    const symbol = draft.symbol.toUpperCase()
    if (isFiat(symbol))
      throw new AppError(
        'VALIDATION',
        `${symbol} is cash, not a holding; record it as what paid for a buy or was received for a sell`
      )
    if (draft.kind !== 'holding' && !/[1-9]/.test(draft.quantity))
      throw new AppError('VALIDATION', 'quantity must be more than zero')
    if (draft.kind === 'trade' && (!draft.quoteSymbol || !draft.quoteQuantity))
      throw new AppError('VALIDATION', 'a trade needs what was given for it (quote asset and quantity)')
    if ((draft.quoteSymbol ? 1 : 0) !== (draft.quoteQuantity ? 1 : 0))
      throw new AppError('VALIDATION', 'give both the quote asset and its quantity, or neither')
    if ((draft.feeSymbol ? 1 : 0) !== (draft.feeQuantity ? 1 : 0))
      throw new AppError('VALIDATION', 'give both the fee asset and its quantity, or neither')
    const coin = (legSymbol: string | null | undefined, coinId: string | null | undefined): string | null => {
      if (!legSymbol || isFiat(legSymbol)) return null
      const upper = legSymbol.toUpperCase()
      if (coinId) {
        if (!db.prepare('SELECT 1 FROM coins WHERE id = ?').get(coinId))
          throw new AppError('VALIDATION', `"${coinId}" is not a stored coin`)
        return coinId
      }
      const choice = resolveSymbols(db, 'manual', [upper]).get(upper)
      if (choice?.status === 'ambiguous') {
        throw new AppError(
          'VALIDATION',
          `${upper} could be any of ${choice.candidates.map((c) => `${c.name} (${c.id})`).join(', ')}: choose one`
        )
      }
      return choice?.coinId ?? null
    }
    return {
      kind: draft.kind,
      at,
      symbol,
      coinId: coin(symbol, draft.coinId),
      quantity: draft.quantity,
      quoteSymbol: draft.quoteSymbol?.toUpperCase() ?? null,
      quoteCoinId: coin(draft.quoteSymbol, draft.quoteCoinId),
      quoteQuantity: draft.quoteQuantity ?? null,
      feeSymbol: draft.feeSymbol?.toUpperCase() ?? null,
      feeCoinId: coin(draft.feeSymbol, draft.feeCoinId),
      feeQuantity: draft.feeQuantity ?? null,
      valueUsd: draft.valueUsd ?? null,
      note: draft.note?.trim() || null,
      source: 'manual',
      line: null
    }
  }

  /**
   * Writes, replays the ledger, and keeps the write only when it leaves no new negative balance
   * (or the user accepted the warning). Everything runs in one transaction, so a refusal leaves
   * the database as it was.
   */
  function writeChecked(write: () => number, accept: boolean) {
    const before = new Set(loadLedger(db, 'fifo').result.warnings.map((w) => `${w.transactionId}|${w.message}`))
    return db.transaction(() => {
      const id = write()
      const fresh = loadLedger(db, 'fifo').result.warnings.filter(
        (w) => !before.has(`${w.transactionId}|${w.message}`) && /falls to/.test(w.message)
      )
      if (fresh.length > 0 && !accept)
        throw new AppError('CONFLICT', `${fresh.map((w) => w.message).join('; ')}. Save anyway to keep it.`)
      const stored = repo.getTransaction(db, id)
      if (!stored) throw new AppError('INTERNAL', 'the transaction vanished while saving')
      return { transaction: repo.toContract(stored), warnings: fresh }
    })()
  }

  return {
    holdings: (method?: CostMethod) => computeHoldings(db, methodOf(method), rankedSet()),
    lots: (method?: CostMethod) => computeLots(db, methodOf(method)),
    listTransactions(limit = 500, offset = 0) {
      const page = repo.listTransactions(db, limit, offset)
      return { total: page.total, transactions: page.transactions.map((t) => repo.toContract(t)) }
    },
    addTransaction(draft: TransactionDraft, accept = false) {
      const record = recordOf(draft)
      const insert = repo.prepareInsert(db)
      const out = writeChecked(
        () => insert(record, { importId: null, fingerprint: null, now: clock.now() }) as number,
        accept
      )
      changed()
      return out
    },
    updateTransaction(id: number, draft: TransactionDraft, accept = false) {
      if (!repo.getTransaction(db, id)) throw new AppError('NOT_FOUND', `There is no transaction ${id}`)
      const record = recordOf(draft)
      const out = writeChecked(() => {
        repo.updateTransaction(db, id, record, clock.now())
        return id
      }, accept)
      changed()
      return out
    },
    deleteTransaction(id: number) {
      const deleted = repo.deleteTransaction(db, id)
      if (!deleted) throw new AppError('NOT_FOUND', `There is no transaction ${id}`)
      changed()
      return { deleted }
    },
    previewImport: (input: ImportInput): ImportResult => previewImport(db, input, clock.now()),
    confirmImport(input: ImportInput): ImportResult {
      const result = confirmImport(db, input, clock.now())
      changed()
      return result
    },
    valueHistory(from?: string, to?: string) {
      const { txs, book } = loadTransactionsAndPrices(db)
      const { days, values } = valueHistory(
        txs,
        book,
        from ? (dayNumberOf(from) ?? undefined) : undefined,
        to ? (dayNumberOf(to) ?? undefined) : undefined
      )
      const points = Array.from(days, (day, i) => ({ date: isoDateOfDay(day), value: values[i] as number }))
      return { asOf: book.marketDay === null ? null : isoDateOfDay(book.marketDay), points }
    },
    allocation() {
      const s = deps.settings.get()
      return computeAllocation(db, deps.season, s.costBasisMethod, s.defaultTop, s.defaultWindow)
    },
    searchCoins: (query: string) => searchCoins(db, query),
    resolveAsset(source: string, symbol: string, coinId: string) {
      if (!db.prepare('SELECT 1 FROM coins WHERE id = ?').get(coinId))
        throw new AppError('VALIDATION', `"${coinId}" is not a stored coin`)
      const updated = db.transaction(() => {
        rememberChoice(db, source, symbol, coinId, clock.now())
        return repo.applyCoinChoice(db, source, symbol.toUpperCase(), coinId)
      })()
      changed()
      return { updated }
    }
  }
}
