import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectNoSecretKept } from '../../support/fake-exchanges/no-secret-kept'
import type { FakeKraken } from '../../support/fake-exchanges/kraken'
import {
  KRAKEN_FUNDS_ONLY_KEY,
  KRAKEN_READ_KEY,
  KRAKEN_TRADING_KEY,
  LedgerBuilder,
  krakenId,
  krakenTxCount
} from '../../support/fake-exchanges/kraken-data'
import { startKrakenHarness } from '../../support/fake-exchanges/kraken-harness'
import type { KrakenHarness } from '../../support/fake-exchanges/kraken-harness'
import type { SyncResult } from '../../support/fake-exchanges/exchange-harness'

let h: KrakenHarness
let fake: FakeKraken
const sync = async () => (await h.call<SyncResult[]>('connections:sync', { exchange: 'kraken' }))[0]!
const row = (externalId: string) =>
  h.core.services.db
    .prepare(
      `SELECT kind, symbol, quantity, quote_symbol AS quoteSymbol, quote_quantity AS quoteQuantity,
         fee_symbol AS feeSymbol, fee_quantity AS feeQuantity FROM portfolio_transactions WHERE external_id = ?`
    )
    .get(externalId)
const ledgerCalls = () => fake.requests.filter((r) => r.path === '/0/private/Ledgers')
/** What Kraken pages the account's ledger into: 50 entries a call. */
const pagesOf = (entries: number) => Math.ceil(entries / 50)

beforeEach(async () => {
  h = await startKrakenHarness()
  fake = h.fake
})
afterEach(() => h.close())

describe('a Kraken key', () => {
  it('is refused without confirmation in honest words (Kraken cannot tell), naming the rights a read-only key has', async () => {
    const refusal = h.add(KRAKEN_READ_KEY, {})
    // The kind lets the window offer its confirmation, as for a key that can trade.
    await expect(refusal).rejects.toMatchObject({ code: 'FORBIDDEN', kind: 'key-not-read-only' })
    const message = ((await refusal.catch((e: Error) => e)) as Error).message
    expect(message).toMatch(/^This key was not stored: Kraken cannot tell what a key may do\./)
    for (const right of [
      'Query Funds',
      'Query Open Orders & Trades',
      'Query Closed Orders & Trades',
      'Query Ledger Entries',
      'Export Data'
    ])
      expect(message).toContain(`"${right}"`)
    expect(message).toMatch(/keeps it only once you confirm that you have checked\.$/)
    // It is not said to be able to trade: nobody knows.
    expect(message).not.toMatch(/can (read, )?trade/i)
    expect(h.keys.load('kraken')).toBeNull()
    expect(await h.call('connections:list', {})).toMatchObject({ connections: [] })
    // The check reads balances and the ledger, and never sends an order or withdrawal call of any kind.
    expect(fake.requests.map((r) => r.path)).toEqual(['/0/private/Balance', '/0/private/Ledgers'])
  })

  it('is kept on explicit confirmation, logged, with trading and withdrawing shown as unknown', async () => {
    const saved = await h.add(KRAKEN_TRADING_KEY)
    expect(saved).toMatchObject({
      permissions: { read: true, trade: null, withdraw: null, checked: false },
      keyMasked: `••••${KRAKEN_TRADING_KEY.apiKey.slice(-4)}`
    })
    expect((saved as { permissionWords: string }).permissionWords).toMatch(
      /^Kraken cannot tell what a key may do\. Seasonwatch checked that it can read\./
    )
    expect((saved as { overrideAt: number | null }).overrideAt).not.toBeNull()
    const confirmation = h.logged.find((line) => line.includes('explicit confirmation') && line.includes('"kraken"'))
    expect(confirmation).toMatch(/a key whose rights the exchange cannot tell was stored/)
    expect(confirmation).not.toContain(KRAKEN_TRADING_KEY.apiKey)
    expect(fake.requests.every((r) => /\/(Balance|Ledgers)$/.test(r.path))).toBe(true)
  })

  it('without "Query Ledger Entries" is refused, naming the permission it lacks', async () => {
    await expect(h.add(KRAKEN_FUNDS_ONLY_KEY)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringMatching(/lacks the "Query Ledger Entries" permission/)
    })
    expect(h.keys.load('kraken')).toBeNull()
  })

  it('with a wrong secret is refused in words, and one unknown to Kraken too', async () => {
    const wrongSecret = { ...KRAKEN_READ_KEY, secret: KRAKEN_TRADING_KEY.secret }
    await expect(h.add(wrongSecret)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringMatching(/secret\) is copied in full/)
    })
    const unknown = { ...KRAKEN_READ_KEY, apiKey: `${KRAKEN_READ_KEY.apiKey.slice(0, -4)}XXXX` }
    await expect(h.add(unknown)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringMatching(/Kraken refused the key/)
    })
  })
})

