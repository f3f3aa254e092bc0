import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * A loopback stand-in for the Coinbase endpoints Seasonwatch reads, answering in their documented
 * shapes. Each private request must carry `Authorization: Bearer <JWT>` signed ES256 by a CDP key
 * (`kid` and `sub` the key name, `uri` "GET host/path", at most two minutes of validity), checked
 * against the key's public half. Advanced Trade fills come newest first with an opaque cursor; v2
 * account transactions page with `starting_after` in the order asked. Faults are injected per path.
 */
export interface CdpKey {
  /** The key name, `organizations/{org}/apiKeys/{id}`. */
  apiKey: string
  /** The EC private key in PEM (SEC1), as Coinbase hands it out. */
  secret: string
  publicKey: KeyObject
  permissions: { can_view: boolean; can_trade: boolean; can_transfer: boolean }
}

/** A fresh P-256 key pair made at run time: no key material is kept in the repository. */
export function makeCdpKey(permissions: CdpKey['permissions'], id: string): CdpKey {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  return {
    apiKey: `organizations/7d1c2f4e-9a3b-4c5d-8e6f-0a1b2c3d4e5f/apiKeys/${id}`,
    secret: privateKey.export({ type: 'sec1', format: 'pem' }).toString(),
    publicKey: createPublicKey(privateKey),
    permissions
  }
}

export interface FakeAccount {
  uuid: string
  currency: string
  available: string
  hold: string
}

export interface FakeFill {
  entry_id: string
  trade_id: string
  order_id: string
  trade_time: string
  trade_type: 'FILL'
  price: string
  size: string
  commission: string
  product_id: string
  sequence_timestamp: string
  liquidity_indicator: 'MAKER' | 'TAKER'
  size_in_quote: boolean
  user_id: string
  side: 'BUY' | 'SELL'
  retail_portfolio_id: string
}

export interface FakeTransaction {
  id: string
  account: string
  type: string
  status: string
  amount: string
  currency: string
  nativeUsd: string
  createdAt: string
  network?: { fee: string; name: string; hash: string }
}

export interface CoinbaseFault {
  /** Substring of the path ("/api/v3/brokerage/orders/historical/fills"). */
  match: string
  kind: 'status' | 'hang' | 'malformed-json' | 'truncated-json'
  status?: number
  /** Seconds; sent as Retry-After with a 429 when given. */
  retryAfter?: string
  count?: number
  /** Matching requests answered normally before the fault starts. */
  after?: number
}

export interface FakeCoinbaseState {
  keys: CdpKey[]
  accounts: FakeAccount[]
  fills: FakeFill[]
  transactions: FakeTransaction[]
}

export interface FakeCoinbase {
  url: string
  state: FakeCoinbaseState
  faults: CoinbaseFault[]
  readonly requests: { path: string; query: string; status: number; authorization: string | undefined }[]
  /** Delays each fills answer (a slow exchange, so a test can stop a sync halfway). */
  fillsDelayMs: number
  /** Time spent answering, so a benchmark can subtract the fake's own work. */
  serverMs: number
  close(): Promise<void>
}

const fromB64url = (text: string) => Buffer.from(text, 'base64url')
const seqMs = (f: FakeFill) => Date.parse(f.sequence_timestamp)

