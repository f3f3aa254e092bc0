import type { Database } from 'better-sqlite3'
import type { TransactionDraft } from '../../shared/contract/portfolio'
import { AppError } from '../../shared/errors'
import type { MarketReads } from '../market/market-reads'
import { isFiat, resolveSymbols } from './assets'
import { normalizeAmount } from './decimal'
import { RowError, parseTimestamp } from './import/fields'
import type { StoredTx, TxRecord } from './transactions-repo'

/**
 * Checks a transaction the user entered or edited and maps its symbols to coins; an ambiguous
 * symbol needs an explicit coin id. `previous` is the stored transaction an edit replaces.
 */
export function recordOfDraft(
  db: Database,
  market: MarketReads,
  draft: TransactionDraft,
  now: number,
  previous: StoredTx | null
): TxRecord {
  let at: number
  try {
    at = parseTimestamp(draft.at, now, 'date')
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
    throw new AppError('VALIDATION', 'Quantity must be more than zero.')
  if (draft.kind === 'trade' && (!draft.quoteSymbol || !draft.quoteQuantity))
    throw new AppError('VALIDATION', 'A trade needs what was given for it: enter the quote asset and its quantity.')
  if ((draft.quoteSymbol ? 1 : 0) !== (draft.quoteQuantity ? 1 : 0))
    throw new AppError('VALIDATION', 'Give both the quote asset and its quantity, or neither.')
  if ((draft.feeSymbol ? 1 : 0) !== (draft.feeQuantity ? 1 : 0))
    throw new AppError('VALIDATION', 'Give both the fee asset and its quantity, or neither.')
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
  // The contract has checked the amounts against the bounds (src/shared/amount.ts); store each in one form.
  const amount = (text: string | null | undefined) => (text == null ? null : normalizeAmount(text))
  const valueUsd = amount(draft.valueUsd)
  return {
    kind: draft.kind,
    at,
    symbol,
    coinId: coin(symbol, draft.coinId),
    quantity: normalizeAmount(draft.quantity),
    quoteSymbol: draft.quoteSymbol?.toUpperCase() ?? null,
    quoteCoinId: coin(draft.quoteSymbol, draft.quoteCoinId),
    quoteQuantity: amount(draft.quoteQuantity),
    feeSymbol: draft.feeSymbol?.toUpperCase() ?? null,
    feeCoinId: coin(draft.feeSymbol, draft.feeCoinId),
    feeQuantity: amount(draft.feeQuantity),
    valueUsd,
    // A value in the editor is the user's, unless it is the file's own value left as it was.
    valueSource:
      valueUsd === null ? null : previous?.valueUsd === valueUsd && previous.valueSource === 'file' ? 'file' : 'user',
    feeValueUsd: previous?.feeValueUsd ?? null,
    note: draft.note?.trim() || null,
    source: 'manual',
    line: null
  }
}
