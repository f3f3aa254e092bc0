import { readFile, stat } from 'node:fs/promises'
import type { CustomScheme } from 'electron'
import { contentTypeOf, rendererFileFor } from '../server/static-files'
import { APP_HOST, APP_SCHEME } from './app-origin'
import { CONTENT_SECURITY_POLICY } from './window-options'

/**
 * Registered before `ready`: a standard scheme gets a real origin (app://seasonwatch) with relative
 * URLs and module scripts working as on the web; secure makes it a secure context like https.
 */
export const appScheme: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true }
}

const baseHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache'
}

/**
 * Serves app://seasonwatch/… from the built renderer folder (inside the asar archive once
 * packaged). Any other host, a path that leaves the folder, or a missing file is a 404.
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      return refuse(400)
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404)
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405)
    const file = rendererFileFor(rendererDir, url.pathname)
    if (file === null) return refuse(404)
    try {
      if (!(await stat(file)).isFile()) return refuse(404)
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file))
      return new Response(body, { status: 200, headers: { ...baseHeaders, 'Content-Type': contentTypeOf(file) } })
    } catch {
      return refuse(404)
    }
  }
}

function refuse(status: number): Response {
  return new Response(null, { status, headers: baseHeaders })
}
