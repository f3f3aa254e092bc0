import type { Exchange } from 'ccxt'
import type { TxKind } from '../../shared/contract/portfolio'
import type { ExchangeId, KeyPermissions } from '../../shared/exchanges'
import type { RequestMeter } from './guarded-fetch'

/** A ledger entry as an exchange reported it, already checked (zod) and in the ledger's terms. */
export interface ApiTx {
  /** The exchange's own id, prefixed by what it is ("trade:123", "deposit:abc"), unique per exchange. */
  externalId: string
  kind: TxKind
  at: number
  symbol: string
  quantity: string
  quoteSymbol: string | null
  quoteQuantity: string | null
  feeSymbol: string | null
  feeQuantity: string | null
  note: string | null
  /** The CSV import's fingerprint of the same transaction, where the exchange's export has one (Kraken). */
  fingerprint?: string
}

/** One page of a stream: what it holds, and where the next page starts. */
export interface Page {
  records: ApiTx[]
  /** The cursor to store once this page is written. */
  next: string
  /** True when the stream has nothing newer than this page. */
  done: boolean
}

export interface ExchangeAdapter {
  id: ExchangeId
  /** The rights a read-only key has, as the exchange's key page names them; said when the exchange cannot tell. */
  readRights?: readonly string[]
  /** What the key may do, as the exchange says it (or that it cannot say). */
  permissions(client: Exchange): Promise<KeyPermissions>
  /** Total balance per asset (free and locked), as exact decimal text. */
  balances(client: Exchange): Promise<Map<string, string>>
  /**
   * The streams to sync. Some exchanges answer trades per market only (Binance): the markets are
   * those whose two assets the account has held, by its balances, transfers and stored ledger.
   */
  streams(client: Exchange, knownAssets: ReadonlySet<string>): Promise<string[]>
  /** Assets named by transfers and balances, to widen the trade markets before they are listed. */
  page(client: Exchange, stream: string, cursor: string | null, now: number): Promise<Page>
}

/** A page the exchange answered in a shape Seasonwatch does not expect: nothing of it is written. */
export class PageRejected extends Error {}

/** A client and what a caller needs around it: its request meter and a call that retries 429/5xx. */
export interface Session {
  client: Exchange
  adapter: ExchangeAdapter
  meter: RequestMeter
  call<T>(run: () => Promise<T>): Promise<T>
}
