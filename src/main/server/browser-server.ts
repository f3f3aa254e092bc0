import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AppError } from '../../shared/errors'
import type { Core } from '../core/create-core'
import { CONTENT_SECURITY_POLICY } from '../ipc/window-options'
import { createAccessGate } from './access-gate'
import type { AccessGate } from './access-gate'
import { MAX_BODY_BYTES, closeAfterAnswer, readBody } from './request-body'
import { serveStatic } from './static-files'

export interface BrowserServerOptions {
  core: Core
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** 0 picks a free port. */
  port?: number
  /** Largest request body accepted, in bytes (default MAX_BODY_BYTES). */
  maxBodyBytes?: number
  /** The one-time address token (random by default). */
  token?: string
}

export interface BrowserServer {
  /** The address to open once; it carries the one-time token. */
  url: string
  port: number
  token: string
  /** The session cookie's name, which carries the port. */
  cookieName: string
  server: Server
  close(): Promise<void>
}

const HOST = '127.0.0.1'
const HEARTBEAT_MS = 15_000

const UNAUTHORIZED =
  'Unauthorized: open the address printed by "seasonwatch serve", which carries a one-time access token.'
const TOKEN_USED = [
  'This address has already been used: its access token works only once.',
  'If Seasonwatch is open in another browser window or tab, carry on there.',
  'Otherwise stop "seasonwatch serve" (Ctrl-C), start it again, and open the new address it prints.'
].join('\n')

const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}

/**
 * Browser mode: the built renderer and the same contract over HTTP, on loopback only. The printed
 * address's token is traded once for a session cookie (access-gate.ts), and every other request
 * must carry that cookie; the Host and Origin headers must name this server, which defeats DNS
 * rebinding. Bodies are bounded while they stream (request-body.ts).
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const { core, rendererDir } = options
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES
  const streams = new Set<ServerResponse>()
  let port = 0
  // Made once the port is known (the cookie is named for it); no request arrives before that.
  let gate: AccessGate | null = null

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      core.services.log.error('browser mode request failed', { error: String(error) })
      if (!res.headersSent) sendJson(req, res, 500, failure('INTERNAL', 'Request failed.'))
      else res.destroy()
    })
  }
  const server = createServer(onRequest)
  // A client that asks before uploading ("Expect: 100-continue") is told to go on only once the
  // request passed every check, so a refused upload is never sent at all.
  server.on('checkContinue', onRequest)

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const allowedHosts = [`${HOST}:${port}`, `localhost:${port}`]
    if (!allowedHosts.includes(req.headers.host ?? ''))
      return sendText(req, res, 403, 'Forbidden: unexpected Host header.')
    const origin = req.headers.origin
    if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin)) {
      return sendText(req, res, 403, 'Forbidden: unexpected Origin.')
    }
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`)
    const pathname = decodePath(url.pathname)
    if (pathname === null) {
      const message = 'The address has a malformed %-escape.'
      if (url.pathname.startsWith('/api/')) return sendJson(req, res, 400, failure('VALIDATION', message))
      return sendText(req, res, 400, message)
    }
    if (!gate) return sendText(req, res, 503, 'Starting up.')

    const queryToken = url.searchParams.get('token')
    if (queryToken !== null && req.method === 'GET' && !pathname.startsWith('/api/')) {
      return tradeToken(req, res, gate, queryToken, url.pathname)
    }
    if (!gate.hasSession(req)) return sendText(req, res, 401, UNAUTHORIZED)

    if (pathname === '/api/events' && req.method === 'GET') return openEventStream(res)
    if (pathname.startsWith('/api/invoke/')) {
      if (req.method !== 'POST') return sendText(req, res, 405, 'Use POST.')
      const type = req.headers['content-type'] ?? ''
      if (!type.startsWith('application/json')) return sendText(req, res, 415, 'Send application/json.')
      const channel = pathname.slice('/api/invoke/'.length)
      if (req.headers.expect?.toLowerCase() === '100-continue' && !tooLarge(req, maxBody)) res.writeContinue()
      const read = await readBody(req, maxBody)
      if (!read.ok && read.reason === 'aborted') return void res.destroy()
      if (!read.ok) return sendJson(req, res, 413, failure('VALIDATION', tooLargeMessage(maxBody)))
      let input: unknown
      try {
        input = read.body.length === 0 ? undefined : JSON.parse(read.body.toString('utf8'))
      } catch {
        return sendJson(req, res, 400, failure('VALIDATION', 'Request body is not valid JSON.'))
      }
      const envelope = await core.dispatch(channel, input, { runtime: 'browser' })
      return sendJson(req, res, 200, envelope)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(req, res, 405, 'Method not allowed.')
    if (serveStatic(rendererDir, url.pathname, res, securityHeaders)) return
    // Client-side routes fall back to the app page.
    if (!pathname.includes('.') && serveStatic(rendererDir, '/', res, securityHeaders)) return
    sendText(req, res, 404, 'Not found.')
  }

  /** The first visit trades the token for a session cookie and drops it from the address bar. */
  function tradeToken(req: IncomingMessage, res: ServerResponse, gate: AccessGate, token: string, path: string) {
    // A browser that already holds the session (the printed address opened again) just goes in.
    const headers: Record<string, string> = { ...securityHeaders, 'Cache-Control': 'no-store', Location: path }
    if (!gate.hasSession(req)) {
      const traded = gate.exchange(token)
      if (!traded.ok) return sendText(req, res, 401, traded.reason === 'token-used' ? TOKEN_USED : UNAUTHORIZED)
      headers['Set-Cookie'] = traded.cookie
    }
    res.writeHead(303, headers)
    res.end()
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
  const ready = createAccessGate(port, options.token)
  gate = ready

  return {
    url: `http://${HOST}:${port}/?token=${ready.token}`,
    port,
    token: ready.token,
    cookieName: ready.cookieName,
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

function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  closeAfterAnswer(req, res)
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store'
  })
  res.end(JSON.stringify(body))
}

function sendText(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  closeAfterAnswer(req, res)
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store'
  })
  res.end(text)
}

/** The path with its %-escapes decoded, or null when one is malformed. */
function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname)
  } catch {
    return null
  }
}

function tooLarge(req: IncomingMessage, limit: number): boolean {
  return Number(req.headers['content-length'] ?? 0) > limit
}

function tooLargeMessage(limit: number): string {
  const mb = Math.floor(limit / (1024 * 1024))
  return mb >= 1
    ? `The request is larger than ${mb} MB, more than Seasonwatch reads at once (an import file may hold up to 64 MB of text).`
    : `The request is larger than ${limit} bytes.`
}
