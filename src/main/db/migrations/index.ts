import { createSettings } from './0010-create-settings'
import { createMarket } from './0020-create-market'
import type { Migration } from './types'

/** Every migration, in order. A new one goes at the end with the next free version. */
export const migrations: readonly Migration[] = [createSettings, createMarket]

export type { Migration } from './types'
