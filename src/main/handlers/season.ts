import type { Services } from '../core/services'
import type { HandlerMap } from '../rpc/types'

type SeasonHandlers = Pick<
  HandlerMap,
  'season:get-index' | 'season:get-history' | 'season:get-dominance' | 'market:get-series'
>

export function createSeasonHandlers(services: Services): SeasonHandlers {
  return {
    'season:get-index': (input) => services.season.getIndex(input ?? {}),
    'season:get-history': (input) => services.season.getHistory(input ?? {}),
    'season:get-dominance': (input) => services.season.getDominance(input ?? {}),
    'market:get-series': (input) => services.season.getSeries(input)
  }
}
