import { afterEach, describe, expect, it } from 'vitest'
import { send, serve } from './raw-http'
import type { Served } from './raw-http'

// The printed address works once: its token is traded for a random session kept in a cookie named
// for the port; afterwards neither the address nor the token opens anything.

const running: Served[] = []

afterEach(async () => {
  for (const served of running.splice(0)) await served.stop()
})

async function started(): Promise<Served> {
  const served = await serve()
  running.push(served)
  return served
}

function addressPath(url: string): string {
  const parsed = new URL(url)
  return parsed.pathname + parsed.search
}

function parseSetCookie(header: string | string[] | undefined) {
  const raw = [header ?? []].flat()[0] ?? ''
  const [pair = '', ...attributes] = raw.split(';').map((part) => part.trim())
  const eq = pair.indexOf('=')
  return { pair, name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes }
}

const json = { 'Content-Type': 'application/json' }

describe('browser mode access', () => {
  it('trades the address token once for a random session in a cookie named for the port', async () => {
    const { server } = await started()
    const first = await send(server.port, addressPath(server.url))
    expect(first.status).toBe(303)
    expect(first.headers.location).toBe('/')
    const cookie = parseSetCookie(first.headers['set-cookie'])
    expect(cookie.name).toBe(`sw_session_${server.port}`)
    expect(server.cookieName).toBe(cookie.name)
    expect(cookie.value).not.toBe(server.token)
    expect(cookie.value.length).toBeGreaterThanOrEqual(32)
    expect(cookie.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']))

    // The cookie alone opens the app, and keeps doing so: a reload works.
    for (let i = 0; i < 2; i += 1) {
      const page = await send(server.port, '/', { headers: { Cookie: cookie.pair } })
      expect(page.status).toBe(200)
      expect(page.body).toContain('<title>Seasonwatch</title>')
    }
    const call = await send(server.port, '/api/invoke/app:get-info', {
      method: 'POST',
      headers: { ...json, Cookie: cookie.pair },
      body: ''
    })
    expect(JSON.parse(call.body)).toMatchObject({ ok: true, data: { runtime: 'browser' } })
  })

  it('refuses the same address in a fresh browser, saying how to get a new one', async () => {
    const { server } = await started()
    const first = await send(server.port, addressPath(server.url))
    expect(first.status).toBe(303)

    const second = await send(server.port, addressPath(server.url))
    expect(second.status).toBe(401)
    expect(second.headers['set-cookie']).toBeUndefined()
    expect(second.headers['content-type']).toMatch(/^text\/plain/)
    expect(second.body).toMatch(/already been used/)
    expect(second.body).toMatch(/seasonwatch serve/)
    expect(second.body).not.toContain(server.token)
  })

  it('lets the browser that holds the session open the printed address again', async () => {
    const { server } = await started()
    const cookie = parseSetCookie((await send(server.port, addressPath(server.url))).headers['set-cookie'])
    const again = await send(server.port, addressPath(server.url), { headers: { Cookie: cookie.pair } })
    expect(again.status).toBe(303)
    expect(again.headers.location).toBe('/')
    expect(again.headers['set-cookie']).toBeUndefined()
  })

  it('never takes the address token itself as a credential, before or after the trade', async () => {
    const { server, core } = await started()
    const { token, port } = server
    const asToken: Record<string, string>[] = [
      { Cookie: `sw_session_${port}=${token}` },
      { Cookie: `seasonwatch_token_${port}=${token}` },
      { Authorization: `Bearer ${token}` }
    ]
    for (const headers of asToken) {
      expect((await send(port, '/', { headers })).status).toBe(401)
      const write = await send(port, '/api/invoke/settings:set', {
        method: 'POST',
        headers: { ...json, ...headers },
        body: JSON.stringify({ historyDays: 730 })
      })
      expect(write.status).toBe(401)
    }
    // In the query of a call, the token opens nothing either (and is not spent by it).
    const queried = await send(port, `/api/invoke/settings:set?token=${token}`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ historyDays: 730 })
    })
    expect(queried.status).toBe(401)
    expect(core.services.settings.get().historyDays).not.toBe(730)
    expect((await send(port, addressPath(server.url))).status).toBe(303)
    for (const headers of asToken) expect((await send(port, '/', { headers })).status).toBe(401)
  })

  it('keeps two servers apart: one server refuses the other one’s session', async () => {
    const a = await started()
    const b = await started()
    const cookieA = parseSetCookie((await send(a.server.port, addressPath(a.server.url))).headers['set-cookie'])
    const cookieB = parseSetCookie((await send(b.server.port, addressPath(b.server.url))).headers['set-cookie'])
    expect(cookieA.name).not.toBe(cookieB.name)
    expect(cookieA.value).not.toBe(cookieB.value)
    // Browsers send every localhost cookie to every port: b receives both and knows only its own.
    const both = `${cookieA.pair}; ${cookieB.pair}`
    expect((await send(b.server.port, '/', { headers: { Cookie: both } })).status).toBe(200)
    expect((await send(b.server.port, '/', { headers: { Cookie: cookieA.pair } })).status).toBe(401)
    const forged = `${cookieB.name}=${cookieA.value}`
    expect((await send(b.server.port, '/', { headers: { Cookie: forged } })).status).toBe(401)
  })

  it('answers a wrong token as unauthorized without spending the real one', async () => {
    const { server } = await started()
    const wrong = await send(server.port, '/?token=wrong')
    expect(wrong.status).toBe(401)
    expect(wrong.body).not.toMatch(/already been used/)
    expect((await send(server.port, addressPath(server.url))).status).toBe(303)
  })
})
