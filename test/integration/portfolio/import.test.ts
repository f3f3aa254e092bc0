import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core/create-core'
import type { Core } from '../../../src/main/core/create-core'
import { seedRealMarket } from './real-market'
import { runCliCaptured } from '../../support/run-cli'

const NOW = Date.parse('2024-12-12T12:00:00Z')
const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/portfolio', name), 'utf8')
let dir: string
let core: Core

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seasonwatch-portfolio-'))
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
const count = () =>
  (core.services.db.prepare('SELECT count(*) AS n FROM portfolio_transactions').get() as { n: number }).n

describe('CSV import through the contract', () => {
  it('previews without writing, imports on confirm, and does not duplicate on re-import', async () => {
    const text = fixture('kraken.csv')
    const preview = await call<{
      imported: number
      rows: number
      dryRun: boolean
      sample: unknown[]
      assets: { symbol: string; status: string; coinId: string | null }[]
    }>('portfolio:preview-import', { text })
    expect(preview).toMatchObject({ rows: 8, imported: 4, dryRun: true })
    expect(preview.sample).toHaveLength(4)
    expect(count()).toBe(0)
    // ETH is also the symbol of a bridged coin: the choice is the user's.
    expect(preview.assets.find((a) => a.symbol === 'ETH')).toMatchObject({ status: 'ambiguous', coinId: null })
    await expect(call('portfolio:confirm-import', { text })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/ETH \(ethereum, ethereum-wormhole\)/)
    })
    expect(count()).toBe(0)

    const done = await call('portfolio:confirm-import', {
      text,
      mappings: { ETH: 'ethereum' },
      fileName: 'ledgers.csv'
    })
    expect(done).toMatchObject({ format: 'kraken', imported: 4, duplicates: 0, dryRun: false })
    expect(count()).toBe(4)
    const again = await call('portfolio:confirm-import', { text })
    expect(again).toMatchObject({ imported: 0, duplicates: 4 })
    expect(count()).toBe(4)
    // The choice is remembered for Kraken files, and only for them.
    const nextKraken = await call<{ assets: { symbol: string; status: string; coinId: string | null }[] }>(
      'portfolio:preview-import',
      { text: fixture('kraken-wallet.csv') }
    )
    expect(nextKraken.assets.find((a) => a.symbol === 'BTC')).toMatchObject({ status: 'mapped', coinId: 'bitcoin' })
    const coinbase = await call<{ assets: { symbol: string; status: string }[] }>('portfolio:preview-import', {
      text: fixture('coinbase.csv')
    })
    expect(coinbase.assets.find((a) => a.symbol === 'ETH')?.status).toBe('ambiguous')
  })

  it('refuses a file with any bad row and leaves the database unchanged', async () => {
    await call('portfolio:confirm-import', { text: fixture('binance.csv') })
    const before = count()
    const bad = `${fixture('generic.csv')}2024-04-01,buy,BTC,lots,USD,100,,,,\n`
    const preview = await call<{ errors: { line: number; reason: string }[] }>('portfolio:preview-import', {
      text: bad,
      mappings: { ETH: 'ethereum' }
    })
    expect(preview.errors).toEqual([{ line: 10, reason: 'quantity "lots" is not a number' }])
    await expect(call('portfolio:confirm-import', { text: bad, mappings: { ETH: 'ethereum' } })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(
        /1 row has errors, so nothing was imported \(line 10: quantity "lots" is not a number\)/
      )
    })
    expect(count()).toBe(before)
    expect((core.services.db.prepare('SELECT count(*) AS n FROM portfolio_asset_map').get() as { n: number }).n).toBe(0)
  })

  it('refuses a 50 MB file with one bad row near the end, naming its line, and writes nothing', async () => {
    const header = 'date,type,asset,quantity,quote_asset,quote_quantity,fee_asset,fee_quantity,value_usd,note\n'
    const lines: string[] = [header]
    let size = header.length
    let n = 0
    while (size < 50 * 1024 * 1024) {
      const day = String(1 + (n % 28)).padStart(2, '0')
      const line = `2024-0${1 + (n % 9)}-${day} 10:${String(n % 60).padStart(2, '0')}:00,buy,BTC,0.00${String(n % 997).padStart(3, '0')}1,USD,${(n % 5000) + 10}.25,USD,0.5,,row ${n} of a large synthetic history\n`
      lines.push(line)
      size += line.length
      n += 1
    }
    const badLine = lines.length - 3
    lines[badLine] = (lines[badLine] as string).replace(/^2024-0\d-\d\d/, '2024-02-30')
    const badDate = (lines[badLine] as string).split(',')[0]
    const text = lines.join('')
    expect(text.length).toBeGreaterThanOrEqual(50 * 1024 * 1024)
    const preview = await call<{ rows: number; errors: { line: number; reason: string }[] }>(
      'portfolio:preview-import',
      { text }
    )
    expect(preview.rows).toBe(n)
    expect(preview.errors).toEqual([{ line: badLine + 1, reason: `date "${badDate}" is not a real date and time` }])
    await expect(call('portfolio:confirm-import', { text })).rejects.toMatchObject({ code: 'VALIDATION' })
    expect(count()).toBe(0)
  }, 300_000) // parsed twice (preview, confirm): on a loaded 2-core machine it took 117-141 s
})

