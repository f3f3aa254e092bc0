import type { Clock } from '../../../src/main/ports/deps'
import { startFakeBinance } from './binance'
import type { FakeBinance, FakeKey } from './binance'
import { READ_KEY, binanceAccount } from './binance-data'
import { startExchangeHarness } from './exchange-harness'
import type { ExchangeHarness } from './exchange-harness'

/** A core on a temporary data folder, a fake Binance, a key store in memory and a log kept in lines. */
export type Harness = ExchangeHarness<FakeBinance, FakeKey>

export async function startHarness(options: { btcFills?: number; clock?: Clock } = {}): Promise<Harness> {
  const fake = await startFakeBinance(binanceAccount(options))
  return startExchangeHarness({
    exchange: 'binance',
    fake,
    key: READ_KEY,
    dirPrefix: 'seasonwatch-exchange-',
    ...(options.clock ? { clock: options.clock } : {})
  })
}
