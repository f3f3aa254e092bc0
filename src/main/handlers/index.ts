import type { Services } from '../core/services'
import type { HandlerMap } from '../rpc/types'
import { createAppHandlers } from './app'
import { createBackupHandlers } from './backups'
import { createCoinHandlers } from './coins'
import { createConnectionHandlers } from './connections'
import { createPortfolioHandlers } from './portfolio'
import { createRebalanceHandlers } from './rebalance'
import { createSeasonHandlers } from './season'
import { createSyncHandlers } from './sync'
import { createUpdateHandlers } from './update'

/** Every channel's handler. `satisfies` makes tsc fail until each contract entry has one. */
export function createHandlers(services: Services): HandlerMap {
  return {
    ...createAppHandlers(services),
    ...createBackupHandlers(services),
    ...createCoinHandlers(services),
    ...createConnectionHandlers(services),
    ...createPortfolioHandlers(services),
    ...createRebalanceHandlers(services),
    ...createSeasonHandlers(services),
    ...createSyncHandlers(services),
    ...createUpdateHandlers(services)
  } satisfies HandlerMap
}
