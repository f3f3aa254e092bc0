import type { SyncProgress } from '../../shared/contract/sync'
import type { ErrorCode } from '../../shared/errors'

/** What one sync run is asked to do, and what it reports. */

export interface SyncRunOptions {
  /** Overrides the settings for this run only. */
  providerUrl?: string
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
  dataAsOf: string | null
  durationMs: number
}
