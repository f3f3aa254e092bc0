import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channels } from '../../../src/shared/contract'
import { MAX_BODY_BYTES } from '../../../src/main/server/request-body'
import { send, serve, signIn, start, within } from './raw-http'
import type { Served } from './raw-http'

// Request bodies are bounded while they stream: an upload over the limit is refused as soon as the
// server can tell, and the connection is closed so the rest is never read.

const LIMIT = 4096

let served: Served
let session: string

beforeAll(async () => {
  served = await serve({ maxBodyBytes: LIMIT })
  session = await signIn(served.server)
})

afterAll(async () => {
  await served.stop()
})

const headers = () => ({ 'Content-Type': 'application/json', Cookie: session })
const settingsSet = '/api/invoke/settings:set'

/** A settings write padded with spaces to exactly `bytes` bytes of valid JSON. */
function paddedSettings(historyDays: number, bytes: number): string {
  const core = JSON.stringify({ historyDays })
  return core + ' '.repeat(bytes - core.length)
}

describe('browser mode request bodies', () => {
  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    const { req, answer } = start(served.server.port, settingsSet, {
      method: 'POST',
      headers: { ...headers(), 'Content-Length': String(LIMIT * 1000) }
    })
    req.write('{"historyDays": 730')
    const result = await within(answer, 2_000)
    req.destroy()
    expect(result).not.toBe('no answer')
    if (result === 'no answer') return
    expect(result.status).toBe(413)
    expect(result.headers.connection).toBe('close')
    expect(JSON.parse(result.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(JSON.parse(result.body).error.message).toMatch(/larger than 4096 bytes/)
  })

  it('refuses a chunked body as soon as it passes the limit, without waiting for its end', async () => {
    const { req, answer } = start(served.server.port, settingsSet, {
      method: 'POST',
      headers: { ...headers(), 'Transfer-Encoding': 'chunked' }
    })
    req.on('error', () => undefined)
    for (let i = 0; i < 8; i += 1) req.write(' '.repeat(1024))
    const result = await within(answer, 2_000)
    req.destroy()
    expect(result).not.toBe('no answer')
    if (result === 'no answer') return
    expect(result.status).toBe(413)
    expect(result.headers.connection).toBe('close')
  })

  it('cuts off an upload that carries on after the refusal', async () => {
    const { req, answer } = start(served.server.port, settingsSet, {
      method: 'POST',
      headers: { ...headers(), 'Transfer-Encoding': 'chunked' }
    })
    const closed = new Promise<number>((resolve) => req.on('close', () => resolve(Date.now())))
    req.on('error', () => undefined)
    const chunk = ' '.repeat(64 * 1024)
    let sent = 0
    const pump = setInterval(() => {
      if (req.destroyed) return clearInterval(pump)
      req.write(chunk)
      sent += chunk.length
    }, 5)
    const result = await within(answer, 2_000)
    const refusedAt = Date.now()
    const closedAt = await Promise.race([closed, new Promise<null>((r) => setTimeout(() => r(null), 5_000))])
    clearInterval(pump)
    req.destroy()
    expect(result).not.toBe('no answer')
    expect(closedAt).not.toBeNull()
    expect((closedAt ?? Infinity) - refusedAt).toBeLessThan(3_000)
    expect(sent).toBeGreaterThan(LIMIT)
  })

  it('answers "Expect: 100-continue" over the limit with 413 and no go-ahead', async () => {
    const { req, answer } = start(served.server.port, settingsSet, {
      method: 'POST',
      headers: { ...headers(), 'Content-Length': String(LIMIT + 1), Expect: '100-continue' }
    })
    let toldToContinue = false
    req.on('continue', () => (toldToContinue = true))
    req.on('error', () => undefined)
    req.flushHeaders()
    const result = await within(answer, 2_000)
    req.destroy()
    expect(result).not.toBe('no answer')
    if (result !== 'no answer') expect(result.status).toBe(413)
    expect(toldToContinue).toBe(false)
  })

  it('accepts a body of exactly the limit, declared or chunked, and refuses one byte more', async () => {
    const exact = await send(served.server.port, settingsSet, {
      method: 'POST',
      headers: headers(),
      body: paddedSettings(400, LIMIT)
    })
    expect(JSON.parse(exact.body)).toMatchObject({ ok: true, data: { historyDays: 400 } })

    const chunked = start(served.server.port, settingsSet, {
      method: 'POST',
      headers: { ...headers(), 'Transfer-Encoding': 'chunked' }
    })
    const body = paddedSettings(500, LIMIT)
    chunked.req.write(body.slice(0, 1000))
    chunked.req.write(body.slice(1000))
    chunked.req.end()
    expect(JSON.parse((await chunked.answer).body)).toMatchObject({ ok: true, data: { historyDays: 500 } })

    const over = await send(served.server.port, settingsSet, {
      method: 'POST',
      headers: headers(),
      body: paddedSettings(600, LIMIT + 1)
    })
    expect(over.status).toBe(413)
    expect(served.core.services.settings.get().historyDays).toBe(500)
    // The server is still answering after the refusals.
    const info = await send(served.server.port, '/api/invoke/app:get-info', { method: 'POST', headers: headers() })
    expect(JSON.parse(info.body)).toMatchObject({ ok: true })
  })

  it('answers a malformed %-escape with 400, in a channel name or a page address', async () => {
    const call = await send(served.server.port, '/api/invoke/settings%E0%A4%A', {
      method: 'POST',
      headers: headers(),
      body: '{}'
    })
    expect(call.status).toBe(400)
    expect(JSON.parse(call.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(JSON.parse(call.body).error.message).toMatch(/malformed/)
    const page = await send(served.server.port, '/assets/%zz', { headers: { Cookie: session } })
    expect(page.status).toBe(400)
  })

  it('admits the largest import the contract allows, as JSON of a fully quoted CSV', () => {
    const maxText = channels['portfolio:confirm-import'].input.shape.text.maxLength ?? Infinity
    // The worst real shape: every field quoted, short fields, CRLF line ends (about 1.3x in JSON).
    const row = '"2024-03-01T10:00:00Z","buy","ETH","0.5","USD","1500"\r\n'
    const growth = Buffer.byteLength(JSON.stringify(row)) / row.length
    expect(MAX_BODY_BYTES).toBeGreaterThanOrEqual(Math.ceil(maxText * growth) + 1024)
    // ...and no more than twice the text, so memory stays bounded by the limit.
    expect(MAX_BODY_BYTES).toBeLessThanOrEqual(maxText * 2)
  })
})
