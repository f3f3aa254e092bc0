import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core/create-core'
import type { Core } from '../../../src/main/core/create-core'
import { realPrice, seedRealMarket } from './real-market'

const NOW = Date.parse('2024-12-12T12:00:00Z')
let dir: string
let core: Core

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seasonwatch-valuation-'))
  core = createCore({ dataDir: dir, runtime: 'cli', clock: { now: () => NOW } })
  seedRealMarket(core.services.db)
})
afterEach(() => {
  core.close()
  rmSync(dir, { recursive: true, force: true })
})

async function call<T = Record<string, unknown>>(channel: string, input?: unknown): Promise<T> {
  const envelope = await core.dispatch(channel as never, input as never, { runtime: 'cli' })
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code })
  return envelope.data as T
}
const add = (draft: Record<string, unknown>, acceptWarnings?: boolean) =>
  call<{ transaction: { id: number; quantity: string; coinId: string | null } }>('portfolio:add-transaction', {
    draft,
    ...(acceptWarnings ? { acceptWarnings } : {})
  })

interface Holding {
  symbol: string
  coinId: string | null
  quantity: string
  price: number | null
  value: number | null
  asOf: string | null
  costBasis: number
  unrealizedPnl: number | null
  bucket: string
  stale: boolean
}

describe('valuation from stored prices', () => {
  it('values each holding at its newest stored price, says as of when, and keeps exact quantities', async () => {
    for (let i = 0; i < 10; i += 1)
      await add({ kind: 'transfer_in', at: '2024-01-02', symbol: 'BTC', quantity: '0.01', valueUsd: '450' })
    await add({
      kind: 'buy',
      at: '2024-03-01',
      symbol: 'SOL',
      quantity: '20',
      quoteSymbol: 'USD',
      quoteQuantity: '2600'
    })
    await add({ kind: 'holding', at: '2023-11-20', symbol: 'WBTC', quantity: '0.05' })
    await add(
      {
        kind: 'buy',
        at: '2024-06-03',
        symbol: 'ETH',
        coinId: 'ethereum',
        quantity: '1',
        quoteSymbol: 'USDC',
        quoteQuantity: '3800'
      },
      true
    )
    const result = await call<{
      asOf: string
      holdings: Holding[]
      totals: { value: number }
      warnings: { message: string }[]
    }>('portfolio:get-holdings')
    expect(result.asOf).toBe('2024-12-11')
    const bySymbol = Object.fromEntries(result.holdings.map((h) => [h.symbol, h]))
    // Ten transfers of 0.01 make exactly 0.1, not 0.09999999999999999.
    expect(bySymbol.BTC).toMatchObject({
      coinId: 'bitcoin',
      quantity: '0.1',
      asOf: '2024-12-11',
      costBasis: 4500,
      bucket: 'bitcoin'
    })
    expect(bySymbol.BTC?.value).toBeCloseTo(0.1 * realPrice('BTC', '2024-12-11'), 6)
    expect(bySymbol.SOL?.unrealizedPnl).toBeCloseTo(20 * realPrice('SOL', '2024-12-11') - 2600, 6)
    // The "I hold" entry takes the day's real price as its basis; wrapped bitcoin is Bitcoin exposure.
    // The stored WBTC history ends on 2023-11-27: its value says so and is flagged stale.
    expect(bySymbol.WBTC).toMatchObject({
      coinId: 'wrapped-bitcoin',
      bucket: 'bitcoin',
      asOf: '2023-11-27',
      stale: true
    })
    expect(bySymbol.WBTC?.costBasis).toBeCloseTo(0.05 * realPrice('WBTC', '2023-11-20'), 6)
    expect(bySymbol.BTC).toMatchObject({ stale: false })
    // Paid with USDC the user never had: accepted with a warning, and USDC shows negative.
    expect(bySymbol.USDC?.quantity).toBe('-3800')
    expect(result.warnings.map((w) => w.message)).toEqual([
      'USDC balance falls to -3800 on 2024-06-03: this moves out more than was held'
    ])
    expect(result.totals.value).toBeCloseTo(
      result.holdings.reduce((s, h) => s + (h.value ?? 0), 0),
      6
    )
  })

  it("draws the value history day by day at each day's price, from the first transaction", async () => {
    await add({
      kind: 'buy',
      at: '2024-11-01',
      symbol: 'BTC',
      quantity: '0.5',
      quoteSymbol: 'USD',
      quoteQuantity: '35000'
    })
    await add({
      kind: 'sell',
      at: '2024-11-20',
      symbol: 'BTC',
      quantity: '0.2',
      quoteSymbol: 'USD',
      quoteQuantity: '18800'
    })
    await add({ kind: 'income', at: '2024-11-25', symbol: 'DOT', quantity: '100' })
    const history = await call<{ asOf: string; points: { date: string; value: number }[] }>(
      'portfolio:get-value-history'
    )
    expect(history.asOf).toBe('2024-12-11')
    expect(history.points[0]?.date).toBe('2024-11-01')
    expect(history.points.at(-1)?.date).toBe('2024-12-11')
    expect(history.points).toHaveLength(41)
    const on = (date: string) => history.points.find((p) => p.date === date)?.value
    expect(on('2024-11-10')).toBeCloseTo(0.5 * realPrice('BTC', '2024-11-10'), 6)
    expect(on('2024-11-21')).toBeCloseTo(0.3 * realPrice('BTC', '2024-11-21'), 6)
    expect(on('2024-12-11')).toBeCloseTo(0.3 * realPrice('BTC', '2024-12-11') + 100 * realPrice('DOT', '2024-12-11'), 6)
    const range = await call<{ points: { date: string }[] }>('portfolio:get-value-history', {
      from: '2024-12-01',
      to: '2024-12-05'
    })
    expect(range.points.map((p) => p.date)).toEqual([
      '2024-12-01',
      '2024-12-02',
      '2024-12-03',
      '2024-12-04',
      '2024-12-05'
    ])
  })

  it('splits allocation into buckets and counts held altcoins that beat Bitcoin over the index window', async () => {
    await add({ kind: 'holding', at: '2024-01-02', symbol: 'BTC', quantity: '0.2' })
    await add({ kind: 'holding', at: '2024-01-02', symbol: 'DOGE', quantity: '10000' })
    await add({ kind: 'holding', at: '2024-01-02', symbol: 'DOT', quantity: '300' })
    await add({ kind: 'holding', at: '2024-01-02', symbol: 'USDT', quantity: '1000' })
    const allocation = await call<{
      total: number
      buckets: { bucket: string; value: number; share: number }[]
      season: {
        date: string
        window: number
        btcRatio: number
        beat: number
        altcoins: number
        holdings: { symbol: string; ratio: number | null; outperforms: boolean | null }[]
      } | null
    }>('portfolio:get-allocation')
    const share = Object.fromEntries(allocation.buckets.map((b) => [b.bucket, b.value]))
    expect(share.bitcoin).toBeCloseTo(0.2 * realPrice('BTC', '2024-12-11'), 6)
    expect(share.stablecoin).toBeCloseTo(1000 * realPrice('USDT', '2024-12-11'), 6)
    expect((share['altcoin-ranked'] ?? 0) + (share['altcoin-other'] ?? 0)).toBeCloseTo(
      10000 * realPrice('DOGE', '2024-12-11') + 300 * realPrice('DOT', '2024-12-11'),
      6
    )
    expect(allocation.buckets.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 9)
    const season = allocation.season
    expect(season).not.toBeNull()
    // Each held altcoin's p(d) / p(d − W) with real prices, against Bitcoin's.
    const date = season?.date as string
    const w = season?.window as number
    const back = new Date(Date.parse(date) - w * 86_400_000).toISOString().slice(0, 10)
    expect(season?.btcRatio).toBeCloseTo(realPrice('BTC', date) / realPrice('BTC', back), 9)
    const doge = season?.holdings.find((h) => h.symbol === 'DOGE')
    expect(doge?.ratio).toBeCloseTo(realPrice('DOGE', date) / realPrice('DOGE', back), 9)
    expect(season?.altcoins).toBe(2)
    expect(season?.beat).toBe(season?.holdings.filter((h) => h.outperforms).length)
  })
})

