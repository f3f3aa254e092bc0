import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startCoinbaseHarness } from '../../support/fake-exchanges/coinbase-harness'
import type { CoinbaseHarness } from '../../support/fake-exchanges/coinbase-harness'

const FILLS = '/api/v3/brokerage/orders/historical/fills'
const ACCOUNTS = '/api/v3/brokerage/accounts'
const TRANSACTIONS = '/transactions'

let h: CoinbaseHarness
beforeEach(async () => {
  h = await startCoinbaseHarness({ btcFills: 600 })
  await h.add()
})
afterEach(() => h.close())

const cursors = () =>
  h.core.services.db.prepare('SELECT stream, cursor FROM exchange_cursors ORDER BY stream').all() as {
    stream: string
    cursor: string
  }[]

describe('a Coinbase sync when Coinbase misbehaves', () => {
  it('waits out 429 (with Retry-After, or with rate-limit headers only) and 5xx answers, and carries on', async () => {
    h.fake.faults.push(
      { match: FILLS, kind: 'status', status: 429, retryAfter: '0', count: 1 },
      { match: TRANSACTIONS, kind: 'status', status: 429, count: 1 },
      { match: ACCOUNTS, kind: 'status', status: 503, count: 1 },
      { match: FILLS, kind: 'status', status: 500, count: 1 }
    )
    const result = await h.sync()
    expect(result).toMatchObject({ ok: true, written: 633 })
    expect(h.fake.requests.filter((r) => r.status === 429)).toHaveLength(2)
    expect(h.fake.requests.filter((r) => r.status >= 500)).toHaveLength(2)
    expect(h.logged.filter((line) => line.startsWith('exchange request will be retried'))).toHaveLength(4)
  })

  it('stops after repeated 429s in plain words, keeping every page written before', async () => {
    h.fake.faults.push({ match: TRANSACTIONS, kind: 'status', status: 429, retryAfter: '0', count: 50 })
    const result = await h.sync()
    expect(result).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
    expect(result.error!.message).toBe(
      'Coinbase did not answer after 4 tries; Seasonwatch will try again at the next sync.'
    )
    // The fills landed whole with their cursor; the next sync goes on from there.
    expect(h.count("external_id LIKE 'trade:%'")).toBe(624)
    h.fake.faults.splice(0)
    const resumed = await h.sync()
    expect(resumed).toMatchObject({ ok: true, written: 9, duplicates: 0 })
  })

  it('asks again when an answer is cut short', async () => {
    h.fake.faults.push({ match: FILLS, kind: 'truncated-json', count: 1 })
    expect(await h.sync()).toMatchObject({ ok: true, written: 633 })
    expect(h.logged.filter((line) => line.startsWith('exchange request will be retried'))).toHaveLength(1)
  })

  it('writes nothing of a malformed answer and resumes from it at the next sync', async () => {
    h.fake.faults.push({ match: ACCOUNTS, kind: 'malformed-json', count: 1 })
    const failed = await h.sync()
    expect(failed.ok).toBe(false)
    expect(failed.error!.message).toMatch(/^Coinbase sent/)
    expect(failed.error!.message).not.toMatch(/https?:|Bearer|\{|ZodError|\.ts/)
    expect(h.count()).toBe(0)
    expect(cursors()).toEqual([])
    const resumed = await h.sync()
    expect(resumed).toMatchObject({ ok: true, written: 633 })
    const list = await h.call<{ connections: { lastSyncStatus: string; lastError: string | null }[] }>(
      'connections:list',
      {}
    )
    expect(list.connections[0]).toMatchObject({ lastSyncStatus: 'ok', lastError: null })
  })

  it('keeps the pages before a cut-short one whole, and resumes at the cut-short page', async () => {
    h.fake.faults.push({ match: FILLS, kind: 'truncated-json', after: 1, count: 10 })
    const failed = await h.sync()
    expect(failed).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
    h.fake.faults.splice(0)
    // The first page of 250 fills landed with its cursor; nothing of the second.
    expect(h.count("external_id LIKE 'trade:%'")).toBe(250)
    const stored = JSON.parse(cursors().find((c) => c.stream === 'fills')!.cursor) as { page: string }
    const resumed = await h.sync()
    expect(resumed).toMatchObject({ ok: true, written: 633 - 250, duplicates: 0 })
    const fills = h.fake.requests.filter((r) => r.path === FILLS && r.status === 200)
    expect(new URLSearchParams(fills.at(-3)!.query).get('cursor')).toBe(stored.page)
  })

  it('times out a request that hangs, and says so in words', async () => {
    h.fake.faults.push({ match: ACCOUNTS, kind: 'hang', count: 10 })
    const result = await h.sync()
    expect(result).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
    expect(result.error!.message).toMatch(/did not answer after 4 tries/)
    expect(h.count()).toBe(0)
  })

  it('says a key lost its view permission in words, writing nothing', async () => {
    h.fake.state.keys[0]!.permissions.can_view = false
    const result = await h.sync()
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect(result.error!.message).toMatch(/^Coinbase refused the key: check that it is typed in full/)
    expect(h.count()).toBe(0)
  })

  it('says a revoked key was refused (401), without retrying it', async () => {
    h.fake.state.keys.splice(0, 1)
    const result = await h.sync()
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect(h.fake.requests.filter((r) => r.status === 401)).toHaveLength(1)
  })
})
