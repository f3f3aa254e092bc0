import { createServer } from 'node:http'
import type { IncomingHttpHeaders, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../../src/main/ports/deps'
import { createUpdateChecker, LATEST_RELEASE_URL } from '../../../src/main/updates/update-check'
import type { UpdateCheckDeps } from '../../../src/main/updates/update-check'

// A loopback server stands in for GitHub's releases API and records every request exactly as it
// arrives, so what an update check sends is checked on the wire, not on the code's intent.

interface Seen {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

let server: Server
let base: string
let seen: Seen[] = []
/** What the next request gets: status, body, extra headers. */
let reply: { status: number; body: string; headers?: Record<string, string> } = { status: 200, body: '{}' }

const release = (tag: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    url: 'https://api.github.com/repos/seasonwatch/seasonwatch/releases/1',
    html_url: `https://github.com/seasonwatch/seasonwatch/releases/tag/${tag}`,
    tag_name: tag,
    name: `Seasonwatch ${tag}`,
    draft: false,
    prerelease: false,
    published_at: '2026-11-30T10:00:00Z',
    assets: [{ name: `Seasonwatch-Setup-${tag.slice(1)}.exe`, size: 98_000_000 }],
    ...extra
  })

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body })
      response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
      response.end(reply.body)
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((done) => server.close(() => done())))

beforeEach(() => {
  seen = []
  reply = { status: 200, body: release('v0.2.0') }
})

function checker(overrides: Partial<UpdateCheckDeps> = {}) {
  let clock = Date.parse('2026-12-02T08:00:00Z')
  const enabled = { value: true }
  const deps: UpdateCheckDeps = {
    fetch: globalThis.fetch.bind(globalThis),
    version: '0.1.0',
    now: () => clock,
    enabled: () => enabled.value,
    log: silentLogger,
    url: `${base}/repos/seasonwatch/seasonwatch/releases/latest`,
    ...overrides
  }
  return { updates: createUpdateChecker(deps), enabled, advance: (ms: number) => (clock += ms) }
}

