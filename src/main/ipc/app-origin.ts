import type { Session } from 'electron'

/**
 * The desktop window's own origin. The renderer is served over a custom protocol rather than
 * file://, so the page has a real origin of its own (file:// pages share one with every local
 * file) and the file-protocol privileges can be switched off by a fuse (electron-builder.yml).
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'seasonwatch'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * scheme://host[:port] of an address, or null. Written out by hand because Node's URL gives
 * "null" as the origin of any scheme it does not know, app: included.
 */
export function originOf(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  return url.host === '' ? null : `${url.protocol}//${url.host}`
}

/**
 * True for an address on the app's own origin: app://seasonwatch, or the dev server while
 * developing. Scheme, host and port must all match; a file:// address never does.
 */
export function createOriginCheck(devServerUrl?: string): (raw: string) => boolean {
  const trusted = new Set([APP_ORIGIN])
  const dev = devServerUrl ? originOf(devServerUrl) : null
  if (dev) trusted.add(dev)
  return (raw) => {
    const origin = originOf(raw)
    return origin !== null && trusted.has(origin)
  }
}

type RequestHandler = NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>
type CheckHandler = NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>

/**
 * The window may ask for one permission, notifications (alerts), and only from its own origin and
 * top-level page. Chromium asks twice: once when a page requests a permission and whenever it
 * checks one (Notification.permission), so both handlers apply the same rule.
 */
export function createPermissionHandlers(isAppOrigin: (raw: string) => boolean): {
  request: RequestHandler
  check: CheckHandler
} {
  const allowed = (permission: string, origin: string | undefined) =>
    permission === 'notifications' && origin !== undefined && isAppOrigin(origin)
  return {
    request: (_contents, permission, callback, details) =>
      callback(details.isMainFrame && allowed(permission, details.requestingUrl)),
    check: (_contents, permission, requestingOrigin) => allowed(permission, requestingOrigin)
  }
}
