import { afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core/create-core'
import type { Core } from '../../../src/main/core/create-core'
import { envSecrets, memorySecrets } from '../../../src/main/ports/deps'
import type { SecretStore } from '../../../src/main/ports/deps'
import { isLoopbackHost, providerAddressProblem, providerOrigin } from '../../../src/shared/provider-address'

// DESIGN §4: "changing a host clears its key". The window (or anyone holding browser mode's
// token) changes settings through settings:set; it must not be able to point the key elsewhere.
const KEY = 'CG-keyForHostChecks0001'
const ctx = { runtime: 'browser' as const }
const cores: Core[] = []
afterEach(() => {
  for (const core of cores.splice(0)) core.close()
})

function open(secrets: SecretStore): Core {
  const core = createCore({ dataDir: '/nonexistent', databasePath: ':memory:', runtime: 'browser', secrets })
  cores.push(core)
  return core
}

function topicsOf(core: Core): string[][] {
  const seen: string[][] = []
  core.events.on('data:changed', ({ topics }) => seen.push([...topics]))
  return seen
}

describe('the provider key stays with its host', () => {
  it('keeps the key while the host stays: another path, or public and demo (one host)', async () => {
    const core = open(memorySecrets({ 'provider-api-key': KEY }))
    await core.dispatch('settings:set', { providerTier: 'demo' }, ctx)
    expect(core.services.secrets.get('provider-api-key')).toBe(KEY)
    await core.dispatch('settings:set', { providerUrl: 'https://api.coingecko.com/api/v3/' }, ctx)
    expect(core.services.secrets.get('provider-api-key')).toBe(KEY)
  })

  it('removes the key when settings:set moves the provider to another host, and says the key changed', async () => {
    const core = open(memorySecrets({ 'provider-api-key': KEY }))
    const topics = topicsOf(core)
    const answer = await core.dispatch('settings:set', { providerUrl: 'https://collector.example/api/v3' }, ctx)
    expect(answer).toMatchObject({ ok: true, data: { providerUrl: 'https://collector.example/api/v3' } })
    expect(core.services.secrets.has('provider-api-key')).toBe(false)
    expect(topics).toEqual([['settings', 'secrets']])
    // A key entered afterwards belongs to the new host and stays while it does.
    core.services.secrets.set('provider-api-key', KEY)
    await core.dispatch('settings:set', { trackedCoins: 300 }, ctx)
    expect(core.services.secrets.get('provider-api-key')).toBe(KEY)
  })

  it('removes the key when the plan moves to another host (pro has its own) and when a port changes', async () => {
    const core = open(memorySecrets({ 'provider-api-key': KEY }))
    await core.dispatch('settings:set', { providerTier: 'pro' }, ctx)
    expect(core.services.secrets.has('provider-api-key')).toBe(false)

    core.services.secrets.set('provider-api-key', KEY)
    await core.dispatch('settings:set', { providerUrl: 'http://127.0.0.1:8001/api/v3' }, ctx)
    expect(core.services.secrets.has('provider-api-key')).toBe(false)
    core.services.secrets.set('provider-api-key', KEY)
    await core.dispatch('settings:set', { providerUrl: 'http://127.0.0.1:8002/api/v3' }, ctx)
    expect(core.services.secrets.has('provider-api-key')).toBe(false)
  })

  it('refuses plain http to another computer, and a host change while the key comes from the environment', async () => {
    const core = open(envSecrets({ SEASONWATCH_API_KEY: KEY }))
    const before = core.services.settings.get()
    expect(await core.dispatch('settings:set', { providerUrl: 'http://collector.example/api/v3' }, ctx)).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message:
          'Provider address: "http://collector.example/api/v3" must use https (plain http only for this computer: localhost, 127.x.x.x or ::1).'
      }
    })
    const moved = await core.dispatch('settings:set', { providerUrl: 'https://collector.example/api/v3' }, ctx)
    expect(moved).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(moved.ok ? '' : moved.error.message).toContain(
      'the API key comes from SEASONWATCH_API_KEY and is sent only to https://api.coingecko.com'
    )
    expect(await core.dispatch('settings:set', { providerTier: 'pro' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    expect(core.services.settings.get()).toEqual(before)
    expect(core.services.secrets.get('provider-api-key')).toBe(KEY)
    // Without a key there is nothing to guard.
    const keyless = open(envSecrets({}))
    expect(await keyless.dispatch('settings:set', { providerUrl: 'https://mirror.example/api/v3' }, ctx)).toMatchObject(
      {
        ok: true
      }
    )
  })
})

describe('provider addresses', () => {
  it('are https, or plain http on this computer only', () => {
    for (const ok of [
      'https://api.coingecko.com/api/v3',
      'https://mirror.example:8443/cg',
      'http://127.0.0.1:9/api/v3',
      'http://127.200.3.4/api',
      'http://localhost:3000/api/v3',
      'http://[::1]:3000/api/v3',
      'http://2130706433/api/v3'
    ])
      expect(providerAddressProblem(ok), ok).toBeNull()
    expect(providerAddressProblem('http://api.coingecko.com/api/v3')).toMatch(/must use https/)
    expect(providerAddressProblem('http://128.0.0.1/api')).toMatch(/must use https/)
    expect(providerAddressProblem('http://localhost.evil.example/api')).toMatch(/must use https/)
    expect(providerAddressProblem('http://[::ffff:10.0.0.1]/api')).toMatch(/must use https/)
    expect(providerAddressProblem('ftp://x')).toBe('must be an https address')
    expect(providerAddressProblem('https://user:pw@mirror.example/api')).toMatch(/user name or password/)
    expect(providerAddressProblem('https://mirror.example/api?key=1')).toMatch(/"\?" or "#"/)
    expect(providerAddressProblem(`https://mirror.example/${'a'.repeat(600)}`)).toMatch(/at most 500/)
    expect(isLoopbackHost('127.0.0.1')).toBe(true)
    expect(isLoopbackHost('[::1]')).toBe(true)
    expect(isLoopbackHost('10.0.0.1')).toBe(false)
  })

  it('name the origin the key goes to: the address set, else the plan’s own host', () => {
    expect(providerOrigin('public', '')).toBe('https://api.coingecko.com')
    expect(providerOrigin('demo', '')).toBe('https://api.coingecko.com')
    expect(providerOrigin('pro', '')).toBe('https://pro-api.coingecko.com')
    expect(providerOrigin('pro', 'http://127.0.0.1:9/api/v3')).toBe('http://127.0.0.1:9')
    expect(providerOrigin('demo', 'http://evil.example/api/v3')).toBeNull()
  })
})