describe('the update check', () => {
  it('asks nothing at all while the setting is off', async () => {
    const { updates, enabled } = checker()
    enabled.value = false
    const result = await updates.check({ now: true })
    expect(result).toMatchObject({ status: 'off', current: '0.1.0', latest: null, checkedAt: null })
    expect(seen).toEqual([])
  })

  it('sends one GET with no query, no body, no cookie: the Accept and User-Agent headers and what fetch adds', async () => {
    const { updates } = checker()
    await updates.check()
    expect(seen).toHaveLength(1)
    const [request] = seen as [Seen]
    expect(request.method).toBe('GET')
    expect(request.url).toBe('/repos/seasonwatch/seasonwatch/releases/latest')
    expect(request.body).toBe('')
    expect(request.headers).toEqual({
      host: base.slice('http://'.length),
      accept: 'application/vnd.github+json',
      'user-agent': 'Seasonwatch/0.1.0',
      // Added by Node's fetch itself (undici), listed in the README as sent (over https it also offers br).
      'accept-language': '*',
      'sec-fetch-mode': 'cors',
      'accept-encoding': 'gzip, deflate',
      connection: 'keep-alive'
    })
  })

  it('says a newer version is available, with a link to its release page', async () => {
    const { updates } = checker()
    expect(await updates.check()).toEqual({
      status: 'available',
      current: '0.1.0',
      latest: '0.2.0',
      url: 'https://github.com/seasonwatch/seasonwatch/releases/tag/v0.2.0',
      message: 'Version 0.2.0 is available.',
      checkedAt: '2026-12-02T08:00:00.000Z'
    })
  })

  it('says the app is up to date when the latest release is this version or older, or a pre-release', async () => {
    for (const [tag, extra] of [
      ['v0.1.0', {}],
      ['v0.0.9', {}],
      ['v0.1.0-rc.1', {}],
      ['v0.3.0', { prerelease: true }]
    ] as const) {
      reply = { status: 200, body: release(tag, extra) }
      const result = await checker().updates.check()
      expect(result.status, tag).toBe('current')
      expect(result.message).toBe('Seasonwatch 0.1.0 is up to date.')
    }
  })

  it('orders versions by number, not as text', async () => {
    reply = { status: 200, body: release('v0.10.0') }
    expect(await checker({ version: '0.9.3' }).updates.check()).toMatchObject({
      status: 'available',
      latest: '0.10.0'
    })
    expect(await checker({ version: '0.2.0-beta.1' }).updates.check()).toMatchObject({ status: 'available' })
  })

  it('reuses an answer for hours, and asks again on "Check now"', async () => {
    const { updates, advance } = checker()
    await updates.check()
    advance(60 * 60_000)
    await updates.check()
    expect(seen).toHaveLength(1)
    await updates.check({ now: true })
    expect(seen).toHaveLength(2)
    advance(7 * 3_600_000)
    await updates.check()
    expect(seen).toHaveLength(3)
  })

  it('links only to Seasonwatch’s own release pages, whatever the answer names', async () => {
    reply = { status: 200, body: release('v0.2.0', { html_url: 'https://evil.test/seasonwatch/releases/tag/v0.2.0' }) }
    expect((await checker().updates.check()).url).toBe('https://github.com/seasonwatch/seasonwatch/releases/latest')
  })

  it('answers in plain words when GitHub cannot say', async () => {
    const cases: [typeof reply, string][] = [
      [{ status: 404, body: '{"message":"Not Found"}' }, 'No release has been published yet.'],
      [
        { status: 403, body: '{"message":"API rate limit exceeded"}' },
        'GitHub is limiting requests from this network for now; try again in an hour.'
      ],
      [{ status: 502, body: 'Bad gateway' }, 'GitHub answered HTTP 502.'],
      [{ status: 200, body: '<html>captive portal</html>' }, 'GitHub’s answer was not a release.'],
      [
        { status: 200, body: release('nightly') },
        'The latest release is tagged nightly, which is not a version number.'
      ],
      [
        { status: 200, body: `{"tag_name":"v9.9.9","html_url":"x","padding":"${'x'.repeat(1_100_000)}"}` },
        'GitHub’s answer was too large to be a release; nothing was read from it.'
      ],
      [
        { status: 302, body: '', headers: { location: 'https://elsewhere.test/latest' } },
        'GitHub answered with a redirect to another address, which the update check does not follow.'
      ]
    ]
    for (const [answer, message] of cases) {
      reply = answer
      expect(await checker().updates.check(), message).toMatchObject({ status: 'failed', latest: null, message })
    }
  })

  it('says so when GitHub cannot be reached or does not answer in time', async () => {
    // A port that was just free: nothing listens on it.
    const probe = createServer()
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done))
    const freePort = (probe.address() as AddressInfo).port
    await new Promise<void>((done) => probe.close(() => done()))
    const closed = checker({ url: `http://127.0.0.1:${freePort}/repos/seasonwatch/seasonwatch/releases/latest` })
    expect((await closed.updates.check()).message).toBe(
      'GitHub could not be reached (ECONNREFUSED): check the internet connection.'
    )
    const silent = createServer(() => undefined)
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done))
    const port = (silent.address() as AddressInfo).port
    try {
      const slow = checker({ url: `http://127.0.0.1:${port}/latest`, timeoutMs: 300 })
      expect((await slow.updates.check()).message).toBe('GitHub did not answer within 300 ms.')
    } finally {
      silent.closeAllConnections()
      silent.close()
    }
  })

  it('asks GitHub’s API over https by default and refuses any other host', () => {
    expect(LATEST_RELEASE_URL).toBe('https://api.github.com/repos/seasonwatch/seasonwatch/releases/latest')
    for (const url of ['http://api.github.com/x', 'https://github.com.evil.test/x', 'https://example.com/latest'])
      expect(() => checker({ url }), url).toThrow(/asks only api.github.com/)
  })
})
