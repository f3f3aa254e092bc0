import { afterEach, describe, expect, it } from 'vitest'
import { startHarness } from '../../support/fake-exchanges/harness'
import type { Harness } from '../../support/fake-exchanges/harness'

const DAY = 86_400_000
const BINANCE_START = Date.UTC(2017, 6, 1)
const DIVIDEND_PATH = '/sapi/v1/asset/assetDividend'

let h: Harness
afterEach(() => h.close())

/** A clock the test moves: the sync's "now", while ccxt signs with the real time. */
function movableClock() {
  let shift = 0
  return { now: () => Date.now() + shift, advance: (ms: number) => void (shift += ms) }
}

const incomeRows = () =>
  h.core.services.db
    .prepare(
      `SELECT external_id, kind, at, symbol, quantity, quote_symbol, fee_symbol, note, source
       FROM portfolio_transactions WHERE external_id LIKE 'income:%' ORDER BY at, external_id`
    )
    .all()

const windowsAsked = (from = 0) =>
  h.fake.requests
    .slice(from)
    .filter((r) => r.path === DIVIDEND_PATH)
    .map((r) => {
      const q = new URLSearchParams(r.query)
      return { start: Number(q.get('startTime')), end: Number(q.get('endTime')), limit: Number(q.get('limit')) }
    })

