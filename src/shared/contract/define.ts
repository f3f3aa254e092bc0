import type { z } from 'zod'

/**
 * What a write changes, in the app's own words (never table names). Each read channel declares
 * the topics it depends on (contract/reads.ts); a `data:changed` event names the topics a write
 * touched, and the window refreshes exactly the reads that depend on them.
 */
export const changeTopics = [
  /** The user's settings. */
  'settings',
  /** Whether a provider API key is stored. */
  'secrets',
  /** Stored market data: coins, categories, daily prices and caps, global figures. */
  'market',
  /** The computed index history and dominance. */
  'season',
  /** Transactions, imports and the user's coin choices. */
  'portfolio',
  /** Rebalancing targets per regime. */
  'targets',
  /** The alert history. */
  'alerts',
  /** The coins the user follows. */
  'watchlist',
  /** Price alert rules and the price alerts that fired. */
  'price-alerts',
  /** The database's backups. */
  'backups',
  /** Exchange connections: their keys' rights, syncs and usage. */
  'connections'
] as const
export type ChangeTopic = (typeof changeTopics)[number]

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
  /** One sentence for the registry's documentation and error messages. */
  summary: string
}

export function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return spec
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  payload: P
  summary: string
}

export function event<P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> {
  return spec
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never

/**
 * Merges the per-domain maps into one. Spreading would let a later domain silently replace an
 * earlier domain's channel of the same name; this refuses it when the module loads.
 */
export function mergeDomains<M extends readonly Record<string, unknown>[]>(...maps: M): UnionToIntersection<M[number]> {
  const merged: Record<string, unknown> = {}
  for (const map of maps) {
    for (const [name, spec] of Object.entries(map)) {
      if (Object.prototype.hasOwnProperty.call(merged, name)) throw new Error(`The contract names "${name}" twice.`)
      merged[name] = spec
    }
  }
  return merged as UnionToIntersection<M[number]>
}
