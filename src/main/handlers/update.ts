import type { Services } from '../core/services'
import type { HandlerMap } from '../rpc/types'

export function createUpdateHandlers(services: Services): Pick<HandlerMap, 'app:check-update'> {
  return {
    'app:check-update': (input) => services.updates.check({ now: input?.now === true })
  }
}
