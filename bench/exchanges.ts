// Exchange sync benchmark: a first sync of 50,000 Binance fills from the loopback fake, the client's
// own time (wall time less the time the fake spent answering; target under 5 s), and the calls a
// next-day sync makes (only what new data needs). ccxt's request pacing is off here so the figure
// is the client's work, not the exchange's published rate limit. Prints figures only.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../src/main/core/create-core'
import { memoryExchangeKeys } from '../src/main/ports/exchange-keys'
import { startFakeBinance } from '../test/support/fake-exchanges/binance'
import { READ_KEY, binanceAccount } from '../test/support/fake-exchanges/binance-data'
import { startFakeKraken } from '../test/support/fake-exchanges/kraken'
import { KRAKEN_READ_KEY, LedgerBuilder, krakenAccount, krakenId } from '../test/support/fake-exchanges/kraken-data'
import { startFakeCoinbase } from '../test/support/fake-exchanges/coinbase'
import * as coinbaseData from '../test/support/fake-exchanges/coinbase-data'

const FILLS = Number(process.env.BENCH_FILLS ?? 50_000)
const KRAKEN_TRADES = Number(process.env.BENCH_KRAKEN_TRADES ?? 5000)

export async function run(): Promise<void> {
  await binance()
  await kraken()
  await coinbase()
}

