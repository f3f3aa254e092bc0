import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createCore } from '../../../src/main/core/create-core'
import { createJsonStore } from '../../../src/main/db/settings-repo'
import { createSafeStorageSecrets } from '../../../src/main/ipc/safe-storage-secrets'
import { IPC_INVOKE } from '../../../src/shared/ipc'
import { readOnlyRestrictions, startFakeBinance } from '../../support/fake-exchanges/binance'
import type { FakeBinance, FakeKey } from '../../support/fake-exchanges/binance'
import { READ_KEY, binanceAccount } from '../../support/fake-exchanges/binance-data'

// The desktop app's path for exchange keys, through the real main process with `electron` replaced:
// safeStorage encrypts (here with a transform that is easy to recognise), the ciphertext lands in
// the database's app_state, and the plain key and secret are nowhere on disk.
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown
  const handles = new Map<string, Listener>()
  const loaded: string[] = []
  // Recognisable "encryption": a marker, then the text reversed; decryption checks the marker.
  const encrypt = (value: string) => Buffer.from(`SWENC1:${[...value].reverse().join('')}`, 'utf8')
  const decrypt = (buffer: Buffer) => {
    const text = buffer.toString('utf8')
    if (!text.startsWith('SWENC1:')) throw new Error('not ours')
    return [...text.slice('SWENC1:'.length)].reverse().join('')
  }
  class FakeBrowserWindow {
    readonly webContents = { on: () => {}, setWindowOpenHandler: () => {}, send: () => {} }
    on() {}
    maximize() {}
    isDestroyed() {
      return false
    }
    async loadURL(url: string) {
      loaded.push(url)
    }
  }
  const electron = {
    app: {
      isPackaged: false,
      requestSingleInstanceLock: () => true,
      on: () => {},
      whenReady: () => Promise.resolve(),
      getPath: () => '/nonexistent',
      quit: () => {},
      exit: () => {}
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: { handle: (name: string, listener: Listener) => handles.set(name, listener), removeHandler: () => {} },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: encrypt,
      decryptString: decrypt,
      getSelectedStorageBackend: () => 'gnome_libsecret'
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: () => {} },
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {}
      }
    },
    shell: { openExternal: async () => {} },
    dialog: { showSaveDialog: async () => ({ canceled: true, filePath: '' }) }
  }
  return { electron, handles, loaded, encrypt, decrypt }
})

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }))

const SECOND_KEY: FakeKey = {
  apiKey: 'nk5Hq8PzR2mW7tY1vB4cX9sL3dF6gJ0kA2eN8uT5iO1pM7rQ4wZ3yV6bC9xS2hL',
  secret: 'Mv4Bn7Cx1Za9Sd3Fg6Hj2Kl5Qw8Er0Ty4Ui1Op7As3Df9Gh2Jk6Lz5Xc8Vb0Nm3',
  restrictions: readOnlyRestrictions
}

const dataDir = mkdtempSync(join(tmpdir(), 'seasonwatch-desktop-keys-'))
let binance: FakeBinance

/** Every byte Seasonwatch wrote in its data folder (the database, its WAL, backups), as text. */
function everythingOnDisk(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n')
}

/** The ciphertext the app keeps for an exchange key, as stored in app_state (base64 inside JSON). */
function storedCiphertext(dir: string, exchange: string): string | null {
  const db = new Database(join(dir, 'seasonwatch.db'), { readonly: true })
  try {
    const row = db.prepare('SELECT value FROM app_state WHERE key = ?').get(`secret:exchange-key:${exchange}`) as
      { value: string } | undefined
    return row ? (JSON.parse(row.value) as string) : null
  } finally {
    db.close()
  }
}

