import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core/create-core'
import type { Core } from '../../../src/main/core/create-core'
import { startBrowserServer } from '../../../src/main/server/browser-server'
import type { BrowserServer } from '../../../src/main/server/browser-server'

let root: string
let core: Core
let server: BrowserServer

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'seasonwatch-serve-'))
  const rendererDir = join(root, 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Seasonwatch</title>')
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer')
  core = createCore({ dataDir: join(root, 'data'), runtime: 'browser' })
  server = await startBrowserServer({ core, rendererDir, maxBodyBytes: 4096 })
})

afterAll(async () => {
  await server.close()
  core.close()
  rmSync(root, { recursive: true, force: true })
})

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw request, so that Host and Origin can be set to anything. */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: `127.0.0.1:${server.port}`, ...options.headers }
      },
      (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      }
    )
    req.on('error', reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

const auth = () => ({ Authorization: `Bearer ${server.token}` })
const json = { 'Content-Type': 'application/json' }

describe('browser mode server', () => {
  it('listens on loopback only and prints an address with the token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=`))
    expect(server.token.length).toBeGreaterThanOrEqual(32)
  })

  it('answers 401 without the token, for pages and calls alike', async () => {
    expect((await send('/')).status).toBe(401)
    expect((await send('/api/invoke/app:get-info', { method: 'POST', headers: json, body: '{}' })).status).toBe(401)
    expect((await send('/?token=wrong')).status).toBe(401)
    expect(
      (
        await send('/api/invoke/app:get-info', {
          method: 'POST',
          headers: { ...json, Authorization: 'Bearer nope' },
          body: '{}'
        })
      ).status
    ).toBe(401)
  })

  it('trades the token in the address for an HttpOnly cookie that then works alone', async () => {
    const first = await send(`/?token=${server.token}`)
    expect(first.status).toBe(303)
    expect(first.headers.location).toBe('/')
    const cookie = String(first.headers['set-cookie'])
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const page = await send('/', { headers: { Cookie: cookie.split(';')[0] ?? '' } })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Seasonwatch</title>')
    expect(page.headers['content-security-policy']).toContain("default-src 'self'")
  })

  it('refuses a foreign Host or Origin even with the token (DNS rebinding)', async () => {
    expect((await send('/', { headers: { ...auth(), Host: `evil.example:${server.port}` } })).status).toBe(403)
    const cross = await send('/api/invoke/app:get-info', {
      method: 'POST',
      headers: { ...auth(), ...json, Origin: 'http://evil.example' },
      body: '{}'
    })
    expect(cross.status).toBe(403)
    const sameOrigin = await send('/api/invoke/app:get-info', {
      method: 'POST',
      headers: { ...auth(), ...json, Origin: `http://127.0.0.1:${server.port}` },
      body: '{}'
    })
    expect(sameOrigin.status).toBe(200)
  })

  it('answers the contract with envelopes', async () => {
    const info = await send('/api/invoke/app:get-info', { method: 'POST', headers: { ...auth(), ...json }, body: '' })
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, data: { runtime: 'browser', name: 'Seasonwatch' } })
    const saved = await send('/api/invoke/settings:set', {
      method: 'POST',
      headers: { ...auth(), ...json },
      body: JSON.stringify({ historyDays: 730 })
    })
    expect(JSON.parse(saved.body)).toMatchObject({ ok: true, data: { historyDays: 730 } })
    const bad = await send('/api/invoke/settings:set', {
      method: 'POST',
      headers: { ...auth(), ...json },
      body: JSON.stringify({ historyDays: 'forever' })
    })
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(core.services.settings.get().historyDays).toBe(730)
  })

  it('refuses malformed, oversized and non-JSON requests', async () => {
    expect(
      (
        await send('/api/invoke/settings:set', {
          method: 'POST',
          headers: { ...auth(), ...json },
          body: '{"historyDays":'
        })
      ).status
    ).toBe(400)
    expect(
      (
        await send('/api/invoke/settings:set', {
          method: 'POST',
          headers: { ...auth(), ...json },
          body: `{"x":"${'a'.repeat(5000)}"}`
        })
      ).status
    ).toBe(413)
    expect(
      (
        await send('/api/invoke/settings:set', {
          method: 'POST',
          headers: { ...auth(), 'Content-Type': 'text/plain' },
          body: '{}'
        })
      ).status
    ).toBe(415)
    expect((await send('/api/invoke/app:get-info', { headers: auth() })).status).toBe(405)
  })

  it('never serves files outside the renderer', async () => {
    expect((await send('/assets/app.js', { headers: auth() })).status).toBe(200)
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt'
    ]) {
      const answer = await send(path, { headers: auth() })
      expect(answer.body).not.toContain('outside the renderer')
    }
  })

  it('pushes core events to the event stream', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/events',
          headers: { Host: `127.0.0.1:${server.port}`, ...auth() }
        },
        (res) => {
          let text = ''
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString()
            if (text.includes(': connected') && !text.includes('settings:changed'))
              core.services.settings.set({ theme: 'dark' })
            if (text.includes('data:changed')) {
              req.destroy()
              resolve(text)
            }
          })
        }
      )
      req.on('error', (error) => (error.message.includes('aborted') ? undefined : reject(error)))
      req.end()
    })
    const frames = received
      .split('\n\n')
      .filter((f) => f.startsWith('data: '))
      .map((f) => JSON.parse(f.slice(6)) as { name: string; payload: unknown })
    expect(frames[0]).toMatchObject({ name: 'settings:changed', payload: { theme: 'dark' } })
    expect(frames[1]).toEqual({ name: 'data:changed', payload: { topics: ['settings'] } })
  })
})
