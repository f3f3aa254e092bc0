import type { Database } from 'better-sqlite3'
import type { CostMethod, ImportResult, TransactionDraft } from '../../shared/contract/portfolio'
import { dayNumberOf, isoDateOfDay } from '../../shared/dates'
import { AppError } from '../../shared/errors'
import type { Settings } from '../../shared/settings'
import type { Clock } from '../ports/deps'
import type { MarketReads } from '../market/market-reads'
import type { SeasonService } from '../season/season-service'
import type { EventBus } from '../ports/events'
import { computeAllocation } from './allocation'
import { isFiat, rememberChoice, resolveSymbols } from './assets'
import { RowError, parseTimestamp } from './import/fields'
import { confirmImport, previewImport } from './import-service'
import type { ImportInput } from './import-service'
import * as repo from './transactions-repo'
import type { TxRecord } from './transactions-repo'
import { computeHoldings, computeLots, loadLedger, loadTransactionsAndPrices, valueHistory } from './valuation'

export interface PortfolioDeps {
  db: Database
  market: MarketReads
  clock: Clock
  events: EventBus
  settings: { get(): Settings }
  /** The index the holdings are bucketed and measured by (the user's default variant). */
  season: Pick<SeasonService, 'findIndex'>
}

const NO_INDEX_NOTE =
  'There is no Altcoin Season Index value yet: run a sync so the index has enough history (91 days for the default window).'

export type PortfolioService = ReturnType<typeof createPortfolioService>

export function createPortfolioService(deps: PortfolioDeps) {
  const { db, market, clock, events } = deps
  const methodOf = (method?: CostMethod) => method ?? deps.settings.get().costBasisMethod
  const changed = () => events.changed('portfolio')
  const rankedSet = () => {
    const index = deps.season.findIndex()
    return index ? new Set(index.coins.map((c) => c.id)) : null
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
        if (market.coin(coinId) === null) throw new AppError('VALIDATION', `"${coinId}" is not a stored coin`)
        return coinId
      }
      const choice = resolveSymbols(db, market, 'manual', [upper]).get(upper)
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
    const negatives = () => loadLedger(db, market, 'fifo').result.warnings.filter((w) => w.kind === 'negative-balance')
    const before = new Set(negatives().map((w) => `${w.transactionId}|${w.message}`))
    return db.transaction(() => {
      const id = write()
      const fresh = negatives().filter((w) => !before.has(`${w.transactionId}|${w.message}`))
      if (fresh.length > 0 && !accept)
        throw new AppError('CONFLICT', `${fresh.map((w) => w.message).join('; ')}. Save anyway to keep it.`)
      const stored = repo.getTransaction(db, id)
      if (!stored) throw new AppError('INTERNAL', 'the transaction vanished while saving')
      return { transaction: repo.toContract(stored), warnings: fresh }
    })()
  }

  return {
    holdings: (method?: CostMethod) => computeHoldings(db, market, methodOf(method), rankedSet()),
    lots: (method?: CostMethod) => computeLots(db, market, methodOf(method)),
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
    previewImport: (input: ImportInput): ImportResult => previewImport(db, market, input, clock.now()),
    confirmImport(input: ImportInput): ImportResult {
      const result = confirmImport(db, market, input, clock.now())
      changed()
      return result
    },
    valueHistory(from?: string, to?: string) {
      const { txs, book } = loadTransactionsAndPrices(db, market)
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
      const index = deps.season.findIndex({ top: s.defaultTop, window: s.defaultWindow })
      return computeAllocation(db, market, s.costBasisMethod, index, NO_INDEX_NOTE)
    },
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