async function invoke(channel: string, input?: unknown) {
  const handler = fake.handles.get(IPC_INVOKE)
  if (!handler) throw new Error('no invoke handler registered')
  const envelope = (await handler(
    { senderFrame: { url: 'app://seasonwatch/index.html', parent: null } },
    channel,
    input
  )) as { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } }
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.message}`)
  return envelope.data as Record<string, unknown>
}

beforeAll(async () => {
  binance = await startFakeBinance({ ...binanceAccount({ btcFills: 6 }), keys: [READ_KEY, SECOND_KEY] })
  process.env.SEASONWATCH_DATA_DIR = dataDir
  process.env.SEASONWATCH_PROVIDER_URL = 'http://127.0.0.1:9/api/v3'
  process.env.SEASONWATCH_BINANCE_URL = binance.url
  await import('../../../src/main/index')
  await vi.waitFor(() => expect(fake.loaded).toHaveLength(1))
})

afterAll(async () => {
  for (const name of ['SEASONWATCH_DATA_DIR', 'SEASONWATCH_PROVIDER_URL', 'SEASONWATCH_BINANCE_URL'])
    delete process.env[name]
  await binance?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('exchange keys in the desktop app', () => {
  it('are stored only encrypted by safeStorage, replaced when rotated and deleted when removed', async () => {
    const list = await invoke('connections:list', {})
    expect(list.keyStorage).toEqual({
      backend: 'keychain',
      writable: true,
      statement: 'Keys are encrypted by your operating system’s keychain.'
    })

    const added = await invoke('connections:add', {
      exchange: 'binance',
      apiKey: READ_KEY.apiKey,
      secret: READ_KEY.secret
    })
    expect(added).toMatchObject({ keyMasked: `••••${READ_KEY.apiKey.slice(-4)}`, keyAvailable: true })
    const first = storedCiphertext(dataDir, 'binance')
    expect(first).not.toBeNull()
    // What is stored is safeStorage's output, and decrypts to the credentials.
    expect(JSON.parse(fake.decrypt(Buffer.from(first!, 'base64')))).toEqual({
      apiKey: READ_KEY.apiKey,
      secret: READ_KEY.secret
    })
    let disk = everythingOnDisk(dataDir)
    expect(disk).not.toContain(READ_KEY.apiKey)
    expect(disk).not.toContain(READ_KEY.secret)
    // A sync works from the stored key: the key went to the exchange, not to the disk.
    const [synced] = (await invoke('connections:sync', { exchange: 'binance' })) as unknown as { ok: boolean }[]
    expect(synced).toMatchObject({ ok: true })
    expect(binance.requests.some((r) => r.apiKey === READ_KEY.apiKey)).toBe(true)

    await invoke('connections:add', { exchange: 'binance', apiKey: SECOND_KEY.apiKey, secret: SECOND_KEY.secret })
    const rotated = storedCiphertext(dataDir, 'binance')
    expect(rotated).not.toBe(first)
    expect(JSON.parse(fake.decrypt(Buffer.from(rotated!, 'base64')))).toEqual({
      apiKey: SECOND_KEY.apiKey,
      secret: SECOND_KEY.secret
    })
    expect((await invoke('connections:list', {})).connections).toMatchObject([
      { keyMasked: `••••${SECOND_KEY.apiKey.slice(-4)}` }
    ])
    disk = everythingOnDisk(dataDir)
    for (const plain of [READ_KEY.apiKey, READ_KEY.secret, SECOND_KEY.apiKey, SECOND_KEY.secret])
      expect(disk).not.toContain(plain)

    expect(await invoke('connections:remove', { exchange: 'binance' })).toEqual({ removed: true })
    expect(storedCiphertext(dataDir, 'binance')).toBeNull()
    expect((await invoke('connections:list', {})).connections).toEqual([])
  })
})

describe('the desktop secret store on systems without a real keychain', () => {
  const coreWith = (safeStorage: Parameters<typeof createSafeStorageSecrets>[0], env: NodeJS.ProcessEnv = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-desktop-keys-'))
    // Wired as src/main/index.ts wires it; the exchange keys take the core's default store.
    const core = createCore({
      dataDir: dir,
      runtime: 'electron',
      env: { SEASONWATCH_BINANCE_URL: binance.url, ...env },
      exchangeTuning: { rateLimit: false },
      secretsFromDb: (db) => createSafeStorageSecrets(safeStorage, createJsonStore(db, 'app_state'), () => 1)
    })
    const call = async (channel: string, input: unknown) => {
      const envelope = await core.dispatch(channel, input, { runtime: 'electron' })
      if (!envelope.ok) throw new Error(envelope.error.message)
      return envelope.data as Record<string, unknown>
    }
    return {
      core,
      dir,
      call,
      close() {
        core.close()
        rmSync(dir, { recursive: true, force: true })
      }
    }
  }
  const add = { exchange: 'binance', apiKey: READ_KEY.apiKey, secret: READ_KEY.secret }

  it('say that keys are only obfuscated where the OS offers basic_text, and still store them only as safeStorage output', async () => {
    const { dir, call, close } = coreWith({
      ...fake.electron.safeStorage,
      getSelectedStorageBackend: () => 'basic_text'
    })
    try {
      const { keyStorage } = await call('connections:list', {})
      expect(keyStorage).toMatchObject({ backend: 'basic_text', writable: true })
      expect((keyStorage as { statement: string }).statement).toMatch(
        /^Weak key storage: this system offers no keyring, so keys are only obfuscated/
      )
      expect(await call('connections:add', add)).toMatchObject({ keyAvailable: true })
      const stored = storedCiphertext(dir, 'binance')
      expect(fake.decrypt(Buffer.from(stored!, 'base64'))).toContain(READ_KEY.secret)
      expect(everythingOnDisk(dir)).not.toContain(READ_KEY.secret)
      expect(everythingOnDisk(dir)).not.toContain(READ_KEY.apiKey)
    } finally {
      close()
    }
  })

  it('store nothing where safeStorage cannot encrypt: keys come from the environment, and the statement says so', async () => {
    const unavailable = { ...fake.electron.safeStorage, isEncryptionAvailable: () => false }
    const env = { SEASONWATCH_BINANCE_API_KEY: READ_KEY.apiKey, SEASONWATCH_BINANCE_API_SECRET: READ_KEY.secret }
    const { dir, call, close } = coreWith(unavailable, env)
    try {
      const { keyStorage } = await call('connections:list', {})
      expect(keyStorage).toMatchObject({ backend: 'env', writable: false })
      expect((keyStorage as { statement: string }).statement).toMatch(
        /No OS keyring is available here, so Seasonwatch stores no exchange keys.*SEASONWATCH_<EXCHANGE>_API_KEY/
      )
      // The key is checked and the connection kept; the key itself is read from the environment each time.
      expect(await call('connections:add', add)).toMatchObject({ keyAvailable: true, permissionWords: 'Can read' })
      expect(storedCiphertext(dir, 'binance')).toBeNull()
      expect(everythingOnDisk(dir)).not.toContain(READ_KEY.secret)
      expect(everythingOnDisk(dir)).not.toContain(READ_KEY.apiKey)
    } finally {
      close()
    }
  })
})
