import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AppError } from '../../shared/errors'
import type { Core } from '../core/create-core'
import { CONTENT_SECURITY_POLICY } from '../ipc/window-options'
import { serveStatic } from './static-files'

export interface BrowserServerOptions {
  core: Core
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** 0 picks a free port. */
  port?: number
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number
  token?: string
}

export interface BrowserServer {
  url: string
  port: number
  token: string
  server: Server
  close(): Promise<void>
}

const HOST = '127.0.0.1'
const HEARTBEAT_MS = 15_000

const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}

/**
 * Browser mode: the built renderer and the same contract over HTTP, on loopback only. Every
 * request must carry the random token (query on the first visit, then an HttpOnly cookie, or a
 * Bearer header); the Host and Origin headers must name this server, which defeats DNS rebinding.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const { core, rendererDir } = options
  const token = options.token ?? randomBytes(24).toString('base64url')
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024
  const streams = new Set<ServerResponse>()
  let port = 0
  let cookieName = 'seasonwatch_token'

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      core.services.log.error('browser mode request failed', { error: String(error) })
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Request failed.' } })
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const allowedHosts = [`${HOST}:${port}`, `localhost:${port}`]
    if (!allowedHosts.includes(req.headers.host ?? '')) return sendText(res, 403, 'Forbidden: unexpected Host header.')
    const origin = req.headers.origin
    if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin)) {
      return sendText(res, 403, 'Forbidden: unexpected Origin.')
    }
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`)
    const queryToken = url.searchParams.get('token')

    if (!isAuthorized(req, queryToken)) {
      return sendText(
        res,
        401,
        'Unauthorized: open the address printed by "seasonwatch serve", which carries the access token.'
      )
    }
    if (queryToken !== null && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
      // Trade the token in the address for a cookie, and drop it from the address bar.
      res.writeHead(303, {
        ...securityHeaders,
        'Set-Cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname
      })
      res.end()
      return
    }

    if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(res)
    if (url.pathname.startsWith('/api/invoke/')) {
      if (req.method !== 'POST') return sendText(res, 405, 'Use POST.')
      const type = req.headers['content-type'] ?? ''
      if (!type.startsWith('application/json')) return sendText(res, 415, 'Send application/json.')
      const channel = decodeURIComponent(url.pathname.slice('/api/invoke/'.length))
      const body = await readBody(req, maxBody)
      if (body === null) return sendJson(res, 413, failure('VALIDATION', `Request larger than ${maxBody} bytes.`))
      let input: unknown
      try {
        input = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'))
      } catch {
        return sendJson(res, 400, failure('VALIDATION', 'Request body is not valid JSON.'))
      }
      const envelope = await core.dispatch(channel, input, { runtime: 'browser' })
      return sendJson(res, 200, envelope)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.')
    if (serveStatic(rendererDir, url.pathname, res, securityHeaders)) return
    // Client-side routes fall back to the app page.
    if (!url.pathname.includes('.') && serveStatic(rendererDir, '/', res, securityHeaders)) return
    sendText(res, 404, 'Not found.')
  }

  function isAuthorized(req: IncomingMessage, queryToken: string | null): boolean {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    const cookie = parseCookies(req.headers.cookie)[cookieName]
    return [queryToken, bearer, cookie].some((candidate) => candidate != null && sameSecret(candidate, token))
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive'
    })
    res.write(': connected\n\n')
    streams.add(res)
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS)
    heartbeat.unref()
    res.on('close', () => {
      clearInterval(heartbeat)
      streams.delete(res)
    })
  }

  const unsubscribe = core.events.onAny((name, payload) => {
    const frame = `data: ${JSON.stringify({ name, payload })}\n\n`
    for (const stream of streams) stream.write(frame)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  cookieName = `seasonwatch_token_${port}`

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    server,
    async close() {
      unsubscribe()
      for (const stream of streams) stream.end()
      streams.clear()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

function failure(code: AppError['code'], message: string) {
  return { ok: false, error: new AppError(code, message).toShape() }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store'
  })
  res.end(JSON.stringify(body))
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store'
  })
  res.end(text)
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        tooLarge = true
        chunks.length = 0
        return
      }
      if (!tooLarge) chunks.push(chunk)
    })
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function parseCookies(header: string | undefined): Record<string, string> {
  const result: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0) result[part.slice(0, eq).trim()] = part.slice(eq + 1).trim()
  }
  return result
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
