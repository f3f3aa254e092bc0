import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppProtocolHandler } from '../../../src/main/ipc/app-protocol'
import { createOriginCheck, originOf } from '../../../src/main/ipc/app-origin'

let root: string
let serve: (request: Request) => Promise<Response>

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'seasonwatch-app-protocol-'))
  const renderer = join(root, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Seasonwatch</title>')
  writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'export const x = 1')
  writeFileSync(join(renderer, 'assets', 'index-abc.css'), 'body{}')
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer')
  writeFileSync(join(root, 'renderer-evil.txt'), 'beside the renderer')
  serve = createAppProtocolHandler(renderer)
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('the app:// protocol', () => {
  it('serves the renderer folder with content types and the CSP', async () => {
    const page = await serve(new Request('app://seasonwatch/index.html'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await page.text()).toContain('<title>Seasonwatch</title>')
    expect(await (await serve(new Request('app://seasonwatch/'))).text()).toContain('<title>')
    const script = await serve(new Request('app://seasonwatch/assets/index-abc.js'))
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toBe('export const x = 1')
    expect((await serve(new Request('app://seasonwatch/assets/index-abc.css'))).headers.get('content-type')).toMatch(
      /^text\/css/
    )
    const head = await serve(new Request('app://seasonwatch/index.html', { method: 'HEAD' }))
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('refuses every path out of the folder, and other hosts, methods and missing files', async () => {
    const refused = [
      'app://seasonwatch/../secret.txt',
      'app://seasonwatch/%2e%2e/secret.txt',
      'app://seasonwatch/..%2fsecret.txt',
      'app://seasonwatch/assets/..%2f..%2fsecret.txt',
      'app://seasonwatch/%2e%2e%2fsecret.txt',
      'app://seasonwatch/..%2frenderer-evil.txt',
      'app://seasonwatch/..%5csecret.txt',
      'app://seasonwatch/%2fetc%2fpasswd',
      'app://seasonwatch//etc/passwd',
      'app://seasonwatch/index.html%00.js',
      'app://seasonwatch/%E0%A4%A',
      'app://seasonwatch/assets',
      'app://seasonwatch/missing.js',
      'app://other/index.html',
      'app://seasonwatch:81/index.html'
    ]
    for (const address of refused) {
      const answer = await serve(new Request(address))
      expect(answer.status, address).toBe(404)
      expect(await answer.text(), address).toBe('')
    }
    expect((await serve(new Request('app://seasonwatch/index.html', { method: 'POST', body: 'x' }))).status).toBe(405)
  })
})

describe('the app origin', () => {
  it('is written out for custom schemes, which Node calls "null"', () => {
    expect(new URL('app://seasonwatch/x').origin).toBe('null')
    expect(originOf('app://seasonwatch/index.html#/a')).toBe('app://seasonwatch')
    expect(originOf('http://localhost:5173/x')).toBe('http://localhost:5173')
    expect(originOf('file:///tmp/x')).toBeNull()
    expect(originOf('nonsense')).toBeNull()
  })

  it('is app://seasonwatch, plus the dev server only when one is given', () => {
    const packaged = createOriginCheck()
    expect(packaged('app://seasonwatch')).toBe(true)
    expect(packaged('http://localhost:5173')).toBe(false)
    const dev = createOriginCheck('http://localhost:5173/')
    expect(dev('http://localhost:5173')).toBe(true)
    expect(dev('http://localhost:5173/#/x')).toBe(true)
    expect(dev('http://localhost:5174')).toBe(false)
  })
})