async function binance(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-bench-exchanges-'))
  // 49,955 BTC/USDT fills plus the account's 45 ETH fills: 50,000 in all.
  const fake = await startFakeBinance(binanceAccount({ btcFills: FILLS - 45 }))
  const core = createCore({
    dataDir: dir,
    runtime: 'cli',
    exchangeKeys: memoryExchangeKeys(),
    env: {},
    exchangeTuning: { rateLimit: false }
  })
  const call = async (channel: string, input: unknown) => {
    const envelope = await core.dispatch(channel, input, { runtime: 'cli' })
    if (!envelope.ok) throw new Error(envelope.error.message)
    return envelope.data
  }
  try {
    await call('connections:add', {
      exchange: 'binance',
      apiKey: READ_KEY.apiKey,
      secret: READ_KEY.secret,
      apiUrl: fake.url
    })
    fake.serverMs = 0
    const before = fake.requests.length
    const started = performance.now()
    const cpu = process.cpuUsage()
    const [first] = (await call('connections:sync', {})) as { written: number; pages: number; requests: number }[]
    const wall = performance.now() - started
    const used = process.cpuUsage(cpu)
    // The fake shares this process: its answering time comes off both figures. CPU time is the one
    // to compare with the target on a busy machine, where wall time also counts waiting for a core.
    const client = wall - fake.serverMs
    const clientCpu = (used.user + used.system) / 1000 - fake.serverMs
    process.stdout.write(
      `first sync: ${first!.written} transactions in ${first!.pages} pages, ${fake.requests.length - before} requests\n` +
        `  wall ${(wall / 1000).toFixed(2)} s, in the fake ${(fake.serverMs / 1000).toFixed(2)} s, ` +
        `client ${(client / 1000).toFixed(2)} s wall, ${(clientCpu / 1000).toFixed(2)} s CPU (target < 5 s)\n`
    )

    // The next day: 30 new fills on one market.
    const last = fake.state.fills.filter((f) => f.symbol === 'BTCUSDT').at(-1)!
    for (let i = 1; i <= 30; i += 1)
      fake.state.fills.push({ ...last, id: last.id + i, time: Date.now() - 3_600_000 + i })
    const mark = fake.requests.length
    const t = performance.now()
    const [next] = (await call('connections:sync', {})) as { written: number }[]
    const calls = fake.requests.slice(mark).map((r) => r.path)
    const byPath = new Map<string, number>()
    for (const path of calls) byPath.set(path, (byPath.get(path) ?? 0) + 1)
    process.stdout.write(
      `next-day sync: ${next!.written} new in ${((performance.now() - t) / 1000).toFixed(2)} s, ${calls.length} requests: ` +
        `${[...byPath].map(([p, n]) => `${p} ×${n}`).join(', ')}\n`
    )
  } finally {
    core.close()
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Kraken: a first sync of the ledger (two entries per trade, 50 a page), the client's own time,
 * and what Kraken's pacing would make of the same pages (one Ledgers call every 6 s after the
 * counter's headroom); then a next-day sync with a trade and a staking reward.
 */
async function kraken(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-bench-kraken-'))
  const fake = await startFakeKraken(krakenAccount({ btcTrades: KRAKEN_TRADES }))
  const core = createCore({
    dataDir: dir,
    runtime: 'cli',
    exchangeKeys: memoryExchangeKeys(),
    env: {},
    exchangeTuning: { rateLimit: false }
  })
  const call = async (channel: string, input: unknown) => {
    const envelope = await core.dispatch(channel, input, { runtime: 'cli' })
    if (!envelope.ok) throw new Error(envelope.error.message)
    return envelope.data
  }
  try {
    await call('connections:add', {
      exchange: 'kraken',
      apiKey: KRAKEN_READ_KEY.apiKey,
      secret: KRAKEN_READ_KEY.secret,
      apiUrl: fake.url,
      allowTradingKey: true
    })
    fake.serverMs = 0
    const before = fake.requests.length
    const started = performance.now()
    const cpu = process.cpuUsage()
    const [first] = (await call('connections:sync', {})) as { written: number; pages: number }[]
    const wall = performance.now() - started
    const used = process.cpuUsage(cpu)
    const clientCpu = (used.user + used.system) / 1000 - fake.serverMs
    const paced = Math.max(0, first!.pages - 7) * 6
    process.stdout.write(
      `kraken first sync: ${fake.state.ledger.length} ledger entries → ${first!.written} transactions in ` +
        `${first!.pages} pages, ${fake.requests.length - before} requests\n` +
        `  wall ${(wall / 1000).toFixed(2)} s, in the fake ${(fake.serverMs / 1000).toFixed(2)} s, client ` +
        `${(clientCpu / 1000).toFixed(2)} s CPU; Kraken's pacing would take about ${paced} s\n`
    )
    const newest = Math.max(...fake.state.ledger.map((e) => e.time))
    const next = new LedgerBuilder(900_000)
    next.trade(900_000, newest + 86_400, ['ZUSD', '640', '1.024'], ['XXBT', '0.01', '0'])
    next.add(krakenId('RU', 9000), newest + 86_460, 'staking', '', 'DOT.S', '0.22')
    fake.state.ledger.push(...next.entries)
    const mark = fake.requests.length
    const [again] = (await call('connections:sync', {})) as { written: number }[]
    process.stdout.write(
      `kraken next-day sync: ${again!.written} new, ${fake.requests.length - mark} requests: ` +
        `${fake.requests
          .slice(mark)
          .map((r) => r.path)
          .join(', ')}\n`
    )
  } finally {
    core.close()
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The same figures for Coinbase: 50,000 fills in pages of 250, ES256-signed requests. */
async function coinbase(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-bench-coinbase-'))
  // The account's 24 ETH fills complete the count.
  const fake = await startFakeCoinbase(coinbaseData.coinbaseAccount({ btcFills: FILLS - 24 }))
  const core = createCore({
    dataDir: dir,
    runtime: 'cli',
    exchangeKeys: memoryExchangeKeys(),
    env: {},
    exchangeTuning: { rateLimit: false }
  })
  const call = async (channel: string, input: unknown) => {
    const envelope = await core.dispatch(channel, input, { runtime: 'cli' })
    if (!envelope.ok) throw new Error(envelope.error.message)
    return envelope.data
  }
  try {
    const key = coinbaseData.READ_KEY
    await call('connections:add', { exchange: 'coinbase', apiKey: key.apiKey, secret: key.secret, apiUrl: fake.url })
    fake.serverMs = 0
    const before = fake.requests.length
    const started = performance.now()
    const cpu = process.cpuUsage()
    const [first] = (await call('connections:sync', {})) as { written: number; pages: number }[]
    const wall = performance.now() - started
    const used = process.cpuUsage(cpu)
    const clientCpu = (used.user + used.system) / 1000 - fake.serverMs
    process.stdout.write(
      `coinbase first sync: ${first!.written} transactions in ${first!.pages} pages, ${fake.requests.length - before} requests\n` +
        `  wall ${(wall / 1000).toFixed(2)} s, in the fake ${(fake.serverMs / 1000).toFixed(2)} s, ` +
        `client ${((wall - fake.serverMs) / 1000).toFixed(2)} s wall, ${(clientCpu / 1000).toFixed(2)} s CPU\n`
    )
    const last = fake.state.fills[0]!
    for (let i = 1; i <= 30; i += 1) {
      const at = new Date(Date.now() - 3_600_000 + i * 1000).toISOString()
      fake.state.fills.push({ ...last, entry_id: `bench-${i}`, trade_time: at, sequence_timestamp: at })
    }
    const mark = fake.requests.length
    const t = performance.now()
    const [next] = (await call('connections:sync', {})) as { written: number }[]
    const byPath = new Map<string, number>()
    for (const r of fake.requests.slice(mark)) {
      const path = r.path.replace(/\/v2\/accounts\/[^/]+\//, '/v2/accounts/:id/')
      byPath.set(path, (byPath.get(path) ?? 0) + 1)
    }
    process.stdout.write(
      `coinbase next-day sync: ${next!.written} new in ${((performance.now() - t) / 1000).toFixed(2)} s, ${fake.requests.length - mark} requests: ` +
        `${[...byPath].map(([p, n]) => `${p} ×${n}`).join(', ')}\n`
    )
  } finally {
    core.close()
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
