import { createHmac } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * A loopback stand-in for Binance's spot REST API, answering in its documented shapes: signed
 * requests (HMAC-SHA256 of the query, X-MBX-APIKEY) are checked, myTrades pages by fromId, the
 * capital deposit and withdrawal histories honour startTime/endTime (at most 90 days apart), the
 * asset dividend record answers the newest rows of at most 180 days first (`{ rows, total }`), the
 * dust log the newest 100 conversions of the time asked, and errors come as `{ code, msg }`. Faults are injected per path.
 */
export interface FakeFill {
  id: number
  symbol: string
  orderId: number
  price: string
  qty: string
  quoteQty: string
  commission: string
  commissionAsset: string
  time: number
  isBuyer: boolean
}

export interface FakeDeposit {
  id: string
  coin: string
  amount: string
  network: string
  status: number
  address: string
  txId: string
  insertTime: number
}

export interface FakeWithdrawal {
  id: string
  coin: string
  amount: string
  transactionFee: string
  network: string
  status: number
  address: string
  txId: string
  applyTime: string
  completeTime?: string
}

/** A row of the asset dividend record (rewards, airdrops, distributions), as Binance writes it. */
export interface FakeDividend {
  id: number
  tranId: number
  amount: string
  asset: string
  divTime: number
  enInfo: string
  direction?: 1 | -1
}

/** A conversion of small balances to BNB: one detail per asset converted. */
export interface FakeDribblet {
  operateTime: number
  transId: number
  details: { fromAsset: string; amount: string; transferedAmount: string; serviceChargeAmount: string }[]
}

export interface FakeKey {
  apiKey: string
  secret: string
  restrictions: {
    enableReading: boolean
    enableSpotAndMarginTrading: boolean
    enableWithdrawals: boolean
    enableInternalTransfer: boolean
    enableMargin: boolean
    enableFutures: boolean
    permitsUniversalTransfer: boolean
    enableVanillaOptions: boolean
    ipRestrict: boolean
  }
}

export interface BinanceFault {
  /** Substring of the path ("/api/v3/myTrades"). */
  match: string
  kind: 'status' | 'hang' | 'malformed-json' | 'redirect'
  status?: number
  retryAfter?: string
  location?: string
  count?: number
}

export interface FakeBinanceState {
  keys: FakeKey[]
  markets: { symbol: string; baseAsset: string; quoteAsset: string }[]
  fills: FakeFill[]
  deposits: FakeDeposit[]
  withdrawals: FakeWithdrawal[]
  dividends: FakeDividend[]
  dribblets: FakeDribblet[]
  balances: { asset: string; free: string; locked: string }[]
}

export interface FakeBinance {
  url: string
  state: FakeBinanceState
  faults: BinanceFault[]
  /** Every request: path, query and the key header it carried. */
  readonly requests: { path: string; query: string; apiKey: string | undefined; status: number }[]
  /** Time spent answering, so a benchmark can subtract the fake's own work. */
  serverMs: number
  /** Delays each myTrades answer (a slow exchange, so a test can stop a sync halfway). */
  tradeDelayMs: number
  close(): Promise<void>
}

export const readOnlyRestrictions: FakeKey['restrictions'] = {
  enableReading: true,
  enableSpotAndMarginTrading: false,
  enableWithdrawals: false,
  enableInternalTransfer: false,
  enableMargin: false,
  enableFutures: false,
  permitsUniversalTransfer: false,
  enableVanillaOptions: false,
  ipRestrict: false
}

function marketInfo(m: { symbol: string; baseAsset: string; quoteAsset: string }) {
  return {
    symbol: m.symbol,
    status: 'TRADING',
    baseAsset: m.baseAsset,
    baseAssetPrecision: 8,
    quoteAsset: m.quoteAsset,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: ['LIMIT', 'MARKET'],
    icebergAllowed: true,
    ocoAllowed: true,
    quoteOrderQtyMarketAllowed: true,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: '0.01000000', maxPrice: '1000000.00000000', tickSize: '0.01000000' },
      { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' }
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['EXPIRE_MAKER']
  }
}

