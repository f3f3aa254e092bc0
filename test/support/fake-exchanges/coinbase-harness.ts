import { startFakeCoinbase } from './coinbase'
import type { CdpKey, FakeCoinbase } from './coinbase'
import { READ_KEY, coinbaseAccount } from './coinbase-data'
import { startExchangeHarness } from './exchange-harness'
import type { ExchangeHarness, SyncResult } from './exchange-harness'

export type { SyncResult } from './exchange-harness'

/** A core on a temporary data folder, a fake Coinbase, keys in memory and a log kept in lines. */
export interface CoinbaseHarness extends ExchangeHarness<FakeCoinbase, CdpKey> {
  sync(): Promise<SyncResult>
}

export async function startCoinbaseHarness(options: { btcFills?: number } = {}): Promise<CoinbaseHarness> {
  const fake = await startFakeCoinbase(coinbaseAccount(options))
  const h = startExchangeHarness({ exchange: 'coinbase', fake, key: READ_KEY, dirPrefix: 'seasonwatch-coinbase-' })
  return Object.assign(h, {
    sync: async () => (await h.call<SyncResult[]>('connections:sync', { exchange: 'coinbase' }))[0]!
  })
}