describe('a Kraken connection', () => {
  it('syncs the ledger into trades, deposits, withdrawals, staking income and fees, then asks only for what is new', async () => {
    await h.add()
    const before = fake.requests.length
    const first = await sync()
    expect(first).toMatchObject({ ok: true, written: krakenTxCount(), duplicates: 0 })
    expect(ledgerCalls().length - 1).toBe(pagesOf(fake.state.ledger.length))
    expect(first.requests).toBe(fake.requests.length - before)

    // USD bought BTC: a buy, the fee in the cash it was paid in.
    expect(row(`trade:${krakenId('T', 1)}`)).toEqual({
      kind: 'buy',
      symbol: 'BTC',
      quantity: '0.01',
      quoteSymbol: 'USD',
      quoteQuantity: '421',
      feeSymbol: 'USD',
      feeQuantity: '0.6736'
    })
    // BTC for ETH with both legs charged: the trade carries the first fee, the second is a fee of its own.
    expect(row(`trade:${krakenId('T', 100_000)}`)).toEqual({
      kind: 'trade',
      symbol: 'ETH',
      quantity: '1',
      quoteSymbol: 'BTC',
      quoteQuantity: '0.055',
      feeSymbol: 'BTC',
      feeQuantity: '0.000088'
    })
    expect(row(`trade:${krakenId('T', 100_000)}:fee1`)).toMatchObject({
      kind: 'fee',
      symbol: 'ETH',
      quantity: '0.0016'
    })
    expect(row(`trade:${krakenId('T', 200_000)}`)).toMatchObject({
      kind: 'sell',
      symbol: 'ETH',
      quantity: '0.5',
      quoteSymbol: 'USD',
      quoteQuantity: '1100'
    })
    expect(row(`withdrawal:${krakenId('FW', 1)}`)).toEqual({
      kind: 'transfer_out',
      symbol: 'BTC',
      quantity: '0.2',
      quoteSymbol: null,
      quoteQuantity: null,
      feeSymbol: 'BTC',
      feeQuantity: '0.00001'
    })
    expect(row(`trade:${krakenId('FB', 1)}`)).toMatchObject({ kind: 'buy', symbol: 'USDC', quantity: '98.51' })
    // Staking rewards (DOT.S) are DOT income; the move into staking is the account's own and not stored.
    expect(h.count("kind = 'income' AND symbol = 'DOT' AND quantity = '0.21'")).toBe(20)
    expect(h.count("kind = 'income' AND symbol = 'SOL' AND quantity = '0.01234'")).toBe(1)
    expect(h.count("kind = 'transfer_in'")).toBe(2)
    expect(h.count("symbol IN ('USD', 'DOT.S', 'XXBT', 'ZUSD')")).toBe(0)
    expect(h.count("kind = 'buy' AND symbol = 'BTC'")).toBe(120)

    // Nothing new: balances and one ledger call.
    const mark = fake.requests.length
    const idle = await sync()
    expect(idle).toMatchObject({ ok: true, written: 0, requests: 2 })
    expect(fake.requests.slice(mark).map((r) => r.path)).toEqual(['/0/private/Balance', '/0/private/Ledgers'])

    // The next day: a trade and a reward, asked for from the newest entry already read, in one call.
    const newest = Math.max(...fake.state.ledger.map((e) => e.time))
    const next = new LedgerBuilder(90_000)
    const tomorrow = newest + 86_400
    next.trade(300_000, tomorrow, ['ZUSD', '640', '1.024'], ['XXBT', '0.01', '0'])
    next.add(krakenId('RU', 500), tomorrow + 60, 'staking', '', 'DOT.S', '0.22')
    fake.state.ledger.push(...next.entries)
    const mark2 = fake.requests.length
    const nextDay = await sync()
    expect(nextDay).toMatchObject({ ok: true, written: 2, requests: 2 })
    const asked = fake.requests.slice(mark2).find((r) => r.path === '/0/private/Ledgers')!
    expect(Number(asked.params.start)).toBe(Math.floor(newest))
    expect(asked.params.ofs).toBe('0')
    expect(h.count()).toBe(krakenTxCount() + 2)
  })

  it('stores a trade whose two legs Kraken put on different pages whole', async () => {
    // Push single entries in front so the page boundaries fall between the legs of a trade.
    const newestFirst = [...fake.state.ledger].sort((a, b) => b.time - a.time)
    const boundaries = [50, 100, 150, 200, 250].filter((i) => newestFirst[i - 1]?.refid === newestFirst[i]?.refid)
    expect(boundaries.length).toBeGreaterThan(0)
    await h.add()
    expect(await sync()).toMatchObject({ ok: true, written: krakenTxCount() })
    for (const i of boundaries) expect(row(`trade:${newestFirst[i]!.refid}`)).toMatchObject({ kind: 'buy' })
  })

  it('waits out rate limits, 5xx answers and "service unavailable", and carries on', async () => {
    await h.add()
    fake.faults.push(
      { match: '/0/private/Ledgers', kind: 'rate-limit', count: 2 },
      { match: '/0/private/Balance', kind: 'status', status: 502, count: 1 },
      { match: '/0/private/Ledgers', kind: 'unavailable', count: 1 }
    )
    const result = await sync()
    expect(result).toMatchObject({ ok: true, written: krakenTxCount() })
    expect(h.logged.filter((l) => l.startsWith('exchange request will be retried'))).toHaveLength(4)
  })

  for (const kind of ['malformed-json', 'truncated-json'] as const)
    it(`writes nothing of a ${kind.replace('-', ' ')} page and resumes from it at the next sync`, async () => {
      await h.add()
      // Two pages land first, so the broken one is in the middle.
      fake.faults.push({ match: '/0/private/Ledgers', kind, count: 1, skip: 2 })
      const failed = await sync()
      expect(failed.ok).toBe(false)
      expect(failed.error!.message).toMatch(/Kraken sent/)
      expect(failed.error!.message).toMatch(/nothing of (it|that page) was saved/)
      expect(failed.error!.message).not.toMatch(/https?:|\{|API-Sign|EAPI/)
      const stored = h.count()
      expect(stored).toBeGreaterThan(0)
      expect(stored).toBeLessThan(krakenTxCount())
      expect(await sync()).toMatchObject({ ok: true, duplicates: 0 })
      expect(h.count()).toBe(krakenTxCount())
      const list = await h.call<{ connections: { lastSyncStatus: string; lastError: string | null }[] }>(
        'connections:list',
        {}
      )
      expect(list.connections[0]).toMatchObject({ lastSyncStatus: 'ok', lastError: null })
    })

  it('times out a request that hangs, and says so in words', async () => {
    await h.add()
    fake.faults.push({ match: '/0/private/Balance', kind: 'hang', count: 10 })
    expect(await sync()).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE', message: expect.stringMatching(/did not answer after 4 tries/) }
    })
  })

  it('stops at once on a lockout, a permission taken away or a nonce out of order, in plain words', async () => {
    await h.add()
    fake.faults.push({ match: '/0/private/Ledgers', kind: 'lockout', count: 1 })
    const mark = fake.requests.length
    expect(await sync()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: /locked this key/ } })
    expect(fake.requests.length - mark).toBe(2)

    fake.faults.push({ match: '/0/private/Ledgers', kind: 'permission-denied', count: 1 })
    expect(await sync()).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: /lacks the "Query Ledger Entries" permission/ }
    })
    fake.faults.push({ match: '/0/private/Balance', kind: 'invalid-nonce', count: 1 })
    expect(await sync()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: /another program is probably using the same key/ }
    })
    expect(h.count()).toBe(0)
    expect(await sync()).toMatchObject({ ok: true, written: krakenTxCount() })
  })

  it('never writes the key or the secret to the data folder or the log, nor sends it elsewhere', async () => {
    await h.add()
    await sync()
    await h.call('connections:reconcile', { exchange: 'kraken' })
    h.reopen()
    expectNoSecretKept(h, [KRAKEN_READ_KEY.apiKey, KRAKEN_READ_KEY.secret])
    expect(fake.requests.every((r) => r.apiKey === KRAKEN_READ_KEY.apiKey)).toBe(true)
    expect(JSON.stringify(await h.call('connections:list', {}))).not.toContain(KRAKEN_READ_KEY.apiKey.slice(0, 12))
  })
})
