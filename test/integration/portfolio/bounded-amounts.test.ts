import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core/create-core'
import type { Core } from '../../../src/main/core/create-core'
import { runCliCaptured } from '../../support/run-cli'
import { seedRealMarket } from './real-market'

// Issue 15, finding 1: amounts of any size went in through import ("1e999", thousands of digits),
// after which holdings and hints failed for good with Infinity and lots took 19.5 s; 19 decimal
// places crashed the preview with INTERNAL. Every way in now obeys the same bounds.
const NOW = Date.parse('2024-12-12T12:00:00Z')
const HEADER = 'date,type,asset,quantity,quote_asset,quote_quantity\n'
let dir: string
let core: Core

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seasonwatch-amounts-'))
  core = createCore({ dataDir: dir, runtime: 'cli', clock: { now: () => NOW } })
  seedRealMarket(core.services.db)
})
afterEach(() => {
  core.close()
  rmSync(dir, { recursive: true, force: true })
})

async function envelope(channel: string, input?: unknown) {
  return core.dispatch(channel as never, input as never, { runtime: 'cli' })
}
async function call<T = Record<string, unknown>>(channel: string, input?: unknown): Promise<T> {
  const result = await envelope(channel, input)
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code })
  return result.data as T
}
const count = () =>
  (core.services.db.prepare('SELECT count(*) AS n FROM portfolio_transactions').get() as { n: number }).n

describe('one set of bounds for every amount', () => {
  it('refuses the audit file (1e999) on its line, and holdings still answer afterwards', async () => {
    core.close()
    const file = join(dir, 'x.csv')
    writeFileSync(file, `${HEADER}2022-04-07,buy,ETH,1e999,USD,3000\n`)
    const imported = await runCliCaptured(['portfolio', 'import', file, '--json', '--data-dir', dir])
    expect(imported.code).toBe(1)
    expect(JSON.parse(imported.stdout).errors).toEqual([
      { line: 2, reason: 'quantity "1e999" is too large; the most is 30 digits before the point' }
    ])
    const holdings = await runCliCaptured(['portfolio', 'holdings', '--json', '--data-dir', dir])
    expect(holdings.code).toBe(0)
    expect(JSON.parse(holdings.stdout)).toEqual([])
  })

  it('reports each out-of-bounds cell as a short row error, never INTERNAL', async () => {
    const rows = [
      '2022-04-07,buy,ETH,1.1234567890123456789,USD,3000', // 19 places: crashed the preview before
      `2022-04-07,buy,ETH,${'9'.repeat(900)},USD,3000`,
      `2022-04-07,buy,ETH,${'1'.repeat(31)},USD,3000`,
      '2022-04-07,buy,ETH,1e-19,USD,3000',
      `2022-04-07,buy,ETH,1,USD,${'1'.repeat(10 * 1024 * 1024)}`,
      '2022-04-07,buy,ETH,"999,999,999,999,999,999,999,999,999,999,999",USD,3000',
      `2022-04-07,buy,ETH,${'9'.repeat(30)}.${'9'.repeat(18)},USD,3000` // the largest amount: fine
    ]
    const started = performance.now()
    const preview = await call<{ errors: { line: number; reason: string }[]; imported: number }>(
      'portfolio:preview-import',
      { text: HEADER + rows.join('\n') }
    )
    expect(performance.now() - started).toBeLessThan(5000)
    expect(preview.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 7])
    expect(preview.errors[0]?.reason).toBe('quantity "1.1234567890123456789" has more than 18 decimal places')
    expect(preview.errors[1]?.reason).toMatch(
      /^quantity "9{40}…" is 900 characters long; an amount has at most 30 digits before the point and 18 after$/
    )
    expect(preview.errors[2]?.reason).toBe(
      `quantity "${'1'.repeat(31)}" has 31 digits before the decimal point; the most is 30`
    )
    expect(preview.errors[3]?.reason).toBe('quantity "1e-19" has more than 18 decimal places')
    expect(preview.errors[4]?.reason).toMatch(/^the quote_quantity cell is 10,485,760 characters long/)
    expect(preview.errors[5]?.reason).toMatch(/has 33 digits before the decimal point; the most is 30$/)
    for (const e of preview.errors) expect(e.reason.length).toBeLessThan(200)
    expect(preview.imported).toBe(1)
  })

  it('holds the editor, set-value and the command line to the same bounds, in plain words', async () => {
    const draft = { kind: 'buy', at: '2024-03-01', symbol: 'BTC', quantity: '1'.repeat(31) }
    const tooBig = await envelope('portfolio:add-transaction', { draft })
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(JSON.stringify(tooBig)).toMatch(/has 31 digits before the decimal point; the most is 30/)
    const { transaction } = await call<{ transaction: { id: number; quantity: string } }>('portfolio:add-transaction', {
      draft: { ...draft, quantity: '0.50000000000000000000', quoteSymbol: 'USD', quoteQuantity: '31000.10' }
    })
    // Stored in the one plain form every way in uses.
    expect(transaction.quantity).toBe('0.5')
    const fine = await envelope('portfolio:set-value', { id: transaction.id, valueUsd: '0.0000000000000000001' })
    expect(fine).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: /more than 18 decimal places/ } })
    core.close()
    const cli = await runCliCaptured([
      'portfolio',
      'set-value',
      String(transaction.id),
      '1'.repeat(31),
      '--data-dir',
      dir
    ])
    expect(cli.code).toBe(2)
    expect(cli.stderr).toMatch(/has 31 digits before the decimal point; the most is 30/)
  })
})

