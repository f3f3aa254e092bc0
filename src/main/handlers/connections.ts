import type { Services } from '../core/services'
import type { HandlerMap } from '../rpc/types'

type ConnectionChannel =
  | 'connections:list'
  | 'connections:add'
  | 'connections:remove'
  | 'connections:sync'
  | 'connections:reconcile'
  | 'connections:record-adjustment'

export function createConnectionHandlers(services: Services): Pick<HandlerMap, ConnectionChannel> {
  const { connections } = services
  return {
    'connections:list': () => ({
      keyStorage: connections.keyStorage(),
      connections: connections.list(),
      connectable: connections.connectable()
    }),
    'connections:add': (input) => connections.add(input),
    'connections:remove': ({ exchange }) => connections.remove(exchange),
    'connections:sync': ({ exchange }) => connections.sync(exchange),
    'connections:reconcile': ({ exchange }) => connections.reconcile(exchange),
    'connections:record-adjustment': ({ exchange, symbol }) => connections.recordAdjustment(exchange, symbol)
  }
}
