import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import type { ClientRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../../../src/main/core/create-core'
import type { Core } from '../../../src/main/core/create-core'
import { startBrowserServer } from '../../../src/main/server/browser-server'
import type { BrowserServer, BrowserServerOptions } from '../../../src/main/server/browser-server'

export interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

export interface RawOptions {
  method?: string
  headers?: Record<string, string>
  body?: string
}

/** A raw request, so that Host, Origin and Cookie can be set to anything. */
export function send(port: number, path: string, options: RawOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = open(port, path, options, resolve)
    req.on('error', reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

/**
 * Starts a request and hands it back unfinished, with the answer as a promise: for uploads that
 * are still streaming when the server answers. Socket errors after the answer are ignored.
 */
export function start(
  port: number,
  path: string,
  options: RawOptions = {}
): { req: ClientRequest; answer: Promise<Answer> } {
  let req: ClientRequest | undefined
  const answer = new Promise<Answer>((resolve, reject) => {
    req = open(port, path, options, resolve)
    req.on('error', reject)
  })
  answer.catch(() => undefined)
  if (!req) throw new Error('request not started')
  return { req, answer }
}

function open(port: number, path: string, options: RawOptions, resolve: (answer: Answer) => void): ClientRequest {
  return request(
    {
      host: '127.0.0.1',
      port,
      path,
      method: options.method ?? 'GET',
      headers: { Host: `127.0.0.1:${port}`, ...options.headers }
    },
    (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    }
  )
}

/** The answer, or 'no answer' once `ms` pass (a server that waits for the whole upload). */
export function within(answer: Promise<Answer>, ms: number): Promise<Answer | 'no answer'> {
  return Promise.race([answer, new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), ms))])
}

export interface Served {
  core: Core
  server: BrowserServer
  root: string
  stop(): Promise<void>
}

/** Browser mode on a temp data folder, over a tiny renderer (and a file outside it). */
export async function serve(options: Partial<BrowserServerOptions> = {}): Promise<Served> {
  const root = mkdtempSync(join(tmpdir(), 'seasonwatch-serve-'))
  const rendererDir = join(root, 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Seasonwatch</title>')
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer')
  const core = createCore({ dataDir: join(root, 'data'), runtime: 'browser' })
  const server = await startBrowserServer({ core, rendererDir, ...options })
  return {
    core,
    server,
    root,
    async stop() {
      await server.close()
      core.close()
      rmSync(root, { recursive: true, force: true })
    }
  }
}

/** Opens the printed address once, as a browser does, and returns the session cookie it got. */
export async function signIn(server: BrowserServer): Promise<string> {
  const answer = await send(server.port, new URL(server.url).pathname + new URL(server.url).search)
  const cookie = [answer.headers['set-cookie'] ?? []].flat()[0]
  if (answer.status !== 303 || !cookie) throw new Error(`sign-in failed: ${answer.status} ${answer.body}`)
  return cookie.split(';')[0] ?? ''
}
