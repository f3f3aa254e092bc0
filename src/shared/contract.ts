import type { z } from 'zod'
import { appChannels, appEvents, backupChannels } from './contract/app'
import { coinChannels, coinEvents } from './contract/coins'
import { connectionChannels } from './contract/connections'
import { mergeDomains } from './contract/define'
import { portfolioChannels } from './contract/portfolio'
import { rebalanceChannels, rebalanceEvents } from './contract/rebalance'
import { reportChannels } from './contract/reports'
import { seasonChannels, seasonEvents } from './contract/season'
import { syncChannels, syncEvents } from './contract/sync'
import { updateChannels } from './contract/update'

/**
 * The one contract between the core and every window: each channel's input and output schemas,
 * and each push event's payload schema. Add a domain by spreading its maps here.
 */
export const channels = mergeDomains(
  appChannels,
  backupChannels,
  coinChannels,
  connectionChannels,
  portfolioChannels,
  reportChannels,
  rebalanceChannels,
  seasonChannels,
  syncChannels,
  updateChannels
)

export const events = mergeDomains(appEvents, coinEvents, rebalanceEvents, seasonEvents, syncEvents)

export type Channel = keyof typeof channels
export type EventName = keyof typeof events

export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>
export type ParsedInput<C extends Channel> = z.output<(typeof channels)[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<(typeof channels)[C]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>

export const channelNames = Object.keys(channels) as Channel[]
export const eventNames = Object.keys(events) as EventName[]

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name)
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name)
}

export type { AppInfo, Runtime } from './contract/app'
export { changeTopics } from './contract/define'
export type { ChangeTopic } from './contract/define'
