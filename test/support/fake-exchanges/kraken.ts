import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * A loopback stand-in for Kraken's REST API, answering in its documented shapes: private calls are
 * POSTs of form data carrying a nonce, signed with API-Key and API-Sign (base64 of HMAC-SHA512,
 * keyed by the base64-decoded secret, of the path followed by SHA-256 of nonce + body); a nonce not
 * above the key's last one is refused; errors come in the body as `{ error: ["EAPI:…"], result: {} }`
 * with HTTP 200; Ledgers answers 50 entries at most, newest first, with `start` (exclusive), `end`
 * (inclusive) and `ofs`, and the total `count`. Faults are injected per path.
 */
export type KrakenRight =
  | 'Query Funds'
  | 'Query Open Orders & Trades'
  | 'Query Closed Orders & Trades'
  | 'Query Ledger Entries'
  | 'Export Data'
  | 'Create & Modify Orders'
  | 'Withdraw Funds'

export interface FakeKrakenKey {
  apiKey: string
  /** Base64, as Kraken issues it. */
  secret: string
  rights: KrakenRight[]
}

export interface FakeLedgerEntry {
  id: string
  refid: string
  /** Seconds with four decimals, as Kraken writes them. */
  time: number
  type: string
  subtype: string
  aclass: 'currency'
  asset: string
  amount: string
  fee: string
  balance: string
}

export interface KrakenFault {
  /** Substring of the path ("/0/private/Ledgers"). */
  match: string
  kind:
    | 'rate-limit'
    | 'unavailable'
    | 'status'
    | 'hang'
    | 'malformed-json'
    | 'truncated-json'
    | 'permission-denied'
    | 'lockout'
    | 'invalid-nonce'
  status?: number
  count?: number
  /** Matching requests answered normally before the fault starts. */
  skip?: number
}

export interface FakeKrakenState {
  keys: FakeKrakenKey[]
  /** Oldest first. */
  ledger: FakeLedgerEntry[]
  /** Balances by asset code; null: the ledger's own sums (amount less fee), as Kraken's balance is. */
  balances: Record<string, string> | null
}

export interface FakeKraken {
  url: string
  state: FakeKrakenState
  faults: KrakenFault[]
  /** Every request: path, its form fields (without the nonce) and the key header it carried. */
  readonly requests: { path: string; params: Record<string, string>; apiKey: string | undefined; status: number }[]
  /** Delays each Ledgers answer (a slow exchange, so a test can stop a sync halfway). */
  ledgerDelayMs: number
  /** Time spent answering, so a benchmark can subtract the fake's own work. */
  serverMs: number
  close(): Promise<void>
}

const PAGE = 50
const NEEDS: Record<string, KrakenRight> = {
  Balance: 'Query Funds',
  BalanceEx: 'Query Funds',
  Ledgers: 'Query Ledger Entries',
  QueryLedgers: 'Query Ledger Entries',
  TradesHistory: 'Query Closed Orders & Trades',
  DepositStatus: 'Query Funds',
  WithdrawStatus: 'Withdraw Funds'
}

export function signature(secret: string, path: string, nonce: string, body: string): string {
  const digest = createHash('sha256')
    .update(nonce + body)
    .digest()
  return createHmac('sha512', Buffer.from(secret, 'base64'))
    .update(Buffer.concat([Buffer.from(path), digest]))
    .digest('base64')
}

/** The ledger's sums per asset code (amount less fee), as Kraken's Balance answers them. */
export function ledgerBalances(ledger: readonly FakeLedgerEntry[]): Record<string, string> {
  const scale = 10n ** 10n
  const units = (text: string) => {
    const [whole, fraction = ''] = text.replace('-', '').split('.')
    const n = BigInt(whole!) * scale + BigInt(fraction.padEnd(10, '0').slice(0, 10))
    return text.startsWith('-') ? -n : n
  }
  const sums = new Map<string, bigint>()
  for (const e of ledger) sums.set(e.asset, (sums.get(e.asset) ?? 0n) + units(e.amount) - units(e.fee))
  const out: Record<string, string> = {}
  for (const [asset, n] of sums) {
    const abs = n < 0n ? -n : n
    const fraction = (abs % scale).toString().padStart(10, '0')
    // Cash at 4 decimals, crypto at 10, as Kraken prints them.
    out[asset] = `${n < 0n ? '-' : ''}${abs / scale}.${asset.startsWith('Z') ? fraction.slice(0, 4) : fraction}`
  }
  return out
}

