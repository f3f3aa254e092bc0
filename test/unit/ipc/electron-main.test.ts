import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { channelNames } from '../../../src/shared/contract'
import { IPC_INVOKE } from '../../../src/shared/ipc'

// The Electron shell, loaded with `electron` replaced by recording fakes: what the desktop app
// registers, how its window is configured, and what it refuses.
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown
  const state = {
    lock: true,
    quit: 0,
    handles: new Map<string, Listener>(),
    windows: [] as {
      options: Record<string, unknown>
      listeners: Map<string, Listener>
      openHandler?: Listener
      loaded?: string
    }[],
    headerHooks: [] as Listener[],
    opened: [] as string[]
  }
  class FakeBrowserWindow {
    readonly record: (typeof state.windows)[number]
    readonly webContents: Record<string, unknown>
    constructor(options: Record<string, unknown>) {
      this.record = { options, listeners: new Map() }
      state.windows.push(this.record)
      const record = this.record
      this.webContents = {
        on: (name: string, listener: Listener) => record.listeners.set(`wc:${name}`, listener),
        setWindowOpenHandler: (handler: Listener) => (record.openHandler = handler),
        send: () => {}
      }
    }
    on(name: string, listener: Listener) {
      this.record.listeners.set(name, listener)
    }
    maximize() {}
    show() {}
    isDestroyed() {
      return false
    }
    async loadFile(file: string) {
      this.record.loaded = file
    }
    async loadURL(url: string) {
      this.record.loaded = url
    }
  }
  const electron = {
    app: {
      isPackaged: false,
      requestSingleInstanceLock: () => state.lock,
      on: () => {},
      whenReady: () => Promise.resolve(),
      getPath: () => '/nonexistent',
      quit: () => {
        state.quit += 1
      },
      exit: () => {}
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (name: string, listener: Listener) => state.handles.set(name, listener),
      removeHandler: (name: string) => state.handles.delete(name)
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (value: string) => Buffer.from(`enc:${value}`),
      decryptString: (buffer: Buffer) => buffer.toString().replace(/^enc:/, ''),
      getSelectedStorageBackend: () => 'gnome_libsecret'
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (hook: Listener) => state.headerHooks.push(hook) },
        setPermissionRequestHandler: () => {}
      }
    },
    shell: {
      openExternal: async (url: string) => {
        state.opened.push(url)
      }
    },
    dialog: { showSaveDialog: async () => ({ canceled: true, filePath: '' }) }
  }
  return { state, electron }
})

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }))

const dataDir = mkdtempSync(join(tmpdir(), 'seasonwatch-electron-'))

function frame(url: string, parent: unknown = null) {
  return { url, parent }
}

async function invoke(senderUrl: string, channel: unknown, input?: unknown, parent: unknown = null) {
  const handler = fake.state.handles.get(IPC_INVOKE)
  if (!handler) throw new Error('no invoke handler registered')
  return (await handler({ senderFrame: frame(senderUrl, parent) }, channel, input)) as {
    ok: boolean
    error?: { code: string }
  }
}

beforeAll(async () => {
  process.env.SEASONWATCH_DATA_DIR = dataDir
  // The schedule starts with the app: keep its first sync on a closed loopback port.
  process.env.SEASONWATCH_PROVIDER_URL = 'http://127.0.0.1:9/api/v3'
  await import('../../../src/main/index')
  // start() runs after whenReady(); let its awaits settle.
  await vi.waitFor(() => expect(fake.state.windows[0]?.loaded).toBeDefined())
})

afterAll(() => {
  delete process.env.SEASONWATCH_DATA_DIR
  delete process.env.SEASONWATCH_PROVIDER_URL
  rmSync(dataDir, { recursive: true, force: true })
})

describe('Electron main', () => {
  it('creates one sandboxed, isolated window without Node and with the preload', () => {
    expect(fake.state.windows).toHaveLength(1)
    const prefs = fake.state.windows[0]?.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true
    })
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.js$/)
  })

  it('registers every contract channel behind one sender-checked handler', async () => {
    expect([...fake.state.handles.keys()]).toEqual([IPC_INVOKE])
    const own = `file://${fake.state.windows[0]?.loaded ?? ''}`
    for (const channel of channelNames) {
      const result = await invoke(own, channel, {})
      // Reaching the dispatcher means the channel is registered: it may then refuse the input,
      // or find nothing, but never answer that the channel is unknown.
      if (!result.ok)
        expect((result.error as { message?: string } | undefined)?.message).not.toMatch(/^Unknown channel/)
    }
    expect(await invoke(own, 'app:get-info')).toMatchObject({ ok: true, data: { runtime: 'electron', dataDir } })
  })

  it('starts the background sync schedule', async () => {
    const own = `file://${fake.state.windows[0]?.loaded ?? ''}`
    const state = (await invoke(own, 'sync:get-state')) as unknown as {
      ok: boolean
      data: { nextRunAt: number | null }
    }
    expect(state.ok).toBe(true)
    expect(state.data.nextRunAt).not.toBeNull()
  })

  it('refuses foreign frames, subframes and unknown channels', async () => {
    const own = `file://${fake.state.windows[0]?.loaded ?? ''}`
    expect(await invoke('https://evil.example/', 'app:get-info')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    expect(await invoke('file:///tmp/other.html', 'app:get-info')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    expect(await invoke(own, 'app:get-info', undefined, frame(own))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    expect(await invoke(own, 'app:delete-everything')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('rejects invalid input with VALIDATION and changes nothing', async () => {
    const own = `file://${fake.state.windows[0]?.loaded ?? ''}`
    expect(await invoke(own, 'settings:set', { trackedCoins: -1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' }
    })
    expect(await invoke(own, 'settings:set', 'not an object')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' }
    })
    expect(await invoke(own, 'settings:get')).toMatchObject({ ok: true, data: { trackedCoins: 250 } })
  })

  it('loads the bundled page and blocks navigation and new windows', () => {
    const window = fake.state.windows[0]
    expect(window?.loaded).toMatch(/renderer[\\/]index\.html$/)
    let prevented = false
    window?.listeners.get('wc:will-navigate')?.({ preventDefault: () => (prevented = true) }, 'https://evil.example/')
    expect(prevented).toBe(true)
    expect(window?.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(window?.openHandler?.({ url: 'https://www.coingecko.com/en/api' })).toEqual({ action: 'deny' })
    expect(fake.state.opened).toEqual(['https://www.coingecko.com/en/api'])
  })

  it('adds a strict Content-Security-Policy to every response', () => {
    let headers: Record<string, string[]> = {}
    fake.state.headerHooks[0]?.(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      (result: { responseHeaders: Record<string, string[]> }) => (headers = result.responseHeaders)
    )
    const csp = headers['Content-Security-Policy']?.[0] ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-eval')
  })

  it('quits at once when another instance holds the single-instance lock', async () => {
    fake.state.lock = false
    vi.resetModules()
    await import('../../../src/main/index')
    await new Promise((r) => setTimeout(r, 20))
    expect(fake.state.quit).toBe(1)
    expect(fake.state.windows).toHaveLength(1)
  })
})
