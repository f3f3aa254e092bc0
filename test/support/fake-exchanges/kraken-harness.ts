import { startExchangeHarness } from './exchange-harness'
import type { ExchangeHarness } from './exchange-harness'
import { startFakeKraken } from './kraken'
import type { FakeKraken, FakeKrakenKey } from './kraken'
import { KRAKEN_READ_KEY, krakenAccount } from './kraken-data'

/**
 * A core on a temporary data folder, a fake Kraken, a key store in memory and a log kept in lines.
 * `add()` sends the confirmation a Kraken key always needs (Kraken cannot tell what a key may do).
 */
export type KrakenHarness = ExchangeHarness<FakeKraken, FakeKrakenKey>

export async function startKrakenHarness(options: { btcTrades?: number } = {}): Promise<KrakenHarness> {
  const fake = await startFakeKraken(krakenAccount(options))
  return startExchangeHarness({
    exchange: 'kraken',
    fake,
    key: KRAKEN_READ_KEY,
    addExtra: { allowTradingKey: true },
    dirPrefix: 'seasonwatch-kraken-'
  })
}
