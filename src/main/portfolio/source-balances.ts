import type { Database } from 'better-sqlite3'
import type { TxKind } from '../../shared/contract/portfolio'
import { isFiat } from './assets'
import { parseDecimal } from './decimal'
import type { Decimal } from './decimal'

type Row = [
  kind: TxKind,
  source: string,
  symbol: string,
  quantity: string,
  quoteSymbol: string | null,
  quoteQuantity: string | null,
  feeSymbol: string | null,
  feeQuantity: string | null,
  externalId: string | null
]

export interface SourceBalance {
  quantity: Decimal
  /** How many of the source's transactions brought the asset in from outside (deposits, income). */
  arrivals: number
  /** Whether the asset was ever in a trade or fee of this source. */
  traded: boolean
}

/**
 * What the ledger says one source (an exchange) holds of each asset: its transactions' quantities
 * summed, legs and fees included. A `holding` row sets the balance of the whole portfolio from its
 * date on (docs/cost-basis.md, L9), so its share here is the change it made: the rows of every
 * source are replayed in ledger order to know the balance it replaced. Cash is not a holding (L5).
 */
export function sourceBalances(db: Database, source: string): Map<string, SourceBalance> {
  return replay(db, source).mine
}

/**
 * The assets one source's transactions name (as the asset, the other leg or the fee), cash left
 * out: the keys of `sourceBalances`, read by SQLite alone instead of replaying the whole ledger.
 */
export function sourceAssets(db: Database, source: string): Set<string> {
  const symbols = db
    .prepare<[string, string, string], string>(
      `SELECT symbol FROM portfolio_transactions WHERE source = ?
       UNION SELECT quote_symbol FROM portfolio_transactions WHERE source = ? AND quote_symbol IS NOT NULL AND quote_quantity IS NOT NULL
       UNION SELECT fee_symbol FROM portfolio_transactions WHERE source = ? AND fee_symbol IS NOT NULL AND fee_quantity IS NOT NULL`
    )
    .pluck()
    .all(source, source, source)
  return new Set(symbols.filter((symbol) => !isFiat(symbol)))
}

/** The whole portfolio's balance of one asset, every source together, as the ledger's rows sum it. */
export function totalBalanceOf(db: Database, symbol: string): Decimal {
  return replay(db, null).total.get(symbol) ?? 0n
}

function replay(
  db: Database,
  source: string | null
): { mine: Map<string, SourceBalance>; total: Map<string, Decimal> } {
  const rows = db
    .prepare<[], Row>(
      `SELECT kind, source, symbol, quantity, quote_symbol, quote_quantity, fee_symbol, fee_quantity, external_id
       FROM portfolio_transactions ORDER BY at, id`
    )
    .raw()
    .all()
  const total = new Map<string, Decimal>()
  const mine = new Map<string, SourceBalance>()
  const entry = (symbol: string) => {
    let e = mine.get(symbol)
    if (!e) mine.set(symbol, (e = { quantity: 0n, arrivals: 0, traded: false }))
    return e
  }
  for (const [kind, from, symbol, quantity, quoteSymbol, quoteQuantity, feeSymbol, feeQuantity] of rows) {
    const ours = from === source
    const move = (asset: string | null, amount: string | null, sign: 1n | -1n, traded: boolean) => {
      if (asset === null || amount === null || isFiat(asset)) return
      const delta = sign * parseDecimal(amount)
      total.set(asset, (total.get(asset) ?? 0n) + delta)
      if (!ours) return
      const e = entry(asset)
      e.quantity += delta
      if (traded) e.traded = true
    }
    if (kind === 'holding') {
      if (isFiat(symbol)) continue
      const target = parseDecimal(quantity)
      const change = target - (total.get(symbol) ?? 0n)
      total.set(symbol, target)
      if (ours) entry(symbol).quantity += change
      continue
    }
    if (ours && (kind === 'transfer_in' || kind === 'income') && !isFiat(symbol)) entry(symbol).arrivals += 1
    const trade = kind === 'buy' || kind === 'sell' || kind === 'trade'
    const asset: 1n | -1n = kind === 'sell' || kind === 'transfer_out' || kind === 'fee' ? -1n : 1n
    move(symbol, quantity, asset, trade || kind === 'fee')
    if (trade) move(quoteSymbol, quoteQuantity, asset === 1n ? -1n : 1n, true)
    if (kind !== 'fee') move(feeSymbol, feeQuantity, -1n, true)
  }
  return { mine, total }
}
