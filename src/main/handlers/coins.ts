import type { Services } from '../core/services'
import type { HandlerMap } from '../rpc/types'

type CoinChannel = Extract<keyof HandlerMap, `coins:${string}` | `watchlist:${string}` | `price-alerts:${string}`>

export function createCoinHandlers(services: Services): Pick<HandlerMap, CoinChannel> {
  const coins = () => services.coins
  return {
    'coins:get-page': (input) => coins().page(input),
    'coins:get-candles': (input) => services.candles.get(input),
    'watchlist:list': () => coins().watchlist(),
    'watchlist:add': ({ coinId }) => coins().watch(coinId),
    'watchlist:remove': ({ coinId }) => coins().unwatch(coinId),
    'price-alerts:list': (input) => coins().alerts.list(input?.limit),
    'price-alerts:add': (input) => coins().alerts.add(input),
    'price-alerts:remove': ({ id }) => coins().alerts.remove(id),
    'price-alerts:check': () => coins().alerts.check()
  }
}
