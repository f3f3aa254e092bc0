import { describe, expect, it } from 'vitest'
import { memorySecrets } from '../../../src/main/ports/deps'
import { exchangeKeysInSecrets, keyringExchangeKeys } from '../../../src/main/ports/exchange-keys'
import type { KeyringPort } from '../../../src/main/ports/exchange-keys'
import { loadOsKeyring } from '../../../src/main/ports/os-keyring'
import { browserSecrets } from '../../../src/main/ports/browser-secrets'

const credentials = { apiKey: 'AbCdEfGh12345678wxyz', secret: 'S3cr3tS3cr3tS3cr3t' }

function fakeKeyring(): KeyringPort & { entries: Map<string, string> } {
  const entries = new Map<string, string>()
  return {
    entries,
    get: (service, account) => entries.get(`${service}/${account}`) ?? null,
    set: (service, account, value) => void entries.set(`${service}/${account}`, value),
    delete: (service, account) => void entries.delete(`${service}/${account}`)
  }
}

describe('exchange keys outside Electron', () => {
  it('live in the OS keyring when one answers, and are removed from it', () => {
    const keyring = fakeKeyring()
    const store = keyringExchangeKeys(() => keyring, {})
    expect(store.backend).toBe('keyring')
    store.save('binance', credentials)
    expect([...keyring.entries.keys()]).toEqual(['Seasonwatch/exchange-key:binance'])
    expect(store.load('binance')).toEqual(credentials)
    store.remove('binance')
    expect(store.load('binance')).toBeNull()
    expect(keyring.entries.size).toBe(0)
  })

  it('fall back to the environment, saying so, where the keyring cannot store anything', () => {
    const refusing: KeyringPort = {
      get: () => null,
      set: () => {
        throw new Error("Couldn't access platform storage: AccessDenied")
      },
      delete: () => {}
    }
    const env = { SEASONWATCH_BINANCE_API_KEY: credentials.apiKey, SEASONWATCH_BINANCE_API_SECRET: credentials.secret }
    const store = keyringExchangeKeys(() => refusing, env)
    expect(store.backend).toBe('env')
    expect(store.writable).toBe(false)
    expect(store.fallbackReason).toMatch(/platform storage/)
    expect(store.statement).toMatch(/No OS keyring.*SEASONWATCH_<EXCHANGE>_API_KEY/)
    expect(store.load('binance')).toEqual(credentials)
    expect(store.load('kraken')).toBeNull()
  })

  it('in browser mode fall back to memory, saying so, so that a key typed into the window serves until it stops', () => {
    const refusing: KeyringPort = {
      get: () => null,
      set: () => {
        throw new Error('Platform secure storage failure: no secret service')
      },
      delete: () => {}
    }
    const env = { SEASONWATCH_KRAKEN_API_KEY: 'KrakenKey12345678', SEASONWATCH_KRAKEN_API_SECRET: 'KrakenSecret1234' }
    const store = keyringExchangeKeys(() => refusing, env, 'memory')
    expect(store.backend).toBe('memory')
    expect(store.writable).toBe(true)
    expect(store.fallbackReason).toMatch(/secret service/)
    expect(store.statement).toMatch(/No OS keyring is available here, so keys are kept in memory only/)
    store.save('binance', credentials)
    expect(store.load('binance')).toEqual(credentials)
    // A key set in the environment still serves an exchange whose key was not typed in.
    expect(store.load('kraken')).toEqual({
      apiKey: env.SEASONWATCH_KRAKEN_API_KEY,
      secret: env.SEASONWATCH_KRAKEN_API_SECRET
    })
    store.remove('binance')
    expect(store.load('binance')).toBeNull()
  })

  it('keep the first answer of the process: a keyring that refused once and then accepts into memory stays refused', () => {
    let writes = 0
    const flaky: KeyringPort = {
      get: () => null,
      set: () => {
        writes += 1
        if (writes === 1) throw new Error("Couldn't access platform storage: AccessDenied")
      },
      delete: () => {}
    }
    const loader = () => flaky
    expect(keyringExchangeKeys(loader, {}).backend).toBe('env')
    expect(keyringExchangeKeys(loader, {}).backend).toBe('env')
    expect(writes).toBe(1)
  })

  it('with the real keyring module on this machine: under a test service name it stores and removes, or the store falls back saying why', () => {
    const keyring = loadOsKeyring()
    expect(keyring).not.toBeNull()
    // A service name of its own: the test never reads or replaces a real Seasonwatch entry.
    const service = `Seasonwatch test ${process.pid}`
    let refusal: string | null = null
    try {
      keyring!.set(service, 'exchange-key:coinbase', JSON.stringify(credentials))
    } catch (error) {
      refusal = error instanceof Error ? error.message : String(error)
    }
    if (refusal === null) {
      expect(keyring!.get(service, 'exchange-key:coinbase')).toBe(JSON.stringify(credentials))
      keyring!.delete(service, 'exchange-key:coinbase')
      expect(keyring!.get(service, 'exchange-key:coinbase')).toBeNull()
    } else {
      // No keyring service: the store over a keyring that refuses the same way reads the environment.
      const refusing: KeyringPort = {
        get: () => null,
        set: () => {
          throw new Error(refusal!)
        },
        delete: () => {}
      }
      const store = keyringExchangeKeys(() => refusing, {})
      expect(store.backend).toBe('env')
      expect(store.fallbackReason).toBe(refusal)
    }
  })

  it('stay away from the OS keyring when SEASONWATCH_KEYRING=off, in the command line and in browser mode', () => {
    const untouchable = () => {
      throw new Error('the keyring was opened')
    }
    const cli = keyringExchangeKeys(untouchable, { SEASONWATCH_KEYRING: 'off' })
    expect(cli.backend).toBe('env')
    expect(cli.fallbackReason).toMatch(/turned off \(SEASONWATCH_KEYRING=off\)/)
    const browser = keyringExchangeKeys(untouchable, { SEASONWATCH_KEYRING: 'off' }, 'memory')
    expect(browser.backend).toBe('memory')
    browser.save('kraken', credentials)
    expect(browser.load('kraken')).toEqual(credentials)
    const secrets = browserSecrets({ SEASONWATCH_KEYRING: 'off' }, untouchable)
    expect(secrets.backend).toBe('memory')
  })

  it('probe the keyring only when first used, not when a command that never syncs starts', () => {
    let loads = 0
    const store = keyringExchangeKeys(() => {
      loads += 1
      return fakeKeyring()
    }, {})
    expect(loads).toBe(0)
    void store.backend
    void store.load('binance')
    expect(loads).toBe(1)
  })

  it('in the desktop app go through the same encrypted secret store as the provider key', () => {
    const secrets = memorySecrets()
    const store = exchangeKeysInSecrets(secrets)
    store.save('kraken', credentials)
    expect(secrets.has('exchange-key:kraken')).toBe(true)
    expect(store.load('kraken')).toEqual(credentials)
    store.remove('kraken')
    expect(secrets.has('exchange-key:kraken')).toBe(false)
  })

  it('in the desktop app read the environment, storing nothing, where the secret store cannot write', () => {
    const readOnly = { ...memorySecrets(), writable: false }
    const store = exchangeKeysInSecrets(readOnly, {})
    expect(store).toMatchObject({ backend: 'env', writable: false })
    expect(store.statement).toMatch(/stores no exchange keys/)
  })
})
