import { describe, expect, it } from 'vitest'
import { createSenderCheck } from '../../../src/main/ipc/register'
import { createSafeStorageSecrets } from '../../../src/main/ipc/safe-storage-secrets'
import { DEFAULT_BOUNDS, mainWindowOptions, restoreBounds } from '../../../src/main/ipc/window-options'
import { createJsonStore } from '../../../src/main/db/settings-repo'
import { openDatabase } from '../../../src/main/db/connection'

describe('window options', () => {
  it('turn on every isolation setting', () => {
    const options = mainWindowOptions('/app/out/preload/index.js', DEFAULT_BOUNDS)
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false
    })
  })

  it('restore remembered bounds only while they are on a connected screen', () => {
    const displays = [{ x: 0, y: 0, width: 1920, height: 1080 }]
    expect(restoreBounds({ x: 100, y: 80, width: 1400, height: 900, maximized: true }, displays)).toEqual({
      x: 100,
      y: 80,
      width: 1400,
      height: 900,
      maximized: true
    })
    // A window last seen on a monitor that is gone comes back without a position.
    expect(restoreBounds({ x: 3000, y: 80, width: 1400, height: 900 }, displays)).toEqual({
      width: 1400,
      height: 900,
      maximized: false
    })
    expect(restoreBounds({ width: 10, height: 'tall' }, displays)).toEqual({
      width: DEFAULT_BOUNDS.width,
      height: DEFAULT_BOUNDS.height,
      maximized: false
    })
    expect(restoreBounds(null, displays)).toEqual(DEFAULT_BOUNDS)
  })
})

describe('sender check', () => {
  const check = createSenderCheck({})
  const main = (url: string) => ({ url, parent: null }) as never
  it('accepts only the main frame of the app page on app://seasonwatch', () => {
    expect(check(main('app://seasonwatch/index.html'))).toBe(true)
    expect(check(main('app://seasonwatch/index.html#/settings'))).toBe(true)
    expect(check(main('app://seasonwatch/'))).toBe(true)
    expect(check(main('app://seasonwatch/other.html'))).toBe(false)
    expect(check({ url: 'app://seasonwatch/index.html', parent: {} } as never)).toBe(false)
    expect(check(null)).toBe(false)
  })
  it('compares the whole origin: scheme, host and port', () => {
    for (const url of [
      'https://evil.example/',
      'file:///app/out/renderer/index.html',
      'file://evil-host/app/out/renderer/index.html',
      'app://evil/index.html',
      'app://seasonwatch.evil/index.html',
      'app://seasonwatch:8080/index.html',
      'https://seasonwatch/index.html',
      'not a url'
    ])
      expect(check(main(url)), url).toBe(false)
  })
  it('accepts the dev server during development, on its own port only', () => {
    const dev = createSenderCheck({ devServerUrl: 'http://localhost:5173' })
    expect(dev(main('http://localhost:5173/#/season'))).toBe(true)
    expect(dev(main('http://localhost:5174/'))).toBe(false)
    expect(dev(main('https://localhost:5173/'))).toBe(false)
    expect(dev(main('http://127.0.0.1:5173/'))).toBe(false)
    expect(dev(main('app://seasonwatch/index.html'))).toBe(true)
  })
})

describe('safeStorage secrets', () => {
  const safeStorage = {
    available: true,
    isEncryptionAvailable() {
      return this.available
    },
    encryptString: (value: string) => Buffer.from([...value].reverse().join(''), 'utf8'),
    decryptString: (buffer: Buffer) => [...buffer.toString('utf8')].reverse().join('')
  }

  it('stores only ciphertext and gives the key back', () => {
    const db = openDatabase(':memory:')
    const secrets = createSafeStorageSecrets(safeStorage, createJsonStore(db, 'app_state'), () => 1)
    secrets.set('provider-api-key', 'CG-abcdefghijkl')
    expect(secrets.has('provider-api-key')).toBe(true)
    expect(secrets.get('provider-api-key')).toBe('CG-abcdefghijkl')
    const raw =
      JSON.stringify(db.prepare('SELECT * FROM app_state').all()) +
      JSON.stringify(db.prepare('SELECT * FROM settings').all())
    expect(raw).not.toContain('CG-abcdefghijkl')
    secrets.set('provider-api-key', null)
    expect(secrets.has('provider-api-key')).toBe(false)
  })

  it('refuses to store a key when the OS cannot encrypt', () => {
    const db = openDatabase(':memory:')
    const secrets = createSafeStorageSecrets(
      { ...safeStorage, isEncryptionAvailable: () => false },
      createJsonStore(db, 'app_state'),
      () => 1
    )
    expect(() => secrets.set('provider-api-key', 'CG-abcdefghijkl')).toThrow(/no way to encrypt/)
    expect(secrets.has('provider-api-key')).toBe(false)
  })
})