describe('portfolio command line', () => {
  async function cli(args: string[]) {
    return runCliCaptured([...args, '--data-dir', dir])
  }

  it('imports, lists holdings, transactions and lots as single JSON documents', async () => {
    core.close()
    const file = join(dir, 'binance.csv')
    writeFileSync(file, fixture('binance.csv'))
    const dry = await cli(['portfolio', 'import', file, '--dry-run', '--json'])
    expect(dry.code).toBe(0)
    expect(JSON.parse(dry.stdout)).toEqual({ format: 'binance', rows: 13, imported: 6, duplicates: 0, errors: [] })
    const real = await cli(['portfolio', 'import', file, '--json'])
    expect(JSON.parse(real.stdout)).toEqual({ format: 'binance', rows: 13, imported: 6, duplicates: 0, errors: [] })
    const twice = await cli(['portfolio', 'import', file, '--json'])
    expect(JSON.parse(twice.stdout)).toEqual({ format: 'binance', rows: 13, imported: 0, duplicates: 6, errors: [] })

    const holdings = JSON.parse((await cli(['portfolio', 'holdings', '--json'])).stdout) as Record<string, unknown>[]
    const btc = holdings.find((h) => h.symbol === 'BTC')
    // 0.0215 bought − 0.0000215 fee − 0.01 sold − 0.005 withdrawn, exactly
    expect(btc).toMatchObject({ coinId: 'bitcoin', quantity: '0.0064785', asOf: '2024-12-11' })
    expect(Object.keys(btc ?? {})).toEqual([
      'coinId',
      'symbol',
      'quantity',
      'price',
      'value',
      'asOf',
      'costBasis',
      'unrealizedPnl',
      'realized',
      'income',
      'priceSource'
    ])
    expect(btc?.priceSource).toBe('market')
    expect(btc?.value).toBeCloseTo(0.0064785 * (btc?.price as number), 6)

    const txs = JSON.parse((await cli(['portfolio', 'transactions', '--json'])).stdout) as { kind: string }[]
    expect(txs).toHaveLength(6)
    const lots = JSON.parse((await cli(['portfolio', 'lots', '--method', 'hifo', '--json'])).stdout) as Record<
      string,
      unknown
    >[]
    expect(lots.every((l) => Object.keys(l).join() === 'coinId,acquiredAt,quantity,costPerUnit')).toBe(true)
    expect(lots.find((l) => l.coinId === 'bitcoin')).toMatchObject({
      quantity: '0.0064785',
      acquiredAt: '2024-01-10T09:30:01.000Z'
    })
  })

  it('exits non-zero with row errors and writes nothing', async () => {
    core.close()
    const file = join(dir, 'bad.csv')
    writeFileSync(file, 'date,type,asset,quantity\n2024-01-01,buy,BTC,1\n2024-01-02,buy,BTC,1e\n')
    const result = await cli(['portfolio', 'import', file, '--json'])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toEqual({
      format: 'generic',
      rows: 2,
      imported: 0,
      duplicates: 0,
      errors: [{ line: 3, reason: 'quantity "1e" is not a number' }]
    })
    const txs = JSON.parse((await cli(['portfolio', 'transactions', '--json'])).stdout) as unknown[]
    expect(txs).toEqual([])
    const usage = await cli(['portfolio', 'lots', '--method', 'lifo', '--json'])
    expect(usage.code).toBe(2)
  })
})
