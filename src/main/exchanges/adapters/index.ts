import type { ExchangeId } from '../../../shared/exchanges'
import type { ExchangeAdapter } from '../adapter-types'
import { binanceAdapter } from './binance'
import { krakenAdapter } from './kraken'
import { coinbaseAdapter } from './coinbase'

/** The adapters built so far; an exchange without one can be listed but not connected yet. */
export const adapters: Partial<Record<ExchangeId, ExchangeAdapter>> = {
  binance: binanceAdapter,
  kraken: krakenAdapter,
  coinbase: coinbaseAdapter
}
