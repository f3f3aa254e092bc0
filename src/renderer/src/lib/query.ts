import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { UseQueryOptions } from '@tanstack/react-query'
import { useEffect } from 'react'
import { readsOf } from '@shared/contract/reads'
import type { Channel, ChannelInput, ChannelOutput } from '@shared/contract'
import { client } from './client'

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 30_000 },
    mutations: { retry: 0 }
  }
})

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

/**
 * One listener for the whole app: a `data:changed` event refreshes the queries of every channel
 * that declares, in the contract, that it reads one of the topics changed.
 */
export function useDataInvalidation(): void {
  const qc = useQueryClient()
  useEffect(
    () =>
      client.on('data:changed', ({ topics }) => {
        void qc.invalidateQueries({
          predicate: (query) => readsOf(query.queryKey[0]).some((topic) => topics.includes(topic))
        })
      }),
    [qc]
  )
}
