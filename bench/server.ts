// Browser mode under large uploads (issue 15, finding 4): the time to an answer, the server's peak
// memory, and the longest a small call waited meanwhile, for a 63 MB call the server must read and
// for a 200 MB one it must refuse (with a declared length and chunked). Each case runs on a fresh
// `seasonwatch serve` from the built bundle (run `npm run build` first); memory is the server
// process's peak resident set (VmHWM, Linux). Printed, not asserted.
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { newDataDir, removeDataDir, startBrowserMode } from '../test/e2e/support/browser-mode'
import type { BrowserMode } from '../test/e2e/support/browser-mode'

const MB = 1024 * 1024

interface Upload {
  /** Bytes the client sends (or tries to) in total. */
  bytes: number
  /** Declare Content-Length (else Transfer-Encoding: chunked). */
  declared: boolean
  /** The body, made of this prefix, filler and suffix. */
  prefix: string
  filler: string
  suffix: string
  channel: string
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024
}

async function signIn(app: BrowserMode): Promise<string> {
  const answer = await fetch(app.url, { redirect: 'manual' })
  const cookie = answer.headers.getSetCookie()[0]?.split(';')[0]
  if (!cookie) throw new Error(`sign-in failed: ${answer.status}`)
  return cookie
}

/** Sends the upload from a reused 1 MB block; resolves with the status once answered. */
function upload(app: BrowserMode, cookie: string, spec: Upload): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'Content-Type': 'application/json', Cookie: cookie }
    if (spec.declared) headers['Content-Length'] = spec.bytes
    const req = request({
      host: '127.0.0.1',
      port: app.port,
      method: 'POST',
      path: `/api/invoke/${spec.channel}`,
      headers
    })
    let sent = 0
    let answered = false
    req.on('response', (res) => {
      answered = true
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, sent }))
    })
    req.on('error', (error) => (answered ? undefined : reject(error)))
    const block = Buffer.from(spec.filler.repeat(Math.floor(MB / spec.filler.length)))
    const fillerBytes = spec.bytes - Buffer.byteLength(spec.prefix) - Buffer.byteLength(spec.suffix)
    let left = fillerBytes
    const pump = () => {
      if (answered || req.destroyed) return
      if (sent === 0) {
        req.write(spec.prefix)
        sent += Buffer.byteLength(spec.prefix)
      }
      while (left > 0 && !answered) {
        const piece = left >= block.length ? block : block.subarray(0, left)
        left -= piece.length
        sent += piece.length
        if (!req.write(piece)) return void req.once('drain', pump)
      }
      if (left === 0 && !answered) {
        req.end(spec.suffix)
        sent += Buffer.byteLength(spec.suffix)
        left = -1
      }
    }
    pump()
  })
}

/** Calls app:get-info every 20 ms until stopped; returns the longest wait seen. */
function pinger(app: BrowserMode, cookie: string): { stop(): Promise<number> } {
  let running = true
  let longest = 0
  const loop = (async () => {
    while (running) {
      const started = performance.now()
      // A kept-alive socket the server closes while idle fails once; the next call opens another.
      await fetch(`${app.origin}/api/invoke/app:get-info`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: ''
      }).catch(() => undefined)
      longest = Math.max(longest, performance.now() - started)
      await new Promise((r) => setTimeout(r, 20))
    }
  })()
  return {
    async stop() {
      running = false
      await loop
      return longest
    }
  }
}

async function measure(label: string, spec: Upload): Promise<void> {
  const dataDir = newDataDir()
  const app = await startBrowserMode({ dataDir })
  try {
    const cookie = await signIn(app)
    const before = peakRssMb(app.pid)
    const ping = pinger(app, cookie)
    const started = performance.now()
    const result = await upload(app, cookie, spec)
    const elapsed = performance.now() - started
    const longestPing = await ping.stop()
    const peak = peakRssMb(app.pid)
    process.stdout.write(
      `${label.padEnd(44)} HTTP ${result.status}  ${(elapsed / 1000).toFixed(2).padStart(6)} s  ` +
        `client sent ${(result.sent / MB).toFixed(1).padStart(6)} MB  server peak ${peak.toFixed(0).padStart(5)} MB ` +
        `(idle ${before.toFixed(0)} MB)  longest ping ${longestPing.toFixed(0)} ms\n`
    )
  } catch (error) {
    process.stdout.write(`${label}: failed (${String(error)})\n${app.logs().slice(-2000)}\n`)
  } finally {
    await app.stop()
    removeDataDir(dataDir)
  }
}

export async function run(): Promise<void> {
  const settingsCall = { channel: 'settings:set', prefix: '{"note":"', filler: 'a', suffix: '"}' }
  const csvRow = '2023-06-01,buy,ETH,0.5,USD,900,USD,1.5,,bench row\n'
  const importCall = {
    channel: 'portfolio:preview-import',
    prefix: `{"format":"generic","text":"date,type,asset,quantity,quote_asset,quote_quantity,fee_asset,fee_quantity,value_usd,note\\n`,
    filler: csvRow.replace('\n', '\\n'),
    suffix: '"}'
  }
  if (process.env.BENCH_ONLY_IMPORT !== '1')
    await measure('63 MB call (read, refused by the contract)', { ...settingsCall, bytes: 63 * MB, declared: true })
  await measure('63 MB call, chunked', { ...settingsCall, bytes: 63 * MB, declared: false })
  await measure('200 MB call, declared length', { ...settingsCall, bytes: 200 * MB, declared: true })
  await measure('200 MB call, chunked', { ...settingsCall, bytes: 200 * MB, declared: false })
  if (process.env.BENCH_IMPORT === '1') {
    await measure('63 MB CSV import preview (whole path)', { ...importCall, bytes: 63 * MB, declared: true })
  }
}
