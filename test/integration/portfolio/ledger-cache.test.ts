import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core/create-core'
import type { Core } from '../../../src/main/core/create-core'
import type { Channel, ChannelInput, ChannelOutput } from '../../../src/shared/contract'
import { dayNumberOf } from '../../../src/shared/dates'
import { realPrice, seedRealMarket } from './real-market'

const NOW = Date.parse('2024-12-12T12:00:00Z')
let dir: string
const cores: Core[] = []
const open = () => {
  const core = createCore({ dataDir: dir, runtime: 'cli', clock: { now: () => NOW } })
  cores.push(core)
  return core
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seasonwatch-ledger-cache-'))
  seedRealMarket(open().services.db)
})
afterEach(() => {
  for (const core of cores.splice(0)) core.close()
  rmSync(dir, { recursive: true, force: true })
})

async function call<C extends Channel>(core: Core, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await core.dispatch(channel, input, { runtime: 'cli' })
  if (!envelope.ok) throw new Error(envelope.error.message)
  return envelope.data as ChannelOutput<C>
}

const csv = (rows: string[]) => ['date,type,asset,quantity,quote_asset,quote_quantity', ...rows].join('\n')
const btc = (h: ChannelOutput<'portfolio:get-holdings'>) => h.holdings.find((x) => x.symbol === 'BTC')

describe('the ledger kept between reads', () => {
  it('sees writes from this process, from another process, and new market prices', async () => {
    const app = cores[0] as Core
    await call(app, 'portfolio:confirm-import', { text: csv(['2024-01-10,buy,BTC,1,USD,40000']) })
    expect(btc(await call(app, 'portfolio:get-holdings', {}))?.quantity).toBe('1')

    // Another connection (the command line, say) adds a purchase: the next read includes it.
    const cli = open()
    await call(cli, 'portfolio:confirm-import', { text: csv(['2024-02-10,buy,BTC,0.5,USD,22000']) })
    const after = await call(app, 'portfolio:get-holdings', {})
    expect(btc(after)).toMatchObject({ quantity: '1.5', costBasis: 62000 })

    // A value entered here moves the gains at once.
    await call(app, 'portfolio:confirm-import', { text: csv(['2024-03-10,sell,BTC,1,USD,60000']) })
    expect((await call(app, 'portfolio:get-gains', { year: 2024 })).totals.all.gain).toBe('20000.00')
    const sale = (await call(app, 'portfolio:list-transactions', {})).transactions.find((t) => t.kind === 'sell')!
    await call(app, 'portfolio:set-value', { id: sale.id, valueUsd: '61000' })
    expect((await call(app, 'portfolio:get-gains', { year: 2024 })).totals.all.gain).toBe('21000.00')

    // A sync in this process stores a newer price: the value follows.
    const day = dayNumberOf('2024-12-12') as number
    app.services.market.writeHistories(
      [
        {
          coinId: 'bitcoin',
          rows: [{ day, price: 100_000, priceTs: NOW, marketCap: null, marketCapTs: null }],
          requestedFromDay: day,
          fetchedAt: NOW,
          status: 'ok'
        }
      ],
      NOW
    )
    const priced = btc(await call(app, 'portfolio:get-holdings', {}))
    expect(priced).toMatchObject({ asOf: '2024-12-12', price: 100_000 })
    expect(realPrice('BTC', '2024-12-11')).not.toBe(100_000)
  })

  it('leaves no trace of a refused write in later reads', async () => {
    const app = cores[0] as Core
    const draft = { kind: 'sell' as const, at: '2024-05-01', symbol: 'ETH', coinId: 'ethereum', quantity: '1' }
    const refused = await app.dispatch('portfolio:add-transaction', { draft }, { runtime: 'cli' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const holdings = await call(app, 'portfolio:get-holdings', {})
    expect(holdings.holdings).toEqual([])
    expect(holdings.warnings).toEqual([])
  })
})

describe('the ledger replayed ahead of reads', () => {
  it('is ready when a long-lived app reads it after a change, and is replayed once for a burst of writes', async () => {
    const app = cores[0] as Core
    app.start({ syncSchedule: false })
    const portfolio = app.services.portfolio
    for (const row of ['2024-01-10,buy,BTC,1,USD,40000', '2024-02-10,buy,BTC,0.5,USD,22000'])
      await call(app, 'portfolio:confirm-import', { text: csv([row]) })
    const before = portfolio.ledgerStats()
    // The replay waits 1.5 s after the last change; wait a little longer than that.
    await new Promise((resolve) => setTimeout(resolve, 3000))
    const warmed = portfolio.ledgerStats()
    // One load and one replay for the two imports, in the background.
    expect(warmed).toEqual({ loads: before.loads + 1, replays: before.replays + 1 })
    const holdings = await call(app, 'portfolio:get-holdings', {})
    expect(btc(holdings)?.quantity).toBe('1.5')
    expect(portfolio.ledgerStats()).toEqual(warmed)
  })
})