describe('transactions editor rules', () => {
  it('refuses bad input with clear reasons and changes nothing', async () => {
    await expect(add({ kind: 'buy', at: '2030-01-01', symbol: 'BTC', quantity: '1' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/in the future/)
    })
    await expect(add({ kind: 'buy', at: '2024-01-01', symbol: 'BTC', quantity: '0' })).rejects.toMatchObject({
      code: 'VALIDATION'
    })
    await expect(add({ kind: 'buy', at: '2024-01-01', symbol: 'BTC', quantity: '1e3' })).rejects.toMatchObject({
      code: 'VALIDATION'
    })
    await expect(add({ kind: 'trade', at: '2024-01-01', symbol: 'BTC', quantity: '1' })).rejects.toMatchObject({
      message: expect.stringMatching(/A trade needs/)
    })
    await expect(add({ kind: 'holding', at: '2024-01-01', symbol: 'ETH', quantity: '1' })).rejects.toMatchObject({
      message: expect.stringMatching(/ETH could be any of Ethereum \(ethereum\), Ethereum \(Wormhole\)/)
    })
    const list = await call<{ total: number }>('portfolio:list-transactions')
    expect(list.total).toBe(0)
  })

  it('warns before a balance goes negative, saves when accepted, edits and deletes', async () => {
    const bought = await add({
      kind: 'buy',
      at: '2024-02-01',
      symbol: 'SOL',
      quantity: '10',
      quoteSymbol: 'USD',
      quoteQuantity: '1000'
    })
    const sell = {
      kind: 'sell',
      at: '2024-03-01',
      symbol: 'SOL',
      quantity: '12',
      quoteSymbol: 'USD',
      quoteQuantity: '1500'
    }
    await expect(add(sell)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/SOL balance falls to -2 on 2024-03-01/)
    })
    expect((await call<{ total: number }>('portfolio:list-transactions')).total).toBe(1)
    const forced = await call<{ transaction: { id: number }; warnings: unknown[] }>('portfolio:add-transaction', {
      draft: sell,
      acceptWarnings: true
    })
    expect(forced.warnings).toHaveLength(1)
    // Editing the buy up to 12 SOL clears the shortfall.
    await call('portfolio:update-transaction', {
      id: bought.transaction.id,
      draft: { kind: 'buy', at: '2024-02-01', symbol: 'SOL', quantity: '12', quoteSymbol: 'USD', quoteQuantity: '1200' }
    })
    const holdings = await call<{ holdings: Holding[]; totals: { realizedPnl: number }; warnings: unknown[] }>(
      'portfolio:get-holdings'
    )
    expect(holdings.holdings.find((h) => h.symbol === 'SOL')).toBeUndefined()
    expect(holdings.totals.realizedPnl).toBeCloseTo(300, 9)
    expect(holdings.warnings).toEqual([])
    await call('portfolio:delete-transaction', { id: forced.transaction.id })
    await expect(call('portfolio:delete-transaction', { id: forced.transaction.id })).rejects.toMatchObject({
      code: 'NOT_FOUND'
    })
    const lots = await call<{ lots: { coinId: string; quantity: string; costPerUnit: number }[] }>(
      'portfolio:get-lots',
      { method: 'average' }
    )
    expect(lots.lots).toEqual([
      { coinId: 'solana', symbol: 'SOL', acquiredAt: '2024-02-01T00:00:00.000Z', quantity: '12', costPerUnit: 100 }
    ])
  })

  it('applies a later coin choice to stored transactions of that source', async () => {
    await call('portfolio:confirm-import', {
      text: 'date,type,asset,quantity\n2024-05-01,transfer_in,ETH,2\n2024-05-02,transfer_in,PEPE,1000000\n',
      mappings: { ETH: 'ethereum' }
    })
    const before = await call<{ holdings: Holding[]; unmatched: { source: string; symbol: string }[] }>(
      'portfolio:get-holdings'
    )
    expect(before.holdings.find((h) => h.symbol === 'PEPE')).toMatchObject({
      coinId: null,
      value: null,
      bucket: 'unpriced'
    })
    expect(before.unmatched).toEqual([{ source: 'generic', symbol: 'PEPE' }])
    await expect(
      call('portfolio:resolve-asset', { source: 'generic', symbol: 'PEPE', coinId: 'pepe' })
    ).rejects.toMatchObject({ code: 'VALIDATION' })
    const updated = await call<{ updated: number }>('portfolio:resolve-asset', {
      source: 'generic',
      symbol: 'ETH',
      coinId: 'ethereum-wormhole'
    })
    expect(updated.updated).toBe(1)
    const after = await call<{ holdings: Holding[] }>('portfolio:get-holdings')
    expect(after.holdings.find((h) => h.symbol === 'ETH')?.coinId).toBe('ethereum-wormhole')
  })
})
