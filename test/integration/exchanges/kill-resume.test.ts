import { describe, expect, it } from 'vitest'
import { startFakeBinance } from '../../support/fake-exchanges/binance'
import { READ_KEY, binanceAccount } from '../../support/fake-exchanges/binance-data'
import { keyEnv, killAndResume, storedIds, useKillResumeSetup } from '../../support/fake-exchanges/kill-resume'

const FILLS = 12_000
const BTC_TRADES = "external_id LIKE 'trade:BTCUSDT:%'"

const s = useKillResumeSetup(
  'seasonwatch-kill-',
  () => startFakeBinance(binanceAccount({ btcFills: FILLS })),
  (fake) => keyEnv('binance', READ_KEY, fake.url)
)

describe('a sync killed with SIGKILL halfway', () => {
  it('resumes at the first page not written: no gap and no duplicate', async () => {
    const { fake } = s
    // Killed once some pages of BTC/USDT trades are in; pages land whole, 1000 trades each.
    const { before } = await killAndResume(s, {
      exchange: 'binance',
      slowDown: (on) => (fake.tradeDelayMs = on ? 150 : 0),
      where: BTC_TRADES,
      atLeast: 3000,
      below: FILLS,
      wholePagesOf: 1000,
      pollMs: 50
    })
    const ids = storedIds(s.dir, BTC_TRADES)
    expect(ids).toHaveLength(FILLS)
    expect(new Set(ids).size).toBe(FILLS)
    const expected = fake.state.fills.filter((f) => f.symbol === 'BTCUSDT').map((f) => `trade:BTCUSDT:${f.id}`)
    expect(new Set(ids)).toEqual(new Set(expected))
    // The resumed sync asked for BTC/USDT trades only from where the killed one stopped.
    const fromIds = fake.requests
      .filter((r) => r.path === '/api/v3/myTrades' && r.query.includes('symbol=BTCUSDT'))
      .map((r) => Number(new URLSearchParams(r.query).get('fromId')))
    expect(fromIds.filter((id) => id === 0)).toHaveLength(1)
    expect(fromIds).toContain(100_000 + before)
  }, 180_000)
})