export async function startFakeKraken(state: FakeKrakenState, faults: KrakenFault[] = []): Promise<FakeKraken> {
  const requests: FakeKraken['requests'] = []
  const sockets = new Set<Socket>()
  const lastNonce = new Map<string, bigint>()
  const fake: FakeKraken = { url: '', state, faults, requests, ledgerDelayMs: 0, serverMs: 0, close: async () => {} }

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
    res.end(typeof body === 'string' ? body : JSON.stringify(body))
  }
  const fail = (res: ServerResponse, error: string) => send(res, 200, { error: [error], result: {} })

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const started = performance.now()
      const body = Buffer.concat(chunks).toString('utf8')
      const params = Object.fromEntries(new URLSearchParams(body))
      const { nonce: _nonce, ...shown } = params
      const entry = {
        path: (req.url ?? '').split('?')[0]!,
        params: shown,
        apiKey: req.headers['api-key'] as string | undefined,
        status: 200
      }
      requests.push(entry)
      entry.status = handle(req, res, body, params)
      fake.serverMs += performance.now() - started
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  function handle(req: IncomingMessage, res: ServerResponse, body: string, params: Record<string, string>): number {
    const url = new URL(req.url ?? '/', 'http://fake')
    const path = url.pathname
    const fault = faults.find(
      (f) => path.includes(f.match) && (f.count ?? 1) > 0 && (f.skip === undefined || f.skip-- <= 0)
    )
    if (fault) {
      if (fault.count !== undefined) fault.count -= 1
      switch (fault.kind) {
        case 'hang':
          return 0
        case 'rate-limit':
          return (fail(res, 'EAPI:Rate limit exceeded'), 200)
        case 'unavailable':
          return (fail(res, 'EService:Unavailable'), 200)
        case 'lockout':
          return (fail(res, 'EGeneral:Temporary lockout'), 200)
        case 'invalid-nonce':
          return (fail(res, 'EAPI:Invalid nonce'), 200)
        case 'permission-denied':
          return (fail(res, 'EGeneral:Permission denied'), 200)
        case 'malformed-json':
          return (send(res, 200, '{"error":[],"result":{"ledger":{"L1":{"refid":"T1",,}}'), 200)
        case 'truncated-json':
          return (send(res, 200, '{"error":[],"result":{"ledger":{"LA0001-AAAAA-000001":{"refid":"TA0001'), 200)
        case 'status': {
          const s = fault.status ?? 502
          send(res, s, `<html><body><h1>${s} Bad Gateway</h1></body></html>`)
          return s
        }
      }
    }
    if (path === '/0/public/Time') {
      const now = Date.now()
      return (
        send(res, 200, {
          error: [],
          result: { unixtime: Math.floor(now / 1000), rfc1123: new Date(now).toUTCString() }
        }),
        200
      )
    }
    // Only private calls are answered: Seasonwatch loads no market list from Kraken (docs/connections.md).
    if (!path.startsWith('/0/private/')) return (send(res, 404, { error: ['EGeneral:Unknown method'] }), 404)
    if (req.method !== 'POST') return (fail(res, 'EGeneral:Invalid arguments'), 200)
    const key = state.keys.find((k) => k.apiKey === req.headers['api-key'])
    if (!key) return (fail(res, 'EAPI:Invalid key'), 200)
    const nonce = params.nonce ?? ''
    if (!/^\d{1,20}$/.test(nonce)) return (fail(res, 'EAPI:Invalid nonce'), 200)
    const expected = Buffer.from(signature(key.secret, path, nonce, body))
    const given = Buffer.from(String(req.headers['api-sign'] ?? ''))
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return (fail(res, 'EAPI:Invalid signature'), 200)
    if (BigInt(nonce) <= (lastNonce.get(key.apiKey) ?? 0n)) return (fail(res, 'EAPI:Invalid nonce'), 200)
    lastNonce.set(key.apiKey, BigInt(nonce))
    const method = path.slice('/0/private/'.length)
    const right = NEEDS[method]
    if (right === undefined) return (fail(res, 'EGeneral:Unknown method'), 200)
    if (!key.rights.includes(right)) return (fail(res, 'EGeneral:Permission denied'), 200)
    switch (method) {
      case 'Balance':
        return (send(res, 200, { error: [], result: state.balances ?? ledgerBalances(state.ledger) }), 200)
      case 'Ledgers': {
        const start = params.start === undefined ? -Infinity : Number(params.start)
        const end = params.end === undefined ? Infinity : Number(params.end)
        const ofs = Number(params.ofs ?? 0)
        if (!Number.isFinite(ofs) || ofs < 0) return (fail(res, 'EGeneral:Invalid arguments'), 200)
        const matching = state.ledger
          .filter((e) => e.time > start && e.time <= end)
          .sort((a, b) => b.time - a.time || (a.id < b.id ? 1 : -1))
        const ledger = Object.fromEntries(matching.slice(ofs, ofs + PAGE).map(({ id, ...rest }) => [id, rest]))
        const answer = { error: [], result: { ledger, count: matching.length } }
        if (fake.ledgerDelayMs > 0) setTimeout(() => send(res, 200, answer), fake.ledgerDelayMs)
        else send(res, 200, answer)
        return 200
      }
      default:
        return (send(res, 200, { error: [], result: {} }), 200)
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    })
  return fake
}
