import type { HeldHistory, SyncProgress } from '../../shared/contract/sync'
import type { ErrorCode } from '../../shared/errors'
import type { ProviderTier } from '../../shared/settings'

/** What one sync run is asked to do, and what it reports. */

export interface SyncRunOptions {
  /** Overrides the settings for this run only. */
  providerUrl?: string
  /** Which CoinGecko tier the API key (if any) belongs to: its key header and how far back its history reaches. */
  tier?: ProviderTier
  coins?: number
  historyDays?: number
  /** Requests per minute; 0 = no client-side limit. */
  maxRpm?: number
  onProgress?: (progress: SyncProgress) => void
}

export interface SyncSummary {
  runId: string
  status: 'succeeded' | 'failed' | 'cancelled'
  error: { code: ErrorCode; message: string } | null
  providerUrl: string
  requests: number
  statusCounts: Record<string, number>
  requestsByEndpoint: Record<string, number>
  coinsTracked: number
  coinsListed: number
  historyFetched: number
  missing: string[]
  problems: string[]
  /** Distinct UTC days with stored values, and coin-day rows stored, after the run. */
  daysStored: number
  valuesStored: number
  valuesWritten: number
  /** The coins held or once held, whose history is kept back to their first transaction, and where the tier stops it. */
  heldCoins: HeldHistory
  dataAsOf: string | null
  durationMs: number
}