/** Sums amounts of eight decimals exactly, as Binance writes its totals. */
function sumText(amounts: string[]): string {
  const units = amounts.reduce((total, a) => {
    const [whole, fraction = ''] = a.split('.')
    return total + BigInt(whole!) * 100_000_000n + BigInt(fraction.padEnd(8, '0').slice(0, 8))
  }, 0n)
  return `${units / 100_000_000n}.${(units % 100_000_000n).toString().padStart(8, '0')}`
}

export async function startFakeBinance(state: FakeBinanceState, faults: BinanceFault[] = []): Promise<FakeBinance> {
  const requests: FakeBinance['requests'] = []
  const sockets = new Set<Socket>()
  const fake: FakeBinance = { url: '', state, faults, requests, serverMs: 0, tradeDelayMs: 0, close: async () => {} }

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-mbx-used-weight-1m': '10', ...headers })
    res.end(typeof body === 'string' ? body : JSON.stringify(body))
  }
  const fail = (res: ServerResponse, status: number, code: number, msg: string) => send(res, status, { code, msg })

  const server = createServer((req, res) => {
    const started = performance.now()
    const status = handle(req, res)
    requests.push({
      path: (req.url ?? '').split('?')[0]!,
      query: (req.url ?? '').split('?')[1] ?? '',
      apiKey: req.headers['x-mbx-apikey'] as string | undefined,
      status
    })
    fake.serverMs += performance.now() - started
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  function handle(req: IncomingMessage, res: ServerResponse): number {
    const url = new URL(req.url ?? '/', 'http://fake')
    const path = url.pathname
    const fault = faults.find((f) => path.includes(f.match) && (f.count ?? 1) > 0)
    if (fault) {
      if (fault.count !== undefined) fault.count -= 1
      if (fault.kind === 'hang') return 0
      if (fault.kind === 'malformed-json') {
        send(res, 200, '{"symbol": "BTCUSDT", "id": 1,')
        return 200
      }
      if (fault.kind === 'redirect') {
        res.writeHead(fault.status ?? 302, { location: `${fault.location}${req.url}` })
        res.end()
        return fault.status ?? 302
      }
      const s = fault.status ?? 500
      if (s === 429 || s === 418) {
        send(
          res,
          s,
          { code: -1003, msg: 'Too much request weight used; current limit is 6000 request weight per 1 MINUTE.' },
          {
            'retry-after': fault.retryAfter ?? '1'
          }
        )
      } else
        send(
          res,
          s,
          s >= 500 ? '<html><body>502 Bad Gateway</body></html>' : { code: -1000, msg: 'An unknown error occurred.' }
        )
      return s
    }
    const q = url.searchParams
    if (path === '/api/v3/ping') return (send(res, 200, {}), 200)
    if (path === '/api/v3/time') return (send(res, 200, { serverTime: Date.now() }), 200)
    if (path === '/api/v3/exchangeInfo') {
      send(res, 200, {
        timezone: 'UTC',
        serverTime: Date.now(),
        rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 }],
        exchangeFilters: [],
        symbols: state.markets.map(marketInfo)
      })
      return 200
    }
    // Everything else is signed: the key must be known and the signature must match.
    const apiKey = req.headers['x-mbx-apikey']
    const key = state.keys.find((k) => k.apiKey === apiKey)
    if (!key) return (fail(res, 401, -2015, 'Invalid API-key, IP, or permissions for action.'), 401)
    const raw = (req.url ?? '').split('?')[1] ?? ''
    const signature = q.get('signature')
    const signed = raw.replace(/&?signature=[0-9a-f]+$/, '')
    if (signature !== createHmac('sha256', key.secret).update(signed).digest('hex')) {
      return (fail(res, 400, -1022, 'Signature for this request is not valid.'), 400)
    }
    if (!key.restrictions.enableReading)
      return (fail(res, 401, -2015, 'Invalid API-key, IP, or permissions for action.'), 401)
    const limit = Math.min(Number(q.get('limit') ?? 500), 1000)
    switch (path) {
      case '/sapi/v1/account/apiRestrictions':
        send(res, 200, { createTime: 1_700_000_000_000, ...key.restrictions })
        return 200
      case '/api/v3/account':
        send(res, 200, {
          makerCommission: 10,
          takerCommission: 10,
          canTrade: key.restrictions.enableSpotAndMarginTrading,
          canWithdraw: key.restrictions.enableWithdrawals,
          canDeposit: true,
          updateTime: Date.now(),
          accountType: 'SPOT',
          balances: state.balances,
          permissions: ['SPOT']
        })
        return 200
      case '/api/v3/myTrades': {
        const symbol = q.get('symbol')
        if (!symbol) return (fail(res, 400, -1102, "Mandatory parameter 'symbol' was not sent."), 400)
        const fromId = Number(q.get('fromId') ?? 0)
        const page = state.fills
          .filter((f) => f.symbol === symbol && f.id >= fromId)
          .sort((a, b) => a.id - b.id)
          .slice(0, limit)
          .map((f) => ({ ...f, orderListId: -1, isMaker: !f.isBuyer, isBestMatch: true }))
        if (fake.tradeDelayMs > 0) setTimeout(() => send(res, 200, page), fake.tradeDelayMs)
        else send(res, 200, page)
        return 200
      }
      case '/sapi/v1/capital/deposit/hisrec':
      case '/sapi/v1/capital/withdraw/history': {
        const start = Number(q.get('startTime') ?? Date.now() - 90 * 86_400_000)
        const end = Number(q.get('endTime') ?? Date.now())
        if (end - start > 90 * 86_400_000)
          return (fail(res, 400, -1127, 'More than 90 days between startTime and endTime.'), 400)
        const offset = Number(q.get('offset') ?? 0)
        const rows = path.includes('deposit')
          ? state.deposits
              .filter((d) => d.insertTime >= start && d.insertTime <= end)
              .sort((a, b) => b.insertTime - a.insertTime)
          : state.withdrawals
              .filter((w) => Date.parse(`${w.applyTime}Z`) >= start && Date.parse(`${w.applyTime}Z`) <= end)
              .sort((a, b) => Date.parse(b.applyTime) - Date.parse(a.applyTime))
        send(res, 200, rows.slice(offset, offset + limit))
        return 200
      }
      case '/sapi/v1/asset/assetDividend': {
        const end = Number(q.get('endTime') ?? Date.now())
        const start = Number(q.get('startTime') ?? end - 180 * 86_400_000)
        if (end - start > 180 * 86_400_000)
          return (fail(res, 400, -1127, 'More than 180 days between startTime and endTime.'), 400)
        const size = Number(q.get('limit') ?? 20)
        if (!Number.isInteger(size) || size < 1 || size > 500)
          return (fail(res, 400, -1130, "Data sent for parameter 'limit' is not valid."), 400)
        const asset = q.get('asset')
        const rows = state.dividends
          .filter((d) => d.divTime >= start && d.divTime <= end && (asset === null || d.asset === asset))
          .sort((a, b) => b.divTime - a.divTime || b.id - a.id)
        send(res, 200, { rows: rows.slice(0, size).map((d) => ({ direction: 1, ...d })), total: rows.length })
        return 200
      }
      case '/sapi/v1/asset/dribblet': {
        const start = Number(q.get('startTime') ?? 0)
        const end = Number(q.get('endTime') ?? Date.now())
        const found = state.dribblets
          .filter((d) => d.operateTime >= start && d.operateTime <= end)
          .sort((a, b) => b.operateTime - a.operateTime)
        send(res, 200, {
          total: found.length,
          userAssetDribblets: found.slice(0, 100).map((d) => ({
            operateTime: d.operateTime,
            totalTransferedAmount: sumText(d.details.map((x) => x.transferedAmount)),
            totalServiceChargeAmount: sumText(d.details.map((x) => x.serviceChargeAmount)),
            transId: d.transId,
            userAssetDribbletDetails: d.details.map((x) => ({ transId: d.transId, operateTime: d.operateTime, ...x }))
          }))
        })
        return 200
      }
      default:
        fail(res, 404, -1000, `Unknown path ${path}`)
        return 404
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
