import type { Services } from '../core/services'
import type { HandlerMap } from '../rpc/types'

type CoinChannel = Extract<keyof HandlerMap, `coins:${string}`>

export function createCoinHandlers(services: Services): Pick<HandlerMap, CoinChannel> {
  return {
    'coins:get-page': (input) => services.coins.page(input)
  }
}
