import type { Database } from 'better-sqlite3'
import type { AssetChoice } from '../../shared/contract/portfolio'
import type { CoinInfo, MarketReads } from '../market/market-reads'

/** Currencies that are cash, not holdings: their legs pay for or receive crypto and are not tracked. */
export const FIAT = new Set([
  'USD',
  'EUR',
  'GBP',
  'CAD',
  'AUD',
  'JPY',
  'CHF',
  'NZD',
  'SGD',
  'HKD',
  'KRW',
  'BRL',
  'TRY',
  'ZAR',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'MXN',
  'INR'
])

/** Dollar stablecoins: used as about 1 USD to value a trade when no stored price exists. */
export const USD_STABLE_SYMBOLS = new Set([
  'USDT',
  'USDC',
  'BUSD',
  'DAI',
  'FDUSD',
  'TUSD',
  'USDP',
  'PYUSD',
  'USDE',
  'USDS',
  'GUSD',
  'UST',
  'LUSD',
  'FRAX'
])

/** Provider ids of tokens that are bitcoin under another wrapper: they count as Bitcoin exposure. */
export const WRAPPED_BTC_IDS = new Set([
  'wrapped-bitcoin',
  'coinbase-wrapped-btc',
  'binance-bitcoin',
  'tbtc',
  'renbtc',
  'huobi-btc',
  'bitcoin-avalanche-bridged-btc-b',
  'solv-btc',
  'lombard-staked-btc',
  'kraken-wrapped-btc',
  'bitcoin-bep2'
])
const WRAPPED_BTC_SYMBOLS = new Set([
  'WBTC',
  'CBBTC',
  'BTCB',
  'TBTC',
  'RENBTC',
  'HBTC',
  'BTC.B',
  'SOLVBTC',
  'LBTC',
  'KBTC'
])

export function isBitcoinExposure(coinId: string | null, symbol: string): boolean {
  if (coinId === 'bitcoin') return true
  if (coinId !== null) return WRAPPED_BTC_IDS.has(coinId)
  return symbol === 'BTC' || WRAPPED_BTC_SYMBOLS.has(symbol)
}

export function isFiat(symbol: string): boolean {
  return FIAT.has(symbol.toUpperCase())
}

/**
 * Finds provider coins for the symbols of one source. A remembered choice wins; a symbol that
 * names exactly one stored coin maps to it; several coins make it ambiguous (the user picks);
 * none leaves it unknown (kept by symbol until market data has the coin).
 */
export function resolveSymbols(
  db: Database,
  market: MarketReads,
  source: string,
  symbols: Iterable<string>,
  chosen: Record<string, string> = {}
): Map<string, AssetChoice> {
  const remembered = db.prepare<[string, string], { coin_id: string }>(
    'SELECT coin_id FROM portfolio_asset_map WHERE source = ? AND symbol = ?'
  )
  const result = new Map<string, AssetChoice>()
  for (const raw of symbols) {
    const symbol = raw.toUpperCase()
    if (result.has(symbol)) continue
    if (isFiat(symbol)) {
      result.set(symbol, { source, symbol, status: 'fiat', coinId: null, candidates: [] })
      continue
    }
    const candidates = market.coinsWithSymbol(symbol)
    const pick = chosen[symbol] ?? chosen[raw] ?? remembered.get(source, symbol)?.coin_id
    if (pick !== undefined) {
      const coin = market.coin(pick)
      if (!coin) throw new UnknownCoinError(symbol, pick)
      result.set(symbol, { source, symbol, status: 'mapped', coinId: coin.id, candidates })
    } else if (candidates.length === 1) {
      result.set(symbol, { source, symbol, status: 'mapped', coinId: (candidates[0] as CoinInfo).id, candidates })
    } else {
      result.set(symbol, {
        source,
        symbol,
        status: candidates.length === 0 ? 'unknown' : 'ambiguous',
        coinId: null,
        candidates
      })
    }
  }
  return result
}

export class UnknownCoinError extends Error {
  constructor(
    readonly symbol: string,
    readonly coinId: string
  ) {
    super(`${symbol} was mapped to "${coinId}", which is not a stored coin`)
  }
}

export function rememberChoice(db: Database, source: string, symbol: string, coinId: string, at: number): void {
  db.prepare(
    'INSERT INTO portfolio_asset_map (source, symbol, coin_id, chosen_at) VALUES (?, ?, ?, ?) ON CONFLICT (source, symbol) DO UPDATE SET coin_id = excluded.coin_id, chosen_at = excluded.chosen_at'
  ).run(source, symbol.toUpperCase(), coinId, at)
}
