import type { BrowserWindowConstructorOptions, Rectangle } from 'electron'

/**
 * The renderer's only permissions: its own scripts and styles, data and blob images, no remote code.
 * 'self' is the page's own origin: app://seasonwatch in the desktop app, the loopback address in
 * browser mode, the dev server while developing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

export interface WindowBounds {
  x?: number | undefined
  y?: number | undefined
  width: number
  height: number
  maximized?: boolean | undefined
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 820 }

export function mainWindowOptions(preloadPath: string, bounds: WindowBounds): BrowserWindowConstructorOptions {
  return {
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds.width,
    height: bounds.height,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Seasonwatch',
    autoHideMenuBar: true,
    backgroundColor: '#0f1115',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false
    }
  }
}

/** Keeps remembered bounds only when they still overlap a connected display. */
export function restoreBounds(saved: unknown, displays: Rectangle[]): WindowBounds {
  if (!saved || typeof saved !== 'object') return DEFAULT_BOUNDS
  const b = saved as Record<string, unknown>
  const width = typeof b.width === 'number' && b.width >= 600 ? Math.round(b.width) : DEFAULT_BOUNDS.width
  const height = typeof b.height === 'number' && b.height >= 400 ? Math.round(b.height) : DEFAULT_BOUNDS.height
  const maximized = b.maximized === true
  if (typeof b.x !== 'number' || typeof b.y !== 'number') return { width, height, maximized }
  const x = Math.round(b.x)
  const y = Math.round(b.y)
  const visible = displays.some(
    (d) => x < d.x + d.width - 50 && x + width > d.x + 50 && y >= d.y - 10 && y < d.y + d.height - 50
  )
  return visible ? { x, y, width, height, maximized } : { width, height, maximized }
}
