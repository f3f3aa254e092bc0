import type { Services } from '../core/services'
import type { HandlerMap } from '../rpc/types'

type PortfolioChannel = Extract<keyof HandlerMap, `portfolio:${string}`>

export function createPortfolioHandlers(services: Services): Pick<HandlerMap, PortfolioChannel> {
  const p = () => services.portfolio
  return {
    'portfolio:get-holdings': (input) => p().holdings(input?.method),
    'portfolio:get-lots': (input) => p().lots(input?.method),
    'portfolio:list-transactions': (input) =>
      p().listTransactions(input?.limit, input?.offset, input?.missingValue ?? false),
    'portfolio:add-transaction': ({ draft, acceptWarnings }) => p().addTransaction(draft, acceptWarnings ?? false),
    'portfolio:update-transaction': ({ id, draft, acceptWarnings }) =>
      p().updateTransaction(id, draft, acceptWarnings ?? false),
    'portfolio:delete-transaction': ({ id }) => p().deleteTransaction(id),
    'portfolio:preview-import': (input) => p().previewImport(input),
    'portfolio:confirm-import': (input) => p().confirmImport(input),
    'portfolio:get-value-history': (input) => p().valueHistory(input?.from, input?.to),
    'portfolio:get-allocation': () => p().allocation(),
    'portfolio:search-coins': ({ query }) => p().searchCoins(query),
    'portfolio:resolve-asset': ({ source, symbol, coinId }) => p().resolveAsset(source, symbol, coinId),
    'portfolio:get-asset': ({ key, method }) => p().asset(key, method),
    'portfolio:get-gains': (input) => p().gains(input?.year, input?.method),
    'portfolio:get-income': (input) => p().income(input?.year),
    'portfolio:export-report': ({ report, year, method }) => p().exportReport(report, year, method),
    'portfolio:set-value': ({ id, valueUsd, feeValueUsd }) => p().setValue(id, valueUsd, feeValueUsd)
  }
}
