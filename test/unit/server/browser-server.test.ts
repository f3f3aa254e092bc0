import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'node:http'
import { send as sendTo, serve, signIn } from './raw-http'
import type { RawOptions, Served } from './raw-http'

let served: Served
let session: string

beforeAll(async () => {
  served = await serve({ maxBodyBytes: 4096 })
  session = await signIn(served.server)
})

afterAll(async () => {
  await served.stop()
})

const send = (path: string, options?: RawOptions) => sendTo(served.server.port, path, options)
const auth = () => ({ Cookie: session })
const json = { 'Content-Type': 'application/json' }

describe('browser mode server', () => {
  it('listens on loopback only and prints an address with the token', () => {
    expect(served.server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${served.server.port}/\\?token=`))
    expect(served.server.token.length).toBeGreaterThanOrEqual(32)
  })

  it('answers 401 without the session, for pages and calls alike', async () => {
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

  it('serves the app page to the session, with its security headers', async () => {
    const page = await send('/', { headers: auth() })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Seasonwatch</title>')
    expect(page.headers['content-security-policy']).toContain("default-src 'self'")
  })

  it('refuses a foreign Host or Origin even with the session (DNS rebinding)', async () => {
    expect((await send('/', { headers: { ...auth(), Host: `evil.example:${served.server.port}` } })).status).toBe(403)
    const cross = await send('/api/invoke/app:get-info', {
      method: 'POST',
      headers: { ...auth(), ...json, Origin: 'http://evil.example' },
      body: '{}'
    })
    expect(cross.status).toBe(403)
    const sameOrigin = await send('/api/invoke/app:get-info', {
      method: 'POST',
      headers: { ...auth(), ...json, Origin: `http://127.0.0.1:${served.server.port}` },
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
    expect(served.core.services.settings.get().historyDays).toBe(730)
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
          port: served.server.port,
          path: '/api/events',
          headers: { Host: `127.0.0.1:${served.server.port}`, ...auth() }
        },
        (res) => {
          let text = ''
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString()
            if (text.includes(': connected') && !text.includes('settings:changed'))
              served.core.services.settings.set({ theme: 'dark' })
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
