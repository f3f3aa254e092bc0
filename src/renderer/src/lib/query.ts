import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { UseQueryOptions } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { Channel, ChannelInput, ChannelOutput } from '@shared/contract'
import { client } from './client'

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 30_000 },
    mutations: { retry: 0 }
  }
})

/**
 * Which tables each read channel depends on: a `db:changed` event naming one of them refreshes
 * the queries of that channel. A channel not listed refreshes on any change.
 */
const channelTables: Partial<Record<Channel, string[]>> = {
  'settings:get': ['settings'],
  'app:get-info': [],
  // The breakdown reads the stored market as well as the computed history.
  // Without a variant in the input these answer the settings' default one.
  'season:get-index': ['season_history', 'daily_values', 'coins', 'coin_categories', 'settings'],
  'season:get-history': ['season_history', 'settings'],
  'season:get-dominance': ['season_dominance', 'global_daily'],
  'market:get-series': ['daily_values'],
  // Sync state also arrives by the sync:state and sync:progress events (components/sync-status).
  'sync:get-state': ['sync_runs', 'daily_values', 'coins'],
  'secrets:get-status': ['secrets'],
  // Hints read holdings, prices, the index, settings and targets: they refresh on any change.
  'rebalance:get-targets': ['rebalance_targets'],
  'rebalance:list-alerts': ['alert_history', 'settings'],
  // Holdings are valued at stored prices and bucketed by the index ranking: market writes refresh them too.
  'portfolio:get-holdings': [
    'portfolio_transactions',
    'portfolio_asset_map',
    'daily_values',
    'coins',
    'coin_categories',
    'season_history'
  ],
  'portfolio:get-lots': ['portfolio_transactions', 'portfolio_asset_map', 'daily_values'],
  'portfolio:list-transactions': ['portfolio_transactions'],
  'portfolio:get-value-history': ['portfolio_transactions', 'portfolio_asset_map', 'daily_values'],
  'portfolio:get-allocation': [
    'portfolio_transactions',
    'portfolio_asset_map',
    'daily_values',
    'coins',
    'coin_categories',
    'season_history',
    'settings'
  ],
  'portfolio:search-coins': ['coins']
}

export function useChannel<C extends Channel>(
  channel: C,
  input?: ChannelInput<C>,
  options: Omit<UseQueryOptions<ChannelOutput<C>>, 'queryKey' | 'queryFn'> = {}
) {
  return useQuery<ChannelOutput<C>>({
    queryKey: [channel, input ?? null],
    queryFn: () => (client.invoke as (c: C, i?: ChannelInput<C>) => Promise<ChannelOutput<C>>)(channel, input),
    ...options
  })
}

export function useChannelMutation<C extends Channel>(channel: C) {
  return useMutation<ChannelOutput<C>, Error, ChannelInput<C>>({
    mutationFn: (input) => (client.invoke as (c: C, i: ChannelInput<C>) => Promise<ChannelOutput<C>>)(channel, input)
  })
}

/** One listener for the whole app: turns `db:changed` into query invalidations. */
export function useDatabaseInvalidation(): void {
  const qc = useQueryClient()
  useEffect(
    () =>
      client.on('db:changed', ({ tables }) => {
        void qc.invalidateQueries({
          predicate: (query) => {
            const channel = query.queryKey[0] as Channel
            const deps = channelTables[channel]
            return deps === undefined || deps.some((table) => tables.includes(table))
          }
        })
      }),
    [qc]
  )
}
