import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core/create-core'
import type { Core } from '../../../src/main/core/create-core'
import type { EventName } from '../../../src/shared/contract'
import type { Alert, BacktestResultShape, HintsResult } from '../../../src/shared/contract/rebalance'
import { dayNumberOf } from '../../../src/shared/dates'
import { loadCmcDataset } from '../../support/cmc-dataset'
import { writeDataset } from '../season/direct-load'
import { runCliCaptured } from '../../support/run-cli'

// Real CoinMarketCap snapshots through the 2021 altcoin season; the index history is computed by the
// season service from them, and holdings go in through the portfolio channels.
let dir: string
let core: Core
const seen: { name: EventName; payload: unknown }[] = []

async function call<T>(channel: string, input?: unknown): Promise<T> {
  const result = await core.dispatch(channel, input, { runtime: 'cli' })
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.data as T
}

async function hold(symbol: string, coinId: string, quantity: string, at = '2021-01-04') {
  await call('portfolio:add-transaction', { draft: { kind: 'holding', at, symbol, coinId, quantity } })
}

function priceOn(coinId: string, date: string): number {
  const row = core.services.db
    .prepare<[string, number], { price: number }>(
      'SELECT price FROM daily_values WHERE coin_id = ? AND day <= ? AND price IS NOT NULL ORDER BY day DESC LIMIT 1'
    )
    .get(coinId, dayNumberOf(date) as number)
  return row?.price ?? NaN
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'seasonwatch-rebalance-'))
  core = createCore({ dataDir: dir, runtime: 'cli' })
  core.events.onAny((name, payload) => seen.push({ name, payload }))
  writeDataset(core.services.db, loadCmcDataset({ from: '2020-06-01', to: '2021-06-30' }))
  core.services.season.refresh()
}, 120_000)

