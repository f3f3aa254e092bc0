// Pure wording for the sync status the window shows: no DOM, so it is unit-tested under Node.
import type { HeldHistory, SyncProgress, SyncState } from './contract/sync'

const phaseWords: Record<SyncProgress['phase'], string> = {
  markets: 'Reading the market ranking',
  categories: 'Reading coin categories',
  global: 'Reading global market figures',
  history: 'Downloading price history',
  finishing: 'Computing the index'
}

export function describePhase(progress: SyncProgress): string {
  const base = phaseWords[progress.phase]
  const counts = progress.total > 0 ? ` (${progress.done} of ${progress.total})` : ''
  const coin = progress.phase === 'history' && progress.currentCoin ? `: ${progress.currentCoin}` : ''
  return `${base}${counts}${coin}`
}

/** Share done in [0, 1], or null while the phase has no known total. */
export function progressShare(progress: SyncProgress): number | null {
  if (progress.total <= 0) return null
  return Math.min(1, progress.done / progress.total)
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function relativeTime(thenMs: number, nowMs: number): string {
  const seconds = Math.round((nowMs - thenMs) / 1000)
  if (seconds < 60) return 'just now'
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 48) return `${hours} h ago`
  return `${Math.round(hours / 24)} days ago`
}

/** Merges a progress event into the cached state: a progress event means a sync runs. */
export function withProgress(state: SyncState | undefined, progress: SyncProgress): SyncState | undefined {
  if (!state) return state
  return { ...state, running: true, progress }
}

const tierNames: Record<HeldHistory['tier'], string> = { public: 'public', demo: 'demo', pro: 'Pro' }

/**
 * "Prices before 2025-12-03 are beyond the public tier's 365 days for 3 coins you hold or held
 * (bitcoin, …); a CoinGecko Pro key (…) reaches back to 2013.", or null when the tier stops
 * nothing. `whereToSetKey` says how this runtime takes a key, e.g. "Settings".
 */
export function describeTierLimit(held: HeldHistory, whereToSetKey: string): string | null {
  const first = held.tierLimited[0]
  if (!first || held.tierDays === null) return null
  const ids = held.tierLimited.map((coin) => coin.coinId)
  const shown = ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ')
  const coins = ids.length === 1 ? '1 coin' : `${ids.length} coins`
  return (
    `Prices before ${first.reachableFrom} are beyond the ${tierNames[held.tier]} tier's ${held.tierDays} days ` +
    `for ${coins} you hold or held (${shown}); a CoinGecko Pro key (${whereToSetKey}) reaches back to 2013.`
  )
}
