import type { Database } from 'better-sqlite3'
import type { ReconcileRow } from '../../shared/contract/connections'
import { AppError } from '../../shared/errors'
import type { ExchangeId } from '../../shared/exchanges'
import { exchangeInfo } from '../../shared/exchanges'
import type { MarketReads } from '../market/market-reads'
import { resolveSymbols } from '../portfolio/assets'
import { abs, formatDecimal, parseDecimal } from '../portfolio/decimal'
import type { Decimal } from '../portfolio/decimal'
import { sourceBalances, totalBalanceOf } from '../portfolio/source-balances'
import { prepareInsert } from '../portfolio/transactions-repo'

/** Below this share of the balance, a difference is fees or rounding rather than a missing transaction. */
const SMALL_SHARE = 10n // per mille: 1%

function cause(exchangeHas: Decimal, ledgerHas: Decimal, arrivals: number, traded: boolean): ReconcileRow['cause'] {
  const diff = exchangeHas - ledgerHas
  if (diff === 0n) return 'match'
  if (ledgerHas === 0n && arrivals === 0 && !traded) return 'not-in-ledger'
  const scale = exchangeHas > ledgerHas ? exchangeHas : ledgerHas
  if (abs(diff) * 1000n <= scale * SMALL_SHARE) return 'fees-or-rounding'
  if (exchangeHas === 0n && ledgerHas > 0n) return 'dust-conversion'
  if (diff > 0n) return 'missing-deposits'
  return 'missing-outflows'
}

function words(c: ReconcileRow['cause'], exchange: ExchangeId): string {
  const label = exchangeInfo[exchange].label
  switch (c) {
    case 'match':
      return 'The ledger agrees.'
    case 'not-in-ledger':
      return `${label} holds it but no transaction brings it in: probably a deposit, airdrop or reward older than what ${label} reports, or a product (Earn, Convert) the sync does not read.`
    case 'fees-or-rounding':
      return 'A small difference: likely fees charged outside trades, or rounding.'
    case 'dust-conversion':
      return `${label} holds none while the ledger holds some: a small balance was probably converted to another coin ("dust") in a way the sync does not read (a Convert, or a conversion older than what ${label} reports); a larger one points to a missing withdrawal or sale.`
    case 'missing-deposits':
      return `${label} holds more than the ledger: a deposit, reward or trade is probably missing from the history (older than what ${label} reports, or on a market the sync did not read).`
    case 'missing-outflows':
      return `The ledger holds more than ${label}: a withdrawal, sale or fee is probably missing, or coins sit in a product (Earn, staking) outside the spot balance.`
  }
}

/** Every asset either side holds, with the exchange's balance, the ledger's, and the likely cause of a difference. */
export function reconcile(db: Database, exchange: ExchangeId, balances: ReadonlyMap<string, string>): ReconcileRow[] {
  const ledger = sourceBalances(db, exchange)
  const symbols = new Set([...balances.keys(), ...[...ledger].filter(([, b]) => b.quantity !== 0n).map(([s]) => s)])
  return [...symbols].sort().map((symbol) => {
    const exchangeHas = parseDecimal(balances.get(symbol) ?? '0')
    const entry = ledger.get(symbol)
    const ledgerHas = entry?.quantity ?? 0n
    const c = cause(exchangeHas, ledgerHas, entry?.arrivals ?? 0, entry?.traded ?? false)
    return {
      symbol,
      exchange: formatDecimal(exchangeHas),
      ledger: formatDecimal(ledgerHas),
      difference: formatDecimal(exchangeHas - ledgerHas),
      cause: c,
      causeWords: words(c, exchange)
    }
  })
}

/**
 * Records one asset's difference as a `holding` row dated now. A holding row sets the whole
 * portfolio's balance of the asset (docs/cost-basis.md, L9), so its quantity is that balance
 * moved by the difference: other exchanges' and wallets' holdings of the asset stay as they were.
 */
export function recordAdjustment(
  db: Database,
  market: MarketReads,
  exchange: ExchangeId,
  symbol: string,
  rows: readonly ReconcileRow[],
  now: number
): number {
  const row = rows.find((r) => r.symbol === symbol)
  if (!row || row.cause === 'match') throw new AppError('VALIDATION', `${symbol} has no difference to record.`)
  const target = totalBalanceOf(db, symbol) + parseDecimal(row.difference)
  if (target < 0n)
    throw new AppError('VALIDATION', `Recording the difference would leave a negative ${symbol} balance.`)
  const coinId = resolveSymbols(db, market, exchange, [symbol]).get(symbol)?.coinId ?? null
  const id = prepareInsert(db)(
    {
      kind: 'holding',
      at: now,
      symbol,
      coinId,
      quantity: formatDecimal(target),
      quoteSymbol: null,
      quoteCoinId: null,
      quoteQuantity: null,
      feeSymbol: null,
      feeCoinId: null,
      feeQuantity: null,
      valueUsd: null,
      valueSource: null,
      feeValueUsd: null,
      note: `Balance adjustment from reconciling ${exchangeInfo[exchange].label}: ${row.difference} ${symbol}`,
      source: exchange,
      line: null
    },
    { importId: null, fingerprint: null, now }
  )
  if (id === null) throw new AppError('CONFLICT', 'The adjustment could not be recorded.')
  return id
}
