import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectNoSecretKept } from '../../support/fake-exchanges/no-secret-kept'
import { READ_KEY, TRADE_KEY, TRANSFER_KEY } from '../../support/fake-exchanges/coinbase-data'
import { startCoinbaseHarness } from '../../support/fake-exchanges/coinbase-harness'
import type { CoinbaseHarness } from '../../support/fake-exchanges/coinbase-harness'

let h: CoinbaseHarness
beforeEach(async () => {
  h = await startCoinbaseHarness()
})
afterEach(() => h.close())

const row = (externalId: string) =>
  h.core.services.db
    .prepare(
      `SELECT kind, symbol, quantity, quote_symbol, quote_quantity, fee_symbol, fee_quantity
       FROM portfolio_transactions WHERE external_id = ?`
    )
    .get(externalId)

describe('a Coinbase connection', () => {
  it('checks the key with a signed request and stores it as read-only', async () => {
    const saved = await h.add()
    expect(saved).toMatchObject({
      exchange: 'coinbase',
      permissionWords: 'Can read',
      keyMasked: `••••${READ_KEY.apiKey.slice(-4)}`,
      overrideAt: null
    })
    expect(h.fake.requests.map((r) => r.path)).toEqual(['/api/v3/brokerage/key_permissions'])
    expect(h.fake.requests[0]!.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/)
  })

  it('refuses a key that can trade, and one that can transfer, saying why; stores nothing', async () => {
    await expect(h.add(TRADE_KEY)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/not stored: can read, trade\..*https:\/\/www\.coinbase\.com\/settings\/api/)
    })
    await expect(h.add(TRANSFER_KEY)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/not stored: can read, withdraw\./)
    })
    expect(h.keys.load('coinbase')).toBeNull()
    expect(await h.call('connections:list', {})).toMatchObject({ connections: [] })
  })

  it('keeps a trading key only on explicit confirmation, which is logged without the key', async () => {
    const saved = (await h.add(TRADE_KEY, { allowTradingKey: true })) as { overrideAt: number | null }
    expect(saved.overrideAt).not.toBeNull()
    const confirmation = h.logged.find((line) => line.includes('explicit confirmation'))
    expect(confirmation).toMatch(/"exchange":"coinbase"/)
    expect(confirmation).not.toContain(TRADE_KEY.apiKey)
  })

  it('refuses to send the key to a plain-http address off this computer, naming Coinbase’s own', async () => {
    await expect(h.add(READ_KEY, { apiUrl: 'not an address' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'The address for Coinbase must be a web address such as https://api.coinbase.com.'
    })
    await expect(h.add(READ_KEY, { apiUrl: 'http://api.example.com' })).rejects.toMatchObject({ code: 'VALIDATION' })
    expect(h.fake.requests).toHaveLength(0)
  })

  it('refuses a secret that does not belong to the key name, in plain words', async () => {
    await expect(h.add({ ...READ_KEY, secret: TRADE_KEY.secret })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringMatching(/^Coinbase refused the key/)
    })
    expect(h.fake.requests.every((r) => r.status === 401)).toBe(true)
  })

  it.each([
    ['with "\\n" escapes', READ_KEY.secret.trim().replace(/\n/g, '\\n')],
    ['with its line breaks dropped, as a one-line field does', READ_KEY.secret.replace(/\n/g, '')]
  ])('takes a PEM secret written on one line %s', async (_how, secret) => {
    await h.add({ ...READ_KEY, secret })
    expect((await h.sync()).ok).toBe(true)
  })

  it('syncs fills, transfers and rewards into the ledger, in its terms', async () => {
    await h.add()
    const first = await h.sync()
    // 600 BTC-USD, 20 ETH-USD and 4 ETH-BTC fills; 2 BTC, 3 ETH, 2 SOL and 2 USDC transactions.
    expect(first).toMatchObject({ ok: true, written: 633, duplicates: 0 })
    expect(h.count("external_id LIKE 'trade:%'")).toBe(624)
    expect(h.count("kind = 'income'")).toBe(5)
    expect(h.count("kind = 'transfer_in'")).toBe(3)
    // Cash is not a holding, the v2 copies of fills and the move to staking are not read twice.
    expect(h.count("symbol = 'USD' OR kind = 'holding'")).toBe(0)
    expect(h.count("kind = 'transfer_out'")).toBe(1)
    // A sell of ETH for BTC is BTC received for ETH given, as the CSV import stores a trade.
    expect(row('trade:00030d40-e000-4000-8000-000000030d40')).toEqual({
      kind: 'trade',
      symbol: 'BTC',
      quantity: '0.0055',
      quote_symbol: 'ETH',
      quote_quantity: '0.1',
      fee_symbol: 'BTC',
      fee_quantity: '0.0000055'
    })
    // A BTC-USD buy: exact decimals from Coinbase's strings, the fee in the quote currency.
    expect(row('trade:00000000-e000-4000-8000-000000000000')).toEqual({
      kind: 'buy',
      symbol: 'BTC',
      quantity: '0.001',
      quote_symbol: 'USD',
      quote_quantity: '42',
      fee_symbol: 'USD',
      fee_quantity: '0.252'
    })
    expect(row('trade:00000004-e000-4000-8000-000000000004')).toMatchObject({ kind: 'sell', symbol: 'BTC' })
    // A send: what left the account is the amount, of which the network fee is part.
    const send = h.fake.state.transactions.find((t) => t.type === 'send' && t.currency === 'BTC')!
    expect(row(`transaction:${send.id}`)).toEqual({
      kind: 'transfer_out',
      symbol: 'BTC',
      quantity: '0.19995',
      quote_symbol: null,
      quote_quantity: null,
      fee_symbol: 'BTC',
      fee_quantity: '0.00005'
    })
    // The send still pending is not stored yet.
    const pending = h.fake.state.transactions.find((t) => t.status === 'pending')!
    expect(row(`transaction:${pending.id}`)).toBeUndefined()
  })

  it('next day asks only for what is new, and picks up a send completed since', async () => {
    await h.add()
    await h.sync()
    const before = h.fake.requests.length
    const again = await h.sync()
    expect(again).toMatchObject({ ok: true, written: 0 })
    const calls = h.fake.requests.slice(before)
    // Balances, one fills page from where the last pass ended, one page per account read.
    expect(calls.map((r) => r.path).sort()).toEqual(
      [
        '/api/v3/brokerage/accounts',
        '/api/v3/brokerage/orders/historical/fills',
        ...['2bbf394c', '4f1e8a2c', '6a2b3c4d', '8c9d0e1f'].map((id) => expect.stringContaining(`/v2/accounts/${id}`))
      ].sort()
    )
    expect(calls.find((r) => r.path.includes('fills'))!.query).toContain('start_sequence_timestamp=')
    // The ETH account is read again from just before the pending send, the others after their last transaction.
    const eth = calls.find((r) => r.path.includes('4f1e8a2c'))!
    const beforePending = h.fake.state.transactions.filter((t) => t.type === 'staking_reward').at(-1)!
    expect(new URLSearchParams(eth.query).get('starting_after')).toBe(beforePending.id)

    const pending = h.fake.state.transactions.find((t) => t.status === 'pending')!
    pending.status = 'completed'
    h.fake.state.fills.push({
      ...h.fake.state.fills[0]!,
      entry_id: 'f00d0000-e000-4000-8000-00000000f00d',
      trade_time: new Date(Date.now() - 60_000).toISOString(),
      sequence_timestamp: new Date(Date.now() - 60_000).toISOString()
    })
    const next = await h.sync()
    expect(next).toMatchObject({ ok: true, written: 2 })
    expect(row(`transaction:${pending.id}`)).toMatchObject({
      kind: 'transfer_out',
      quantity: '0.0996',
      fee_quantity: '0.0004'
    })
    const list = await h.call<{ connections: { requestCount: number; lastSyncStatus: string }[] }>(
      'connections:list',
      {}
    )
    expect(list.connections[0]).toMatchObject({ lastSyncStatus: 'ok', requestCount: h.fake.requests.length })
  })

  it('never writes the key or the secret to the data folder or the log', async () => {
    await h.add()
    await h.sync()
    await h.call('connections:reconcile', { exchange: 'coinbase' })
    h.reopen()
    // The PEM's header line is the same for every key; the line after it is the secret's own.
    expectNoSecretKept(h, [READ_KEY.apiKey, READ_KEY.secret.split('\n')[1]!])
    expect(JSON.stringify(await h.call('connections:list', {}))).not.toContain(READ_KEY.apiKey.slice(0, 30))
  })
})
