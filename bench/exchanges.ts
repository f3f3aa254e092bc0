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
import { KRAKEN_READ_KEY, LedgerBuilder, krakenId, krakenAccount } from '../test/support/fake-exchanges/kraken-data'
import { startFakeCoinbase } from '../test/support/fake-exchanges/coinbase'
import * as coinbaseData from '../test/support/fake-exchanges/coinbase-data'

const FILLS = Number(process.env.BENCH_FILLS ?? 50_000)
const KRAKEN_TRADES = Number(process.env.BENCH_KRAKEN_TRADES ?? 5000)

export async function run(): Promise<void> {
  await binance()
  await kraken()
  await coinbase()
}

/** What the bench needs of a fake exchange: where it listens, its time spent answering, its log. */
interface BenchFake {
  url: string
  serverMs: number
  requests: { path: string }[]
  close(): Promise<void>
}

type Call = (channel: string, input: unknown) => Promise<unknown>

/**
 * A core on a temporary data folder with `connection` added (pacing off); runs `body` with a way
 * to call the core, then closes the core and the fake and removes the folder.
 */
async function withConnection(
  name: string,
  fake: BenchFake,
  connection: Record<string, unknown>,
  body: (call: Call) => Promise<void>
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `seasonwatch-bench-${name}-`))
  const core = createCore({
    dataDir: dir,
    runtime: 'cli',
    exchangeKeys: memoryExchangeKeys(),
    env: {},
    exchangeTuning: { rateLimit: false }
  })
  const call: Call = async (channel, input) => {
    const envelope = await core.dispatch(channel, input, { runtime: 'cli' })
    if (!envelope.ok) throw new Error(envelope.error.message)
    return envelope.data
  }
  try {
    await call('connections:add', { ...connection, apiUrl: fake.url })
    await body(call)
  } finally {
    core.close()
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

interface TimedSync {
  written: number
  pages: number
  /** The requests the sync made. */
  paths: string[]
  /** Milliseconds: the whole sync, the part the fake spent answering, the client's CPU time. */
  wall: number
  inFake: number
  clientCpu: number
}

/** One sync of every connection, timed; the first result's counts. */
async function timedSync(call: Call, fake: BenchFake): Promise<TimedSync> {
  fake.serverMs = 0
  const mark = fake.requests.length
  const started = performance.now()
  const cpu = process.cpuUsage()
  const [result] = (await call('connections:sync', {})) as { written: number; pages: number }[]
  const wall = performance.now() - started
  const used = process.cpuUsage(cpu)
  // The fake shares this process: its answering time comes off both figures. CPU time is the one
  // to compare with the target on a busy machine, where wall time also counts waiting for a core.
  return {
    written: result!.written,
    pages: result!.pages,
    paths: fake.requests.slice(mark).map((r) => r.path),
    wall,
    inFake: fake.serverMs,
    clientCpu: (used.user + used.system) / 1000 - fake.serverMs
  }
}

const seconds = (ms: number) => (ms / 1000).toFixed(2)
const wallAndFake = (s: TimedSync) => `wall ${seconds(s.wall)} s, in the fake ${seconds(s.inFake)} s, `
const clientTimes = (s: TimedSync) => `client ${seconds(s.wall - s.inFake)} s wall, ${seconds(s.clientCpu)} s CPU`

/** The requests counted by path, in the order each path was first asked for. */
function byPath(paths: string[]): string {
  const counts = new Map<string, number>()
  for (const path of paths) counts.set(path, (counts.get(path) ?? 0) + 1)
  return [...counts].map(([p, n]) => `${p} ×${n}`).join(', ')
}

async function binance(): Promise<void> {
  // 49,955 BTC/USDT fills plus the account's 45 ETH fills: 50,000 in all.
  const fake = await startFakeBinance(binanceAccount({ btcFills: FILLS - 45 }))
  const connection = { exchange: 'binance', apiKey: READ_KEY.apiKey, secret: READ_KEY.secret }
  await withConnection('binance', fake, connection, async (call) => {
    const first = await timedSync(call, fake)
    process.stdout.write(
      `first sync: ${first.written} transactions in ${first.pages} pages, ${first.paths.length} requests\n` +
        `  ${wallAndFake(first)}${clientTimes(first)} (target < 5 s)\n`
    )

    // The next day: 30 new fills on one market.
    const last = fake.state.fills.filter((f) => f.symbol === 'BTCUSDT').at(-1)!
    for (let i = 1; i <= 30; i += 1)
      fake.state.fills.push({ ...last, id: last.id + i, time: Date.now() - 3_600_000 + i })
    const next = await timedSync(call, fake)
    process.stdout.write(
      `next-day sync: ${next.written} new in ${seconds(next.wall)} s, ${next.paths.length} requests: ` +
        `${byPath(next.paths)}\n`
    )
  })
}

/**
 * Kraken: a first sync of the ledger (two entries per trade, 50 a page), the client's own time,
 * and what Kraken's pacing would make of the same pages (one Ledgers call every 6 s after the
 * counter's headroom); then a next-day sync with a trade and a staking reward.
 */
async function kraken(): Promise<void> {
  const fake = await startFakeKraken(krakenAccount({ btcTrades: KRAKEN_TRADES }))
  const connection = {
    exchange: 'kraken',
    apiKey: KRAKEN_READ_KEY.apiKey,
    secret: KRAKEN_READ_KEY.secret,
    allowTradingKey: true
  }
  await withConnection('kraken', fake, connection, async (call) => {
    const first = await timedSync(call, fake)
    const paced = Math.max(0, first.pages - 7) * 6
    process.stdout.write(
      `kraken first sync: ${fake.state.ledger.length} ledger entries → ${first.written} transactions in ` +
        `${first.pages} pages, ${first.paths.length} requests\n` +
        `  ${wallAndFake(first)}client ${seconds(first.clientCpu)} s CPU; Kraken's pacing would take about ${paced} s\n`
    )
    const newest = Math.max(...fake.state.ledger.map((e) => e.time))
    const later = new LedgerBuilder(900_000)
    later.trade(900_000, newest + 86_400, ['ZUSD', '640', '1.024'], ['XXBT', '0.01', '0'])
    later.add(krakenId('RU', 9000), newest + 86_460, 'staking', '', 'DOT.S', '0.22')
    fake.state.ledger.push(...later.entries)
    const again = await timedSync(call, fake)
    process.stdout.write(
      `kraken next-day sync: ${again.written} new, ${again.paths.length} requests: ${again.paths.join(', ')}\n`
    )
  })
}

/** The same figures for Coinbase: 50,000 fills in pages of 250, ES256-signed requests. */
async function coinbase(): Promise<void> {
  // The account's 24 ETH fills complete the count.
  const fake = await startFakeCoinbase(coinbaseData.coinbaseAccount({ btcFills: FILLS - 24 }))
  const key = coinbaseData.READ_KEY
  await withConnection(
    'coinbase',
    fake,
    { exchange: 'coinbase', apiKey: key.apiKey, secret: key.secret },
    async (call) => {
      const first = await timedSync(call, fake)
      process.stdout.write(
        `coinbase first sync: ${first.written} transactions in ${first.pages} pages, ${first.paths.length} requests\n` +
          `  ${wallAndFake(first)}${clientTimes(first)}\n`
      )
      const last = fake.state.fills[0]!
      for (let i = 1; i <= 30; i += 1) {
        const at = new Date(Date.now() - 3_600_000 + i * 1000).toISOString()
        fake.state.fills.push({ ...last, entry_id: `bench-${i}`, trade_time: at, sequence_timestamp: at })
      }
      const next = await timedSync(call, fake)
      // Each account's own path counts as one.
      const paths = next.paths.map((p) => p.replace(/\/v2\/accounts\/[^/]+\//, '/v2/accounts/:id/'))
      process.stdout.write(
        `coinbase next-day sync: ${next.written} new in ${seconds(next.wall)} s, ${next.paths.length} requests: ` +
          `${byPath(paths)}\n`
      )
    }
  )
}
