import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { SyncState } from '@shared/contract/sync'
import { client } from '../../lib/client'
import { useChannel, useChannelMutation } from '../../lib/query'
import { withProgress } from '@shared/sync-format'

export const syncStateKey = ['sync:get-state', null] as const
/** Why the last "Sync now" started nothing, shared by every button that starts one; null when it did. */
const notStartedKey = ['sync:not-started'] as const

/** The sync state, kept current by the push events (the query is the cache they write into). */
export function useSyncState() {
  return useChannel('sync:get-state', undefined, { staleTime: 60_000 })
}

/**
 * Writes `sync:state` and `sync:progress` events into the query cache. Mounted once, by the
 * always-visible status, so every view reading the sync state sees each change without polling.
 */
export function useSyncEvents(): void {
  const qc = useQueryClient()
  useEffect(() => {
    const offState = client.on('sync:state', (state) => {
      qc.setQueryData(syncStateKey, state)
      // A sync that runs after all (the other process finished, the schedule fired) answers the reason.
      if (state.running) qc.setQueryData(notStartedKey, null)
    })
    const offProgress = client.on('sync:progress', (progress) =>
      qc.setQueryData<SyncState>(syncStateKey, (old) => withProgress(old, progress))
    )
    return () => {
      offState()
      offProgress()
    }
  }, [qc])
}

/**
 * Starts a sync; the answer's state goes straight into the cache so the progress shows at once,
 * and when none started, the reason (another process syncing, a busy database) for useSyncNotStarted.
 */
export function useStartSync() {
  const qc = useQueryClient()
  const start = useChannelMutation('sync:start')
  return {
    start: () => {
      qc.setQueryData(notStartedKey, null)
      start.mutate(undefined, {
        onSuccess: (data) => {
          qc.setQueryData(syncStateKey, data.state)
          qc.setQueryData(notStartedKey, data.started ? null : data.reason)
        }
      })
    },
    pending: start.isPending,
    error: start.error
  }
}

/** Why the last request to sync started nothing, and a way to put the message away. */
export function useSyncNotStarted(): { reason: string | null; dismiss: () => void } {
  const qc = useQueryClient()
  const query = useQuery<string | null>({
    queryKey: notStartedKey,
    queryFn: () => null,
    initialData: null,
    staleTime: Infinity
  })
  return { reason: query.data, dismiss: () => qc.setQueryData(notStartedKey, null) }
}

/** The current time, ticking every `ms` while `active` (for countdowns and "5 min ago"). */
export function useNow(ms: number, active = true): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [ms, active])
  return now
}
