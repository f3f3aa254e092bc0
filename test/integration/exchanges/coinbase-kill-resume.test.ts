import { describe, expect, it } from 'vitest'
import { startFakeCoinbase } from '../../support/fake-exchanges/coinbase'
import { READ_KEY, coinbaseAccount } from '../../support/fake-exchanges/coinbase-data'
import { keyEnv, killAndResume, storedIds, useKillResumeSetup } from '../../support/fake-exchanges/kill-resume'

const BTC_FILLS = 12_000
const ALL_FILLS = BTC_FILLS + 24
const FILLS = '/api/v3/brokerage/orders/historical/fills'

const s = useKillResumeSetup(
  'seasonwatch-coinbase-kill-',
  () => startFakeCoinbase(coinbaseAccount({ btcFills: BTC_FILLS })),
  (fake) => keyEnv('coinbase', READ_KEY, fake.url)
)

const TRADES = "external_id LIKE 'trade:%'"

describe('a Coinbase sync killed with SIGKILL halfway', () => {
  it('resumes at the first page of fills not written: no gap and no duplicate', async () => {
    const { fake } = s
    const { before, requestsAtKill, resumed } = await killAndResume(s, {
      exchange: 'coinbase',
      slowDown: (on) => (fake.fillsDelayMs = on ? 150 : 0),
      where: TRADES,
      atLeast: 3000,
      below: ALL_FILLS,
      // Pages land whole: what was stored is a whole number of pages of 250 fills.
      wholePagesOf: 250,
      pollMs: 50
    })
    expect(JSON.parse(resumed.stdout)[0]).toMatchObject({ ok: true, duplicates: 0 })
    const ids = storedIds(s.dir, TRADES)
    expect(ids).toHaveLength(ALL_FILLS)
    expect(new Set(ids)).toEqual(new Set(fake.state.fills.map((f) => `trade:${f.entry_id}`)))
    // The resumed run went on with Coinbase's cursor of the last page written, inside the same pass.
    const fillCalls = fake.requests.filter((r) => r.path === FILLS && r.status === 200)
    expect(fillCalls.filter((r) => !new URLSearchParams(r.query).has('cursor'))).toHaveLength(1)
    const firstResumed = fake.requests.slice(requestsAtKill).find((r) => r.path === FILLS)!
    const ends = new Set(fillCalls.map((r) => new URLSearchParams(r.query).get('end_sequence_timestamp')))
    expect(ends.size).toBe(1)
    const lastWritten = fake.state.fills
      .slice()
      .sort(
        (a, b) =>
          Date.parse(b.sequence_timestamp) - Date.parse(a.sequence_timestamp) || (a.entry_id < b.entry_id ? 1 : -1)
      )[before - 1]!
    expect(Buffer.from(new URLSearchParams(firstResumed.query).get('cursor')!, 'base64url').toString()).toBe(
      lastWritten.entry_id
    )
  }, 180_000)
})