describe('Binance rewards and distributions (the income stream)', () => {
  it('stores each row of the dividend record once, by its own id, in 180-day windows from 2017', async () => {
    const clock = movableClock()
    h = await startHarness({ btcFills: 6, clock })
    await h.add()
    const syncStarted = clock.now()
    const [sync] = await h.call<[{ ok: boolean }]>('connections:sync', {})
    expect(sync.ok).toBe(true)
    const launchpool = Date.UTC(2024, 2, 31)
    const earn = Date.UTC(2024, 6, 21) + 132_000
    const reward = (id: number, at: number, symbol: string, quantity: string, note: string) => ({
      external_id: `income:${id}`,
      kind: 'income',
      at,
      symbol,
      quantity,
      quote_symbol: null,
      fee_symbol: null,
      note,
      source: 'binance'
    })
    // Two ENA rows share one Binance transfer id and one millisecond: both are kept.
    expect(incomeRows()).toEqual([
      reward(1_801_000_001, launchpool, 'ENA', '9.3615', 'Launchpool'),
      reward(1_801_000_002, launchpool, 'ENA', '3.1206', 'Launchpool'),
      reward(1_801_000_101, launchpool + DAY, 'ENA', '12.5193', 'Launchpool'),
      reward(1_903_000_000, Date.UTC(2024, 4, 10, 8), 'BTTC', '2841.56', 'BTTC distribution'),
      reward(1_902_000_000, earn, 'USDT', '0.2739726', 'Simple Earn Flexible Interest'),
      reward(1_902_000_001, earn + DAY, 'USDT', '0.2739726', 'Simple Earn Flexible Interest'),
      reward(1_902_000_002, earn + 2 * DAY, 'USDT', '0.27412301', 'Simple Earn Flexible Interest'),
      reward(1_902_000_003, earn + 3 * DAY, 'USDT', '0.27418843', 'Simple Earn Flexible Interest')
    ])

    // Windows of at most 180 days, each starting where the last ended, from July 2017 to the sync.
    const windows = windowsAsked()
    expect(windows[0]!.start).toBe(BINANCE_START)
    for (const [i, w] of windows.entries()) {
      expect(w.end - w.start).toBeLessThan(180 * DAY)
      expect(w.limit).toBe(500)
      if (i > 0) expect(w.start).toBe(windows[i - 1]!.end + 1)
    }
    expect(windows.at(-1)!.end).toBeGreaterThanOrEqual(syncStarted)
    expect(windows).toHaveLength(Math.ceil((windows.at(-1)!.end - BINANCE_START) / (180 * DAY)))

    // ENA, known only from its rewards, widens the markets read: its trades were asked for.
    expect(h.fake.requests.some((r) => r.path === '/api/v3/myTrades' && r.query.includes('symbol=ENAUSDT'))).toBe(true)
  })

  it('asks a day later only for the days since the last sync, and stores what is new', async () => {
    const clock = movableClock()
    h = await startHarness({ btcFills: 6, clock })
    await h.add()
    await h.call('connections:sync', {})
    const lastSync = clock.now()

    clock.advance(DAY)
    const staked = clock.now() - 3_600_000
    h.fake.state.dividends.push({
      id: 1_990_000_000,
      tranId: 180_000,
      amount: '0.00012345',
      asset: 'BNB',
      divTime: staked,
      enInfo: 'BNB Vault'
    })
    const from = h.fake.requests.length
    const [next] = await h.call<[{ ok: boolean; written: number; duplicates: number }]>('connections:sync', {})
    expect(next).toMatchObject({ ok: true, written: 1, duplicates: 0 })
    // One request: from three days before the last sync (late bookings) to now.
    const windows = windowsAsked(from)
    expect(windows).toHaveLength(1)
    expect(windows[0]!.start).toBeGreaterThanOrEqual(lastSync - 3 * DAY - 1000)
    expect(windows[0]!.start).toBeLessThanOrEqual(lastSync - 3 * DAY)
    expect(windows[0]!.end).toBeGreaterThanOrEqual(staked)
    expect(h.count("external_id = 'income:1990000000' AND kind = 'income' AND symbol = 'BNB'")).toBe(1)
    expect(h.count("external_id LIKE 'income:%'")).toBe(9)
  })

  it('reads a window of more rows than one answer holds in several answers, none lost or doubled', async () => {
    h = await startHarness({ btcFills: 6 })
    const start = Date.UTC(2024, 8, 1)
    // 1,200 hourly interest rows in 50 days, all inside one 180-day window.
    for (let i = 0; i < 1200; i += 1)
      h.fake.state.dividends.push({
        id: 2_000_000_000 + i,
        tranId: 190_000 + i,
        amount: '0.00000100',
        asset: 'BNB',
        divTime: start + i * 3_600_000,
        enInfo: 'BNB Vault'
      })
    await h.add()
    const [sync] = await h.call<[{ ok: boolean }]>('connections:sync', {})
    expect(sync.ok).toBe(true)
    expect(h.count("external_id LIKE 'income:20%' AND symbol = 'BNB'")).toBe(1200)
    const sum = h.core.services.db
      .prepare(
        "SELECT count(DISTINCT external_id) AS n FROM portfolio_transactions WHERE symbol = 'BNB' AND kind = 'income'"
      )
      .get() as { n: number }
    expect(sum.n).toBe(1200)
    // The window holding them was asked three times, each ending where the last full answer began.
    const windows = windowsAsked()
    const inside = windows.filter((w) => w.start <= start && w.end >= start)
    expect(inside).toHaveLength(3)
    expect(new Set(inside.map((w) => w.start)).size).toBe(1)
    expect(inside[1]!.end).toBe(start + 700 * 3_600_000)
    expect(inside[2]!.end).toBe(start + 201 * 3_600_000)
  })

  it('writes nothing of an answer it does not know, says so in words, and resumes from it', async () => {
    h = await startHarness({ btcFills: 6 })
    await h.add()
    const row = h.fake.state.dividends[0]!
    row.amount = '9.36150000 ENA'
    const [failed] = await h.call<[{ ok: boolean; error: { message: string } }]>('connections:sync', {})
    expect(failed.ok).toBe(false)
    expect(failed.error.message).toMatch(/Binance sent rewards and distributions in a shape Seasonwatch does not know/)
    expect(failed.error.message).not.toMatch(/rows|amount|\[|\{|https?:/)
    // The ENA rewards of that answer are not stored, not even the two well-formed ones.
    expect(h.count("symbol = 'ENA'")).toBe(0)

    row.amount = '9.36150000'
    h.fake.faults.push({ match: DIVIDEND_PATH, kind: 'malformed-json', count: 1 })
    const [cut] = await h.call<[{ ok: boolean }]>('connections:sync', {})
    expect(cut.ok).toBe(false)
    expect(h.count("symbol = 'ENA'")).toBe(0)

    const [resumed] = await h.call<[{ ok: boolean }]>('connections:sync', {})
    expect(resumed.ok).toBe(true)
    expect(h.count("external_id LIKE 'income:%'")).toBe(8)
    expect(h.count("symbol = 'ENA' AND kind = 'income'")).toBe(3)
  })

  it('stores a reward Binance took back as a fee in that asset, as its CSV export does', async () => {
    h = await startHarness({ btcFills: 6 })
    h.fake.state.dividends.push({
      id: 1_995_000_000,
      tranId: 185_000,
      amount: '1.00000000',
      asset: 'ENA',
      divTime: Date.UTC(2024, 3, 5),
      enInfo: 'Launchpool',
      direction: -1
    })
    await h.add()
    await h.call('connections:sync', {})
    expect(h.count("external_id = 'income:1995000000' AND kind = 'fee' AND symbol = 'ENA' AND quantity = '1'")).toBe(1)
  })
})
