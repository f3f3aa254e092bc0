import type { Channel } from '../contract'
import type { ChangeTopic } from './define'

/**
 * What each channel's answer depends on: a `data:changed` event naming one of these topics makes
 * it out of date, and the window refreshes it. Commands read nothing ([]). Kept apart from the zod
 * schemas so the window can load it without them; tsc fails until a new channel has its entry.
 */
export const channelReads = {
  'app:get-info': [],
  'settings:get': ['settings'],
  'settings:set': [],
  'app:open-external': [],
  'app:list-backups': ['backups'],
  'app:backup-now': [],
  'app:restore-backup': [],
  'app:save-pdf': [],
  'app:check-update': ['settings'],
  'sync:start': [],
  'sync:cancel': [],
  'sync:get-state': ['market', 'settings'],
  'sync:get-held-history': ['portfolio', 'market', 'settings'],
  'sync:get-provider': ['settings'],
  'secrets:get-status': ['secrets'],
  'secrets:set-api-key': [],
  'season:get-index': ['season', 'market', 'settings'],
  'season:get-history': ['season', 'settings'],
  'season:get-dominance': ['season', 'market'],
  'market:get-series': ['market'],
  'portfolio:get-holdings': ['portfolio', 'market', 'season', 'settings'],
  'portfolio:get-lots': ['portfolio', 'market', 'settings'],
  'portfolio:list-transactions': ['portfolio'],
  'portfolio:add-transaction': [],
  'portfolio:update-transaction': [],
  'portfolio:delete-transaction': [],
  'portfolio:preview-import': [],
  'portfolio:confirm-import': [],
  'portfolio:get-value-history': ['portfolio', 'market'],
  'portfolio:get-allocation': ['portfolio', 'market', 'season', 'settings'],
  'portfolio:search-coins': ['market'],
  'portfolio:resolve-asset': [],
  'portfolio:get-asset': ['portfolio', 'market', 'settings'],
  'portfolio:get-gains': ['portfolio', 'market', 'settings'],
  'portfolio:get-income': ['portfolio', 'market', 'settings'],
  'portfolio:export-report': [],
  'portfolio:set-value': [],
  'rebalance:get-targets': ['targets'],
  'rebalance:set-targets': [],
  'rebalance:get-hints': ['portfolio', 'market', 'season', 'settings', 'targets'],
  'rebalance:list-alerts': ['alerts', 'settings'],
  'rebalance:check-alerts': [],
  'rebalance:run-backtest': ['market', 'season', 'settings', 'targets'],
  'coins:get-page': ['market', 'season', 'portfolio', 'settings'],
  'coins:get-candles': ['market', 'settings', 'secrets'],
  'watchlist:list': ['watchlist', 'market', 'settings'],
  'watchlist:add': [],
  'watchlist:remove': [],
  'price-alerts:list': ['price-alerts', 'market', 'settings'],
  'price-alerts:add': [],
  'price-alerts:remove': [],
  'price-alerts:check': [],
  'connections:list': ['connections'],
  'connections:add': [],
  'connections:remove': [],
  'connections:sync': [],
  'connections:reconcile': ['connections', 'portfolio'],
  'connections:record-adjustment': []
} satisfies { [C in Channel]: readonly ChangeTopic[] }

/** The topics a channel reads; none for a name that is not a channel. */
export function readsOf(name: unknown): readonly ChangeTopic[] {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channelReads, name)
    ? channelReads[name as Channel]
    : []
}
