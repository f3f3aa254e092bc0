import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { krakenId, krakenTxCount } from '../../support/fake-exchanges/kraken-data'
import { startKrakenHarness } from '../../support/fake-exchanges/kraken-harness'
import type { KrakenHarness } from '../../support/fake-exchanges/kraken-harness'

/**
 * Kraken's ledger export of part of the fake account (same ledger ids and refids): a USD deposit
 * (cash), a BTC deposit, a USD→BTC trade, a BTC→ETH trade charged on both legs, a DOT deposit moved
 * to staking, a staking reward, an earn reward, a withdrawal, and a "Buy Crypto" spend/receive.
 * Nine transactions; the export's times are whole seconds where the API's carry fractions.
 */
const CSV = readFileSync(join(__dirname, '../../fixtures/portfolio/kraken-api-overlap.csv'), 'utf8')
const IN_CSV = 9

let h: KrakenHarness
beforeEach(async () => {
  h = await startKrakenHarness()
  await h.add()
})
afterEach(() => h.close())

const importCsv = () =>
  h.call<{ imported: number; duplicates: number }>('portfolio:confirm-import', { text: CSV, format: 'kraken' })
const sync = async () =>
  (await h.call<{ ok: boolean; written: number; duplicates: number }[]>('connections:sync', {}))[0]!
const ethTrade = () =>
  h.core.services.db
    .prepare(
      'SELECT kind, symbol, quantity, quote_symbol, quote_quantity, fee_symbol, fee_quantity FROM portfolio_transactions WHERE external_id = ?'
    )
    .get(`trade:${krakenId('T', 100_000)}`)
const ETH_TRADE = {
  kind: 'trade',
  symbol: 'ETH',
  quantity: '1',
  quote_symbol: 'BTC',
  quote_quantity: '0.055',
  fee_symbol: 'BTC',
  fee_quantity: '0.000088'
}

describe('Kraken ledger entries that came by CSV and again by API', () => {
  it('are stored once when the CSV came first', async () => {
    expect(await importCsv()).toMatchObject({ imported: IN_CSV, duplicates: 0 })
    expect(await sync()).toMatchObject({ ok: true, written: krakenTxCount() - IN_CSV, duplicates: IN_CSV })
    expect(h.count()).toBe(krakenTxCount())
    expect(ethTrade()).toEqual(ETH_TRADE)
    expect(h.count(`external_id = 'trade:${krakenId('T', 100_000)}:fee1'`)).toBe(1)
    expect(h.count("kind = 'income' AND symbol = 'DOT'")).toBe(20)
  })

  it('are stored once when the API came first', async () => {
    expect(await sync()).toMatchObject({ ok: true, written: krakenTxCount() })
    expect(await importCsv()).toMatchObject({ imported: 0, duplicates: IN_CSV })
    expect(h.count()).toBe(krakenTxCount())
    expect(ethTrade()).toEqual(ETH_TRADE)
  })

  it('are stored once when the CSV was imported before exchange ids were kept (by the ledger ids fingerprinted)', async () => {
    await importCsv()
    h.core.services.db.prepare('UPDATE portfolio_transactions SET external_id = NULL').run()
    expect(await sync()).toMatchObject({ ok: true, duplicates: IN_CSV })
    expect(h.count()).toBe(krakenTxCount())
  })
})
