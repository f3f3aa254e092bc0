import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createProviderClient } from '../../../src/main/market/provider-client'
import { pingSchema } from '../../../src/main/market/provider-schemas'
import { createRequestBudget } from '../../../src/main/market/rate-budget'
import { memorySecrets } from '../../../src/main/ports/deps'
import { startFakeCoinGecko } from '../../support/fake-coingecko'
import type { FakeCoinGecko } from '../../support/fake-coingecko'
import { NOW, openCore, removeTempDirs, syntheticMarket } from './harness'

// DESIGN §4: a key goes only to the host it belongs to. The provider answers with a redirect to
// another loopback server (another port is another origin), which records every header it gets.
const KEY = 'CG-demoKeyForRedirects01'
let provider: FakeCoinGecko
let elsewhere: FakeCoinGecko
beforeAll(async () => {
  const dataset = syntheticMarket(40, 120)
  provider = await startFakeCoinGecko({ dataset, now: NOW })
  elsewhere = await startFakeCoinGecko({ dataset, now: NOW })
})
afterEach(() => {
  provider.setFaults([])
  provider.requests.length = 0
  elsewhere.requests.length = 0
  removeTempDirs()
})
afterAll(async () => {
  await provider.close()
  await elsewhere.close()
})

function client(headers: Record<string, string>) {
  return createProviderClient({
    baseUrl: provider.url,
    headers,
    fetch: globalThis.fetch,
    budget: createRequestBudget({ perMinute: 0 }),
    maxAttempts: 2,
    backoffBaseMs: 1
  })
}

describe('the provider key and redirects', () => {
  it('a sync with a key does not follow a redirect to another host: the key never arrives there', async () => {
    provider.setFaults([{ match: '/coins/markets', kind: 'redirect', location: elsewhere.url }])
    const core = openCore({ providerUrl: provider.url, secrets: memorySecrets({ 'provider-api-key': KEY }) })
    try {
      core.services.settings.set({ providerTier: 'demo', trackedCoins: 50, historyDays: 30, maxRequestsPerMinute: 0 })
      const summary = await core.services.sync.run()
      expect(summary.status).toBe('failed')
      expect(summary.error).toEqual({
        code: 'FORBIDDEN',
        message: `The provider at ${new URL(provider.url).origin} answered /coins/markets with a redirect (HTTP 302) to another host, ${new URL(elsewhere.url).origin}. Seasonwatch does not follow it: requests go only to the provider address it was given, and the API key with them. If the provider has moved, set its new address.`
      })
      // The key reached the provider, and nothing at all reached the other server.
      expect(provider.requests.map((r) => [r.status, r.headers['x-cg-demo-api-key']])).toEqual([[302, KEY]])
      expect(elsewhere.requests).toEqual([])
      // Not retried: a redirect is an answer, not a fault, and the run stopped at once.
      expect(summary.statusCounts).toEqual({ '302': 1 })
      expect(core.services.db.prepare('SELECT COUNT(*) AS n FROM coins').get()).toEqual({ n: 0 })
    } finally {
      core.close()
    }
  })

  it('a request with the key follows no redirect at all, not even within the provider', async () => {
    provider.setFaults([{ match: '/ping', kind: 'redirect', location: '/api/v3/ping?moved=1' }])
    await expect(client({ 'x-cg-pro-api-key': KEY }).get('/ping', {}, pingSchema)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('A request carrying the API key never follows a redirect') as unknown
    })
    expect(provider.requests.map((r) => r.path)).toEqual(['/ping'])
  })

  it('a request without a key follows a redirect within the provider, but never to another host', async () => {
    provider.setFaults([{ match: '/ping', kind: 'redirect', location: '/api/v3/ping?moved=1', count: 1 }])
    await expect(client({ accept: 'application/json' }).get('/ping', {}, pingSchema)).resolves.toEqual({
      gecko_says: '(V3) To the Moon!'
    })
    expect(provider.requests.map((r) => [r.path, r.status])).toEqual([
      ['/ping', 302],
      ['/ping?moved=1', 200]
    ])

    provider.setFaults([{ match: '/ping', kind: 'redirect', location: elsewhere.url, status: 307 }])
    await expect(client({}).get('/ping', {}, pingSchema)).rejects.toMatchObject({ code: 'FORBIDDEN', status: 307 })
    expect(elsewhere.requests).toEqual([])
  })

  it('a key goes over plain http only to this computer: another host is refused before any request', async () => {
    const core = openCore({
      providerUrl: 'http://provider.example/api/v3',
      secrets: memorySecrets({ 'provider-api-key': KEY })
    })
    try {
      core.services.settings.set({ providerTier: 'demo' })
      await expect(core.services.sync.run()).rejects.toMatchObject({
        code: 'VALIDATION',
        message:
          'The provider address http://provider.example/api/v3 must use https (plain http only for this computer: localhost, 127.x.x.x or ::1).'
      })
      expect(core.services.db.prepare('SELECT COUNT(*) AS n FROM sync_runs').get()).toEqual({ n: 0 })
      expect(core.services.db.prepare('SELECT COUNT(*) AS n FROM sync_lock').get()).toEqual({ n: 0 })
    } finally {
      core.close()
    }
    expect(() =>
      createProviderClient({
        baseUrl: 'http://10.0.0.5:8080/api/v3',
        headers: { 'x-cg-demo-api-key': KEY },
        fetch: () => Promise.reject(new Error('no request may be made')),
        budget: createRequestBudget({ perMinute: 0 })
      })
    ).toThrow(/must use https/)
  })
})
