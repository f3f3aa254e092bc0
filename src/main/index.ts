import { join } from 'node:path'
import { writeFile } from 'node:fs/promises'
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, screen, session, shell } from 'electron'
import { IPC_EVENT } from '../shared/ipc'
import { allowedExternalHref } from '../shared/external-links'
import { createCore } from './core/create-core'
import type { Core } from './core/create-core'
import { defaultDataDir } from './core/data-dir'
import { stderrLogger } from './ports/deps'
import { createJsonStore } from './db/settings-repo'
import { APP_ENTRY_URL, APP_SCHEME, createOriginCheck, createPermissionHandlers } from './ipc/app-origin'
import { appScheme, createAppProtocolHandler } from './ipc/app-protocol'
import { createSenderCheck, registerIpc } from './ipc/register'
import { createSafeStorageSecrets } from './ipc/safe-storage-secrets'
import { createPdfSaver } from './ipc/save-pdf'
import { CONTENT_SECURITY_POLICY, mainWindowOptions, restoreBounds } from './ipc/window-options'

// Electron lifecycle only: everything the app does lives in the core.

const WINDOW_STATE_KEY = 'window-bounds'
const rendererDir = join(__dirname, '../renderer')
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined

// The window's page is served over app://seasonwatch (ipc/app-protocol.ts); the scheme's
// privileges must be registered before the app is ready.
protocol.registerSchemesAsPrivileged([appScheme])

let core: Core | null = null
let mainWindow: BrowserWindow | null = null

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Seasonwatch could not start:', error)
      app.exit(1)
    })
}

async function start(): Promise<void> {
  const log = stderrLogger(app.isPackaged ? 'info' : 'debug')
  const dataDir = process.env.SEASONWATCH_DATA_DIR ?? app.getPath('userData') ?? defaultDataDir()
  const appStateFor = (c: Core) => createJsonStore(c.services.db, 'app_state')
  core = createCore({
    dataDir,
    runtime: 'electron',
    log,
    secretsFromDb: (db) => createSafeStorageSecrets(safeStorage, createJsonStore(db, 'app_state'), Date.now),
    savePdf: createPdfSaver({ dialog, window: () => mainWindow, writeFile: (path, data) => writeFile(path, data) }),
    openExternal: async (url) => {
      const href = allowedExternalHref(url)
      if (href === null) return false
      await shell.openExternal(href)
      return true
    }
  })
  const appState = appStateFor(core)

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
  const permissions = createPermissionHandlers(createOriginCheck(devServerUrl))
  session.defaultSession.setPermissionRequestHandler(permissions.request)
  session.defaultSession.setPermissionCheckHandler(permissions.check)
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir))

  registerIpc(ipcMain, core.dispatch, createSenderCheck({ devServerUrl }))
  core.events.onAny((name, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_EVENT, name, payload)
  })
  // The index follows the market, alerts follow what they read, and the sync runs on start when
  // the data is stale, then every interval (a setting).
  core.start({ syncSchedule: true })

  const bounds = restoreBounds(
    appState.get(WINDOW_STATE_KEY),
    screen.getAllDisplays().map((d) => d.workArea)
  )
  mainWindow = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.js'), bounds))
  if (bounds.maximized) mainWindow.maximize()
  const window = mainWindow

  window.on('ready-to-show', () => window.show())
  window.on('close', () => {
    appState.set({ [WINDOW_STATE_KEY]: { ...window.getNormalBounds(), maximized: window.isMaximized() } }, Date.now())
  })
  window.on('closed', () => {
    mainWindow = null
  })

  // No navigation away from the app and no new windows; allow-listed https links open outside.
  window.webContents.on('will-navigate', (event) => event.preventDefault())
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  window.webContents.setWindowOpenHandler(({ url }) => {
    const href = allowedExternalHref(url)
    if (href !== null) void shell.openExternal(href)
    return { action: 'deny' }
  })

  await window.loadURL(devServerUrl ?? APP_ENTRY_URL)
}

app.on('window-all-closed', () => {
  app.quit()
})

app.on('will-quit', () => {
  core?.close()
  core = null
})