export async function startFakeCoinbase(state: FakeCoinbaseState, faults: CoinbaseFault[] = []): Promise<FakeCoinbase> {
  const requests: FakeCoinbase['requests'] = []
  const sockets = new Set<Socket>()
  const fake: FakeCoinbase = {
    url: '',
    state,
    faults,
    requests,
    fillsDelayMs: 0,
    serverMs: 0,
    close: async () => {}
  }
  let host = ''

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    res.end(typeof body === 'string' ? body : JSON.stringify(body))
  }

  /** The key a request's JWT was signed by, or why it is refused. */
  function authorize(req: IncomingMessage, path: string): CdpKey | string {
    const header = req.headers.authorization ?? ''
    const token = header.startsWith('Bearer ') ? header.slice(7) : ''
    const [head, body, signature] = token.split('.')
    if (!head || !body || !signature) return 'no bearer token'
    let claims: Record<string, unknown>
    let protectedHeader: Record<string, unknown>
    try {
      protectedHeader = JSON.parse(fromB64url(head).toString()) as Record<string, unknown>
      claims = JSON.parse(fromB64url(body).toString()) as Record<string, unknown>
    } catch {
      return 'unreadable token'
    }
    if (protectedHeader.alg !== 'ES256') return 'not ES256'
    const key = state.keys.find((k) => k.apiKey === protectedHeader.kid)
    if (!key || claims.sub !== key.apiKey) return 'unknown key'
    const signed = verify(
      'sha256',
      Buffer.from(`${head}.${body}`),
      { key: key.publicKey, dsaEncoding: 'ieee-p1363' },
      fromB64url(signature)
    )
    if (!signed) return 'bad signature'
    const now = Math.floor(Date.now() / 1000)
    const nbf = Number(claims.nbf)
    const exp = Number(claims.exp)
    if (!(exp >= now) || !(nbf <= now + 5) || exp - nbf > 120) return 'expired'
    // ccxt strips "https://" only: against a loopback address the scheme stays in the claim.
    const uri = String(claims.uri ?? '').replace(/^(GET) http:\/\//, '$1 ')
    if (uri !== `${req.method} ${host}${path}`) return 'uri mismatch'
    return key
  }

  const server = createServer((req, res) => {
    const started = performance.now()
    const status = handle(req, res)
    fake.serverMs += performance.now() - started
    requests.push({
      path: (req.url ?? '').split('?')[0]!,
      query: (req.url ?? '').split('?')[1] ?? '',
      status,
      authorization: req.headers.authorization
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  // The fills newest first, sorted again only when the list changed (a benchmark pages 50,000 of them).
  let sortedFills: { of: FakeFill[]; length: number; list: { fill: FakeFill; ms: number }[] } | null = null
  const newestFirst = () => {
    if (sortedFills?.of !== state.fills || sortedFills.length !== state.fills.length)
      sortedFills = {
        of: state.fills,
        length: state.fills.length,
        list: state.fills
          .map((fill) => ({ fill, ms: seqMs(fill) }))
          .sort((a, b) => b.ms - a.ms || (a.fill.entry_id < b.fill.entry_id ? 1 : -1))
      }
    return sortedFills.list
  }

  function handle(req: IncomingMessage, res: ServerResponse): number {
    const url = new URL(req.url ?? '/', 'http://fake')
    const path = url.pathname
    const fault = faults.find((f) => {
      if (!path.includes(f.match) || (f.count ?? 1) <= 0) return false
      if ((f.after ?? 0) > 0) return void (f.after! -= 1)
      return true
    })
    if (fault) {
      if (fault.count !== undefined) fault.count -= 1
      if (fault.kind === 'hang') return 0
      if (fault.kind === 'malformed-json') return (send(res, 200, '{"accounts": [{"uuid": "8bfc20d7", '), 200)
      if (fault.kind === 'truncated-json') {
        // A whole answer cut short: the declared length promises more than arrives.
        const full = JSON.stringify({ fills: state.fills.slice(0, 3), cursor: '' })
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(full.length) })
        res.write(full.slice(0, Math.floor(full.length / 2)), () => res.socket?.destroy())
        return 200
      }
      const s = fault.status ?? 500
      if (s === 429) {
        const headers: Record<string, string> = {
          'x-ratelimit-limit': '30',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1)
        }
        if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter
        send(
          res,
          429,
          { error: 'RATE_LIMIT_EXCEEDED', error_details: 'Too many requests', message: 'Too many requests' },
          headers
        )
      } else if (s >= 500) {
        res.writeHead(s, { 'content-type': 'text/html' })
        res.end(`<html><body><h1>${s} Server Error</h1></body></html>`)
      } else send(res, s, { error: 'INTERNAL', message: 'fault' })
      return s
    }
    const key = authorize(req, path)
    if (typeof key === 'string') {
      res.writeHead(401, { 'content-type': 'text/plain' })
      res.end('Unauthorized\n')
      return 401
    }
    const q = url.searchParams
    if (path === '/api/v3/brokerage/key_permissions') {
      send(res, 200, {
        ...key.permissions,
        portfolio_uuid: '0c3e6f1a-5b2d-4e8f-9a7c-1d2e3f4a5b6c',
        portfolio_type: 'DEFAULT'
      })
      return 200
    }
    if (!key.permissions.can_view) {
      send(res, 403, {
        error: 'PERMISSION_DENIED',
        error_details: 'Missing required scopes',
        message: 'Missing required scopes'
      })
      return 403
    }
    if (path === '/api/v3/brokerage/accounts') {
      const limit = Math.min(Number(q.get('limit') ?? 49), 250)
      const start = Number(q.get('cursor') ?? 0)
      const slice = state.accounts.slice(start, start + limit)
      const hasNext = start + limit < state.accounts.length
      send(res, 200, {
        accounts: slice.map((a) => ({
          uuid: a.uuid,
          name: `${a.currency} Wallet`,
          currency: a.currency,
          available_balance: { value: a.available, currency: a.currency },
          default: false,
          active: true,
          created_at: '2021-03-01T10:00:00.000Z',
          updated_at: '2024-06-01T10:00:00.000Z',
          deleted_at: null,
          type: ['USD', 'EUR'].includes(a.currency) ? 'ACCOUNT_TYPE_FIAT' : 'ACCOUNT_TYPE_CRYPTO',
          ready: true,
          hold: { value: a.hold, currency: a.currency },
          retail_portfolio_id: '0c3e6f1a-5b2d-4e8f-9a7c-1d2e3f4a5b6c',
          platform: 'ACCOUNT_PLATFORM_CONSUMER'
        })),
        has_next: hasNext,
        cursor: hasNext ? String(start + limit) : '',
        size: slice.length
      })
      return 200
    }
    if (path === '/api/v3/brokerage/orders/historical/fills') {
      const limit = Math.min(Number(q.get('limit') ?? 100), 250)
      const from = q.has('start_sequence_timestamp') ? Date.parse(q.get('start_sequence_timestamp')!) : -Infinity
      const to = q.has('end_sequence_timestamp') ? Date.parse(q.get('end_sequence_timestamp')!) : Infinity
      const sorted = newestFirst().filter((f) => f.ms >= from && f.ms <= to)
      // The cursor names the last fill handed out; the next page starts after it.
      const after = q.get('cursor')
      const afterId = after ? Buffer.from(after, 'base64url').toString() : null
      const start = afterId ? sorted.findIndex((f) => f.fill.entry_id === afterId) + 1 : 0
      const page = sorted.slice(start, start + limit).map((f) => f.fill)
      const more = start + limit < sorted.length
      const body = { fills: page, cursor: more ? Buffer.from(page.at(-1)!.entry_id).toString('base64url') : '' }
      if (fake.fillsDelayMs > 0) setTimeout(() => send(res, 200, body), fake.fillsDelayMs)
      else send(res, 200, body)
      return 200
    }
    const m = /^\/v2\/accounts\/([^/]+)\/transactions$/.exec(path)
    if (m) {
      const account = state.accounts.find((a) => a.uuid === m[1])
      if (!account) return (send(res, 404, { errors: [{ id: 'not_found', message: 'Not found' }] }), 404)
      const limit = Math.min(Number(q.get('limit') ?? 25), 100)
      const order = q.get('order') === 'asc' ? 'asc' : 'desc'
      const rows = state.transactions
        .filter((t) => t.account === account.uuid)
        .sort((a, b) => (Date.parse(a.createdAt) - Date.parse(b.createdAt)) * (order === 'asc' ? 1 : -1))
      const after = q.get('starting_after')
      const start = after ? rows.findIndex((t) => t.id === after) + 1 : 0
      const page = rows.slice(start, start + limit)
      const more = start + limit < rows.length
      const base = `/v2/accounts/${account.uuid}/transactions`
      send(res, 200, {
        pagination: {
          ending_before: null,
          starting_after: after,
          previous_ending_before: null,
          next_starting_after: more ? page.at(-1)!.id : null,
          limit,
          order,
          previous_uri: null,
          next_uri: more ? `${base}?limit=${limit}&order=${order}&starting_after=${page.at(-1)!.id}` : null
        },
        data: page.map((t) => transactionBody(t, base))
      })
      return 200
    }
    send(res, 404, { errors: [{ id: 'not_found', message: 'Not found' }] })
    return 404
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`
  fake.url = `http://${host}`
  // A fake left running by a failed test stops by itself.
  const stopper = setTimeout(() => void fake.close(), 10 * 60_000)
  stopper.unref()
  fake.close = () =>
    new Promise<void>((resolve) => {
      clearTimeout(stopper)
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    })
  return fake
}

function transactionBody(t: FakeTransaction, base: string) {
  const negative = t.amount.startsWith('-')
  return {
    id: t.id,
    type: t.type,
    status: t.status,
    amount: { amount: t.amount, currency: t.currency },
    native_amount: { amount: t.nativeUsd, currency: 'USD' },
    description: null,
    created_at: t.createdAt,
    updated_at: t.createdAt,
    resource: 'transaction',
    resource_path: `${base}/${t.id}`,
    instant_exchange: false,
    ...(t.network
      ? {
          network: {
            status: t.status === 'completed' ? 'confirmed' : 'pending',
            hash: t.network.hash,
            transaction_fee: { amount: t.network.fee, currency: t.currency },
            network_name: t.network.name,
            confirmations: 40
          }
        }
      : {}),
    details: {
      title: negative ? `Sent ${t.currency}` : `Received ${t.currency}`,
      subtitle: negative ? 'To an external address' : 'From Coinbase',
      header: `${negative ? 'Sent' : 'Received'} ${t.amount.replace('-', '')} ${t.currency}`,
      health: 'positive'
    }
  }
}