afterAll(() => {
  core.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('rebalancing over real cached history', () => {
  it('asks for an index and holdings before it gives hints', async () => {
    const result = await call<HintsResult>('rebalance:get-hints')
    expect(result.hints).toEqual([])
    expect(result.notes[0]).toMatch(/No holdings with a stored price/)
    expect(result.disclaimer).toMatch(/not investment advice/)
  })

  it('gives hints that put each sleeve back on target, with the prices and index as of their dates', async () => {
    await hold('BTC', 'bitcoin', '0.8')
    await hold('ETH', 'ethereum', '5')
    await hold('USDT', 'usdt', '2000')
    const result = await call<HintsResult>('rebalance:get-hints', { feeRatePercent: 0.5, minTradeUsd: 10 })
    const history = core.services.season.getHistory({}).points
    const last = history[history.length - 1]
    expect(result.asOf).toBe(last?.date)
    expect(result.indexValue).toBe(last?.value)
    expect(result.pricesAsOf).toBe('2021-06-30')

    // The allocation is the holdings at their stored prices.
    const btc = 0.8 * priceOn('bitcoin', '2021-06-30')
    const eth = 5 * priceOn('ethereum', '2021-06-30')
    const usdt = 2000 * priceOn('usdt', '2021-06-30')
    const total = btc + eth + usdt
    expect(result.allocation.total).toBeCloseTo(total, 6)
    expect(result.allocation.sleeves.map((s) => s.percent)).toEqual(
      [(100 * btc) / total, (100 * eth) / total, (100 * usdt) / total].map((v) => expect.closeTo(v, 9))
    )
    expect(result.due).toBe(result.allocation.sleeves.some((s) => s.outside))
    expect(result.due).toBe(true)

    // After the hinted trades each sleeve is within a cent-rounding of its target.
    for (const sleeve of result.after) {
      expect(sleeve.percent).toBeCloseTo(result.targets[sleeve.sleeve], 1)
    }
    const sell = result.hints.find((h) => h.action === 'sell')
    expect(sell?.coinId).toBe('bitcoin')
    expect(Number(sell?.quantity)).toBeLessThanOrEqual(0.8)
    // The sell preview consumes the one recorded lot at its cost.
    expect(sell?.sale?.lots.reduce((s, l) => s + l.quantity, 0)).toBeCloseTo(Number(sell?.quantity), 12)
    expect(sell?.sale?.lots[0]?.costPerUnit).toBeCloseTo(priceOn('bitcoin', '2021-01-04'), 6)
    expect(sell?.sale?.realizedGain).toBeCloseTo(
      Number(sell?.quantity) * (priceOn('bitcoin', '2021-06-30') * 0.995 - priceOn('bitcoin', '2021-01-04')),
      4
    )
    expect(sell?.reason).toContain(`as of ${result.asOf}`)
  })

  it('the CLI prints the same hints as the channel', async () => {
    const viaChannel = await call<HintsResult>('rebalance:get-hints', { feeRatePercent: 0.5, minTradeUsd: 10 })
    const { code, stdout } = await runCliCaptured([
      'hints',
      '--json',
      '--fee',
      '0.5',
      '--min-trade',
      '10',
      '--data-dir',
      dir
    ])
    expect(code).toBe(0)
    const printed = JSON.parse(stdout) as HintsResult
    expect(printed.hints.map((h) => [h.action, h.coinId, h.quantity, h.value])).toEqual(
      viaChannel.hints.map((h) => [h.action, h.coinId, h.quantity, h.value])
    )
    expect(printed).toMatchObject({ regime: viaChannel.regime, asOf: viaChannel.asOf })
  })

  it('saves targets per regime, refuses a bad split and keeps the old one', async () => {
    const saved = await call<{ targets: Record<string, { bitcoin: number }> }>('rebalance:set-targets', {
      regime: 'neutral',
      targets: { bitcoin: 40, altcoins: 40, stablecoins: 20 }
    })
    expect(saved.targets.neutral?.bitcoin).toBe(40)
    const bad = await core.dispatch(
      'rebalance:set-targets',
      { regime: 'neutral', targets: { bitcoin: 70, altcoins: 40, stablecoins: 20 } },
      { runtime: 'cli' }
    )
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    const after = await call<{ targets: Record<string, { bitcoin: number }> }>('rebalance:get-targets')
    expect(after.targets.neutral?.bitcoin).toBe(40)
    await call('rebalance:set-targets', { regime: 'neutral', targets: null })
    expect(
      (await call<{ targets: Record<string, { bitcoin: number }> }>('rebalance:get-targets')).targets.neutral?.bitcoin
    ).toBe(50)
  })

  it('backtests the three strategies offline; holding all Bitcoin follows its price exactly', async () => {
    const all = await call<BacktestResultShape>('rebalance:run-backtest', { feeRatePercent: 0.5 })
    expect(all.strategies.map((s) => s.strategy)).toEqual(['hold', 'periodic', 'regime'])
    expect(all.dates).toHaveLength(all.days)
    expect(all.to).toBe('2021-06-30')
    expect(all.strategies.every((s) => s.values.length === all.days && s.values[0] === 10_000)).toBe(true)
    expect(all.strategies[0]?.trades).toBe(0)
    expect(all.strategies[1]?.trades).toBeGreaterThan(0)
    expect(all.notes.join(' ')).toMatch(/Survivorship/)

    const btcOnly = await call<BacktestResultShape>('rebalance:run-backtest', {
      strategies: ['hold'],
      targets: { bitcoin: 100, altcoins: 0, stablecoins: 0 },
      from: '2021-01-01',
      to: '2021-06-30'
    })
    expect(btcOnly.strategies[0]?.finalValue).toBeCloseTo(
      (10_000 * priceOn('bitcoin', '2021-06-30')) / priceOn('bitcoin', '2021-01-01'),
      6
    )
    const cash = await call<BacktestResultShape>('rebalance:run-backtest', {
      strategies: ['periodic'],
      targets: { bitcoin: 0, altcoins: 0, stablecoins: 100 }
    })
    expect(cash.strategies[0]).toMatchObject({ finalValue: 10_000, maxDrawdown: 0, volatility: 0, trades: 0 })

    // Fees only take away: the same periodic strategy ends lower with a higher fee.
    const cheap = await call<BacktestResultShape>('rebalance:run-backtest', {
      strategies: ['periodic'],
      feeRatePercent: 0
    })
    const dear = await call<BacktestResultShape>('rebalance:run-backtest', {
      strategies: ['periodic'],
      feeRatePercent: 2
    })
    expect(dear.strategies[0]?.finalValue).toBeLessThan(cheap.strategies[0]?.finalValue as number)
    const refused = await core.dispatch(
      'rebalance:run-backtest',
      { from: '2021-05-01', to: '2021-04-01' },
      { runtime: 'cli' }
    )
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('alerts stay off until turned on, then report drift leaving its band once', async () => {
    expect(await call('rebalance:check-alerts')).toEqual({ enabled: false, created: [] })
    expect((await call<{ alerts: Alert[] }>('rebalance:list-alerts')).alerts).toEqual([])
    await call('settings:set', { alertsEnabled: true })
    // The first check sets the baseline: the portfolio is already out of band, and that is not news.
    expect((await call<{ created: Alert[] }>('rebalance:check-alerts')).created).toEqual([])
    // Bitcoin (about 69%) was already out; selling all of it pushes altcoins (then about 85%) out too.
    await call('portfolio:add-transaction', {
      draft: { kind: 'holding', at: '2021-06-01', symbol: 'BTC', coinId: 'bitcoin', quantity: '0' }
    })
    const created = (await call<{ created: Alert[] }>('rebalance:check-alerts')).created
    expect(created.map((a) => a.title)).toEqual(['Altcoins left its band'])
    expect(created[0]?.asOf).toBe((await call<HintsResult>('rebalance:get-hints')).asOf)
    expect(seen.some((e) => e.name === 'rebalance:alert')).toBe(true)
    expect((await call<{ created: Alert[] }>('rebalance:check-alerts')).created).toEqual([])
    const listed = await call<{ enabled: boolean; alerts: Alert[] }>('rebalance:list-alerts')
    expect(listed.enabled).toBe(true)
    expect(listed.alerts.map((a) => a.id)).toEqual(created.map((a) => a.id).sort((a, b) => b - a))
  })
})
