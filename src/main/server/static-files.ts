import { createReadStream, existsSync, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json'
}

export function contentTypeOf(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The file of the built renderer an address path names ("/" is the app page), or null when the
 * path is malformed or leaves the folder. Shared by browser mode and the desktop app's app://
 * protocol, so both refuse traversal the same way.
 */
export function rendererFileFor(root: string, pathname: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const wanted = decoded === '/' ? 'index.html' : decoded.replace(/^[/\\]+/, '')
  const base = resolve(root)
  const file = resolve(join(base, wanted))
  const inside = relative(base, file)
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null
  return file
}

/** Serves a file from the built renderer; paths that leave the folder are refused. */
export function serveStatic(
  root: string,
  pathname: string,
  res: ServerResponse,
  headers: Record<string, string>
): boolean {
  const file = rendererFileFor(root, pathname)
  if (file === null || !existsSync(file) || !statSync(file).isFile()) return false
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeOf(file),
    'Cache-Control': file === resolve(root, 'index.html') ? 'no-store' : 'public, max-age=3600'
  })
  createReadStream(file).pipe(res)
  return true
}
