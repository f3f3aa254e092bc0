import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectNoSecretKept } from '../../support/fake-exchanges/no-secret-kept'
import { startFakeBinance } from '../../support/fake-exchanges/binance'
import type { FakeBinance, FakeKey } from '../../support/fake-exchanges/binance'
import { READ_KEY, TRADING_KEY, binanceAccount } from '../../support/fake-exchanges/binance-data'
import { startHarness } from '../../support/fake-exchanges/harness'
import { sourceAssets, sourceBalances } from '../../../src/main/portfolio/source-balances'
import type { Harness } from '../../support/fake-exchanges/harness'

let h: Harness
let fake: FakeBinance
const call = <T>(channel: string, input: unknown) => h.call<T>(channel, input)
const add = (key?: FakeKey, extra?: Record<string, unknown>) => h.add(key, extra)
const count = (where?: string) => h.count(where)

beforeEach(async () => {
  h = await startHarness()
  fake = h.fake
})
afterEach(() => h.close())

describe('a Binance connection', () => {
  it('refuses a key that can trade or withdraw, saying why and where to make a read-only one, and stores nothing', async () => {
    await expect(add(TRADING_KEY)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(
        /not stored: can read, trade, withdraw.*https:\/\/www\.binance\.com\/en\/my\/settings\/api-management/
      )
    })
    // The refusal is named, so the window offers its confirmation without reading the words.
    const envelope = await h.core.dispatch(
      'connections:add',
      { exchange: 'binance', apiKey: TRADING_KEY.apiKey, secret: TRADING_KEY.secret, apiUrl: fake.url },
      { runtime: 'cli' }
    )
    expect(envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', kind: 'key-not-read-only' } })
    expect(h.keys.load('binance')).toBeNull()
    const listed = await call<{ connections: unknown[]; connectable: string[] }>('connections:list', {})
    expect(listed.connections).toEqual([])
    expect(listed.connectable).toContain('binance')
  })

  it('keeps a trading key only on explicit confirmation, which is logged and shown', async () => {
    const saved = await add(TRADING_KEY, { allowTradingKey: true })
    expect(saved).toMatchObject({
      permissionWords: 'Can read, trade, withdraw',
      keyMasked: `••••${TRADING_KEY.apiKey.slice(-4)}`
    })
    expect((saved as { overrideAt: number | null }).overrideAt).not.toBeNull()
    expect(h.logged.some((line) => line.includes('explicit confirmation'))).toBe(true)
  })

  it('syncs trades and transfers into the ledger, then asks only for what is new', async () => {
    await add()
    const [first] = await call<[{ ok: boolean; written: number; duplicates: number }]>('connections:sync', {})
    // 2300 + 40 + 5 fills, 2 USDT deposits (EUR is cash, the pending one waits), 1 withdrawal,
    // 8 rewards (3 ENA from a Launchpool, 4 days of USDT interest, a BTTC airdrop) and one
    // conversion of two small balances to BNB.
    expect(first).toMatchObject({ ok: true, written: 2358, duplicates: 0 })
    expect(count("kind = 'transfer_in'")).toBe(2)
    expect(count("external_id LIKE 'trade:BTCUSDT:%'")).toBe(2300)
    // A sell of ETH for BTC is stored as BTC received for ETH given, as the CSV import stores it.
    expect(
      h.core.services.db
        .prepare(
          "SELECT kind, symbol, quantity, quote_symbol, quote_quantity FROM portfolio_transactions WHERE external_id = 'trade:ETHBTC:800000'"
        )
        .get()
    ).toEqual({ kind: 'trade', symbol: 'BTC', quantity: '0.0055', quote_symbol: 'ETH', quote_quantity: '0.1' })
    // The assets that widen the markets to read are those the ledger's balances name, found by one
    // query rather than a replay of the whole ledger.
    const db = h.core.services.db
    expect([...sourceAssets(db, 'binance')].sort()).toEqual([...sourceBalances(db, 'binance').keys()].sort())
    expect(sourceAssets(db, 'binance')).toEqual(new Set(['BNB', 'BTC', 'BTTC', 'ENA', 'ETH', 'USDT']))

    const before = fake.requests.length
    const [again] = await call<[{ written: number; requests: number }]>('connections:sync', {})
    expect(again.written).toBe(0)
    const paths = fake.requests.slice(before).map((r) => r.path)
    // Balances, markets, one call per transfer stream, one for rewards, one for small balances
    // converted to BNB, and one per market held
    // (ENA/USDT too, ENA being held from its rewards): nothing re-read in full.
    expect(paths.sort()).toEqual(
      [
        '/api/v3/account',
        '/api/v3/exchangeInfo',
        '/sapi/v1/capital/deposit/hisrec',
        '/sapi/v1/capital/withdraw/history',
        '/sapi/v1/asset/assetDividend',
        '/sapi/v1/asset/dribblet',
        '/api/v3/myTrades',
        '/api/v3/myTrades',
        '/api/v3/myTrades',
        '/api/v3/myTrades'
      ].sort()
    )

    fake.state.fills.push({ ...fake.state.fills[0]!, id: 999_999, time: Date.now() - 60_000 })
    fake.state.deposits[3]!.status = 1
    const [next] = await call<[{ written: number }]>('connections:sync', {})
    expect(next.written).toBe(2)
    const list = await call<{ connections: { requestCount: number; lastSyncStatus: string }[] }>('connections:list', {})
    expect(list.connections[0]).toMatchObject({ lastSyncStatus: 'ok' })
    // Every request the key's connection made, public ones included, is counted.
    expect(list.connections[0]!.requestCount).toBe(fake.requests.length)
  })

  it('waits out 429 (with Retry-After) and 5xx answers and carries on', async () => {
    await add()
    fake.faults.push(
      { match: '/api/v3/myTrades', kind: 'status', status: 429, retryAfter: '0', count: 2 },
      { match: '/sapi/v1/capital/deposit/hisrec', kind: 'status', status: 502, count: 1 }
    )
    const [result] = await call<[{ ok: boolean; written: number }]>('connections:sync', {})
    expect(result).toMatchObject({ ok: true, written: 2358 })
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(2)
  })

  it('writes nothing of a malformed page and resumes from it at the next sync', async () => {
    await add()
    fake.faults.push({ match: '/api/v3/myTrades', kind: 'malformed-json', count: 1 })
    const [failed] = await call<[{ ok: boolean; error: { message: string } }]>('connections:sync', {})
    expect(failed.ok).toBe(false)
    expect(failed.error.message).not.toMatch(/https?:|signature|\{/)
    const [resumed] = await call<[{ ok: boolean }]>('connections:sync', {})
    expect(resumed.ok).toBe(true)
    expect(count("external_id LIKE 'trade:%'")).toBe(2345)
    const list = await call<{ connections: { lastSyncStatus: string; lastError: string | null }[] }>(
      'connections:list',
      {}
    )
    expect(list.connections[0]).toMatchObject({ lastSyncStatus: 'ok', lastError: null })
  })

  it('times out a request that hangs, and says so in words', async () => {
    await add()
    fake.faults.push({ match: '/api/v3/account', kind: 'hang', count: 10 })
    const [result] = await call<[{ ok: boolean; error: { code: string; message: string } }]>('connections:sync', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
    expect(result.error.message).toMatch(/did not answer after 4 tries/)
  })

  it('does not follow a redirect with the key, nor send it to any other host', async () => {
    const elsewhere = await startFakeBinance(binanceAccount())
    try {
      await add()
      fake.faults.push({ match: '/api/v3/account', kind: 'redirect', location: elsewhere.url, count: 1 })
      const [result] = await call<[{ ok: boolean; error: { code: string; message: string } }]>('connections:sync', {})
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(result.error.message).toMatch(/redirect/)
      expect(elsewhere.requests).toHaveLength(0)
    } finally {
      await elsewhere.close()
    }
  })

  it('never writes the key or the secret to the data folder or the log', async () => {
    await add()
    await call('connections:sync', {})
    await call('connections:reconcile', { exchange: 'binance' })
    h.reopen()
    expectNoSecretKept(h, [READ_KEY.apiKey, READ_KEY.secret])
    // And no answer a window can read carries it.
    const listed = JSON.stringify(await call('connections:list', {}))
    expect(listed).not.toContain(READ_KEY.apiKey.slice(0, 12))
  })
})
