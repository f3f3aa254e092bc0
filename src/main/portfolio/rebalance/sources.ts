/**
 * What rebalancing needs from the season index and the portfolio, kept narrow so the arithmetic
 * can be tested with plain data and the real services plug in with a thin adapter.
 */
export interface SeasonSource {
  /** The daily index of the user's default variant, in date order. */
  history(): { date: string; value: number }[]
  /** Coin ids of the ranked altcoins on a date, largest first; [] when unknown. */
  rankedAltcoins(date: string): string[]
}

export type PortfolioBucket = 'bitcoin' | 'altcoin-ranked' | 'altcoin-other' | 'stablecoin' | 'unpriced'
import type { CostMethod } from '../../../shared/domain'

export type { CostMethod }

export interface PortfolioHolding {
  coinId: string | null
  symbol: string
  /** Exact decimal text. */
  quantity: string
  price: number | null
  asOf: string | null
  bucket: PortfolioBucket
}

export interface PortfolioLot {
  coinId: string | null
  acquiredAt: string
  quantity: string
  costPerUnit: number
}

export interface PortfolioSource {
  holdings(method: CostMethod): { asOf: string | null; holdings: PortfolioHolding[] }
  lots(method: CostMethod): PortfolioLot[]
}