describe('a stored amount outside the bounds (written by an older version)', () => {
  function storeRaw(quantity: string, symbol = 'ETH', coinId: string | null = 'ethereum') {
    core.services.db
      .prepare(
        `INSERT INTO portfolio_transactions (kind, at, day, symbol, coin_id, quantity, quote_symbol, quote_quantity, source, created_at, updated_at)
         VALUES ('buy', ?, ?, ?, ?, ?, 'USD', '3000', 'generic', 0, 0)`
      )
      .run(Date.parse('2022-04-07T00:00:00Z'), 19_089, symbol, coinId, quantity)
  }

  it('leaves that transaction out with a warning naming it, and holdings, hints and lots still answer', async () => {
    await call('portfolio:add-transaction', {
      draft: {
        kind: 'buy',
        at: '2024-03-01',
        symbol: 'BTC',
        quantity: '0.5',
        quoteSymbol: 'USD',
        quoteQuantity: '31000'
      }
    })
    storeRaw('1e999')
    storeRaw('9'.repeat(5000))
    storeRaw('7'.repeat(10 * 1024 * 1024))
    expect(count()).toBe(4)

    const started = performance.now()
    const holdings = await envelope('portfolio:get-holdings', { method: 'fifo' })
    expect(holdings.ok).toBe(true)
    const data = (
      holdings as { data: { holdings: { symbol: string; value: number | null }[]; totals: { value: number } } }
    ).data
    expect(data.holdings.map((h) => h.symbol)).toEqual(['BTC'])
    expect(Number.isFinite(data.totals.value)).toBe(true)
    const warnings = (holdings as { data: { warnings: { kind: string; transactionId: number; message: string }[] } })
      .data.warnings
    expect(warnings.filter((w) => w.kind === 'unreadable-amount').map((w) => w.transactionId)).toEqual([2, 3, 4])
    expect(warnings[0]?.message).toBe(
      'Transaction 2 (buy ETH) has a quantity Seasonwatch cannot use ("1e999" is too large; the most is 30 digits before the point); it is left out of holdings, gains and reports until it is edited or deleted'
    )
    for (const w of warnings) expect(w.message.length).toBeLessThan(400)

    core.services.season.refresh()
    const hints = await envelope('rebalance:get-hints', {})
    expect(hints.ok ? 'ok' : hints.error.message).toBe('ok')
    for (const method of ['fifo', 'hifo', 'average'] as const) {
      const lots = await envelope('portfolio:get-lots', { method })
      expect(lots.ok).toBe(true)
    }
    expect(await envelope('portfolio:get-value-history', {})).toMatchObject({ ok: true })
    expect(await envelope('portfolio:get-gains', {})).toMatchObject({ ok: true })
    // Reading a 10 MB stored amount costs nothing: it is refused by its length.
    expect(performance.now() - started).toBeLessThan(5000)
  })

  it('shows an unknown value, never Infinity, when a product leaves the float range', async () => {
    // An absurd stored price (a provider glitch) times the largest amount overflows a float.
    core.services.db.prepare("UPDATE daily_values SET price = 1e300 WHERE coin_id = 'ethereum'").run()
    await call('portfolio:add-transaction', {
      draft: {
        kind: 'buy',
        at: '2024-03-01',
        symbol: 'ETH',
        coinId: 'ethereum',
        quantity: '9'.repeat(30),
        quoteSymbol: 'USD',
        quoteQuantity: '1000'
      }
    })
    const holdings = await call<{
      holdings: { symbol: string; value: number | null }[]
      leftOut: { unpriced: number }
    }>('portfolio:get-holdings', { method: 'fifo' })
    expect(holdings.holdings.find((h) => h.symbol === 'ETH')?.value).toBeNull()
    expect(holdings.leftOut.unpriced).toBe(1)
    const history = await call<{ points: { value: number | null; known: number }[] }>('portfolio:get-value-history', {})
    expect(history.points.every((p) => Number.isFinite(p.known))).toBe(true)
  })
})
