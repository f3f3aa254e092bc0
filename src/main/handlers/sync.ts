import { AppError } from '../../shared/errors'
import type { Services } from '../core/services'
import type { HandlerMap } from '../rpc/types'

type SyncHandlers = Pick<
  HandlerMap,
  | 'sync:start'
  | 'sync:cancel'
  | 'sync:get-state'
  | 'sync:get-held-history'
  | 'sync:get-provider'
  | 'secrets:get-status'
  | 'secrets:set-api-key'
>

export function createSyncHandlers(services: Services): SyncHandlers {
  const secretStatus = () => ({
    apiKeySet: services.secrets.has('provider-api-key'),
    backend: services.secrets.backend,
    writable: services.secrets.writable
  })
  return {
    'sync:start': () => {
      const { started, reason } = services.sync.start()
      return { started, reason, state: services.sync.getState() }
    },
    'sync:cancel': () => ({ cancelled: services.sync.cancel() }),
    'sync:get-state': () => services.sync.getState(),
    'sync:get-held-history': () => services.sync.heldHistory(),
    'sync:get-provider': () => services.sync.providerInUse(),
    // Only whether a key is set ever leaves the core; the key itself is never returned or logged.
    'secrets:get-status': () => secretStatus(),
    'secrets:set-api-key': ({ apiKey }) => {
      if (!services.secrets.writable) {
        throw new AppError(
          'FORBIDDEN',
          services.secrets.backend === 'env'
            ? 'Here the API key comes from the SEASONWATCH_API_KEY environment variable; set it there.'
            : 'This system offers no way to encrypt the API key, so Seasonwatch will not store it.'
        )
      }
      try {
        services.secrets.set('provider-api-key', apiKey)
      } catch {
        throw new AppError('FORBIDDEN', 'The API key could not be stored encrypted on this system; nothing was saved.')
      }
      services.events.changed('secrets')
      return secretStatus()
    }
  }
}
