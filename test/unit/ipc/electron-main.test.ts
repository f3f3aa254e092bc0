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
    opened: [] as string[],
    /** What happened in order: scheme registration must come before the app is ready. */
    log: [] as string[],
    privileged: [] as { scheme: string; privileges?: Record<string, boolean> }[],
    protocols: new Map<string, (request: Request) => Promise<Response>>(),
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null
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
      whenReady: () =>
        Promise.resolve().then(() => {
          state.log.push('ready')
        }),
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
    protocol: {
      registerSchemesAsPrivileged: (schemes: (typeof state.privileged)[number][]) => {
        state.log.push(`privileged:${schemes.map((s) => s.scheme).join(',')}`)
        state.privileged.push(...schemes)
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        state.log.push(`handle:${scheme}`)
        state.protocols.set(scheme, handler)
      }
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (hook: Listener) => state.headerHooks.push(hook) },
        setPermissionRequestHandler: (handler: Listener) => (state.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Listener) => (state.permissionCheck = handler)
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

/** The app's own page, as the window shows it. */
const own = 'app://seasonwatch/index.html'

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
    const state = (await invoke(own, 'sync:get-state')) as unknown as {
      ok: boolean
      data: { nextRunAt: number | null }
    }
    expect(state.ok).toBe(true)
    expect(state.data.nextRunAt).not.toBeNull()
  })

  it('refuses foreign frames, subframes and unknown channels', async () => {
    expect(await invoke('https://evil.example/', 'app:get-info')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    // The whole origin is compared: the old file:// page, another host, another port.
    const renderer = join(__dirname, '../../../src/renderer/index.html')
    for (const foreign of [
      'file:///tmp/other.html',
      `file://${renderer}`,
      `file://evil-host${renderer}`,
      'app://elsewhere/index.html',
      'app://seasonwatch:8080/index.html',
      'app://seasonwatch/other.html'
    ])
      expect(await invoke(foreign, 'app:get-info')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await invoke(own, 'app:get-info', undefined, frame(own))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    expect(await invoke(own, 'app:delete-everything')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('rejects invalid input with VALIDATION and changes nothing', async () => {
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

  it('loads the page over app://seasonwatch, and blocks navigation and new windows', () => {
    const window = fake.state.windows[0]
    expect(window?.loaded).toBe('app://seasonwatch/index.html')
    let prevented = false
    window?.listeners.get('wc:will-navigate')?.({ preventDefault: () => (prevented = true) }, 'https://evil.example/')
    expect(prevented).toBe(true)
    expect(window?.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(window?.openHandler?.({ url: 'https://www.coingecko.com/en/api' })).toEqual({ action: 'deny' })
    expect(fake.state.opened).toEqual(['https://www.coingecko.com/en/api'])
  })

  it('registers app: as a standard, secure scheme before ready, and serves the renderer folder from it', async () => {
    const registered = fake.state.log.indexOf('privileged:app')
    expect(registered).toBeGreaterThanOrEqual(0)
    expect(registered).toBeLessThan(fake.state.log.indexOf('ready'))
    expect(fake.state.privileged[0]?.privileges).toMatchObject({ standard: true, secure: true })
    const serve = fake.state.protocols.get('app')
    if (!serve) throw new Error('no app: protocol handler')
    // Under test the main module sits in src/main, so its renderer folder is src/renderer.
    const page = await serve(new Request('app://seasonwatch/index.html'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(await page.text()).toContain('<title>Seasonwatch</title>')
    for (const address of [
      'app://seasonwatch/..%2f..%2fpackage.json',
      'app://seasonwatch/%2e%2e/%2e%2e/package.json',
      'app://seasonwatch/..%2fmain%2findex.ts',
      'app://elsewhere/index.html'
    ]) {
      const answer = await serve(new Request(address))
      expect(answer.status).toBe(404)
      expect(await answer.text()).toBe('')
    }
  })

  it('grants only notifications, only to its own page, when asked and when checked', () => {
    const check = fake.state.permissionCheck
    const request = fake.state.permissionRequest
    if (!check || !request) throw new Error('permission handlers missing')
    const details = { isMainFrame: true }
    expect(check(null, 'notifications', 'app://seasonwatch', details)).toBe(true)
    expect(check(null, 'notifications', 'app://seasonwatch/', details)).toBe(true)
    expect(check(null, 'notifications', 'https://evil.example', details)).toBe(false)
    expect(check(null, 'notifications', 'file:///', details)).toBe(false)
    expect(check(null, 'notifications', 'app://elsewhere', details)).toBe(false)
    for (const permission of ['geolocation', 'media', 'clipboard-read', 'openExternal', 'hid'])
      expect(check(null, permission, 'app://seasonwatch', details)).toBe(false)

    const granted: boolean[] = []
    const answer = (value: boolean) => granted.push(value)
    request({}, 'notifications', answer, { isMainFrame: true, requestingUrl: own })
    request({}, 'notifications', answer, { isMainFrame: true, requestingUrl: 'https://evil.example/' })
    request({}, 'notifications', answer, { isMainFrame: false, requestingUrl: own })
    request({}, 'media', answer, { isMainFrame: true, requestingUrl: own })
    expect(granted).toEqual([true, false, false, false])
  })

  it('opens the checked, re-serialised link, never the raw string', async () => {
    const window = fake.state.windows[0]
    fake.state.opened.length = 0
    window?.openHandler?.({ url: 'https://WWW.CoinGecko.com/en/coins/bitcoin?x=a b' })
    window?.openHandler?.({ url: 'https://www.coingecko.com\\@evil.example/' })
    expect(
      await invoke(own, 'app:open-external', { url: 'https://docs.coingecko.com:443/reference/intro' })
    ).toMatchObject({
      ok: true,
      data: { opened: true }
    })
    await vi.waitFor(() => expect(fake.state.opened).toHaveLength(3))
    // A backslash is a slash to the URL parser: what opens is the coingecko.com path it checked.
    expect(fake.state.opened).toEqual([
      'https://www.coingecko.com/en/coins/bitcoin?x=a%20b',
      'https://www.coingecko.com/@evil.example/',
      'https://docs.coingecko.com/reference/intro'
    ])
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
