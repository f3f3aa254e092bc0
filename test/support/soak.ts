import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../../src/main/core/create-core'
import type { Core } from '../../src/main/core/create-core'
import { startBrowserServer } from '../../src/main/server/browser-server'
import { buildSyntheticDataset, seededRandom, startFakeCoinGecko } from './fake-coingecko'
import type { FakeCoinGecko } from './fake-coingecko'

/**
 * A soak of browser mode: many clients at once for a while, mixing reads, imports, a settings
 * write, a sync and deliberately bad requests, against one in-process server on loopback and the
 * local fake provider. It stops by itself, reports latency and memory, and checks the state it
 * leaves equals the same writes done one after another on a fresh data folder.
 */

export interface SoakOptions {
  clients: number
  seconds: number
  seed?: number
}

export interface SoakReport {
  requests: number
  /** Requests that should have succeeded and did not (must be none). */
  failures: string[]
  /** Deliberately bad requests: refused as they should be, and any that were not. */
  deliberate: { refused: number; accepted: string[] }
  imports: number
  latencyMs: { p50: number; p95: number; p99: number; max: number }
  rssPeakMb: number
  heapPeakMb: number
  /** Differences between the soaked state and the serial one (must be none). */
  differences: string[]
  wallMs: number
}

const DAY = 86_400_000
const FIRST_DAY = 19_700
const LAST_DAY = 20_070
const NOW = (LAST_DAY - 1) * DAY + 12 * 3_600_000

const reads: [string, unknown][] = [
  ['season:get-index', {}],
  ['season:get-history', {}],
  ['season:get-dominance', {}],
  ['portfolio:get-holdings', {}],
  ['portfolio:list-transactions', { limit: 50 }],
  ['portfolio:get-gains', {}],
  ['portfolio:get-value-history', {}],
  ['portfolio:get-allocation', {}],
  ['sync:get-state', {}],
  ['settings:get', {}]
]

/**
 * One import file of a client's iteration: two rows no other file has, dated within the history
 * every sync keeps (200 days), so whether an import lands before or after the soak's sync does not
 * change what the sync fetches for the coins held.
 */
function importFile(client: number, iteration: number): string {
  const day = new Date((LAST_DAY - 150 + ((client * 37 + iteration * 11) % 140)) * DAY).toISOString().slice(0, 10)
  const qty = (client * 1000 + iteration + 1) / 1e6
  return [
    'date,type,asset,quantity,quote_asset,quote_quantity,fee_asset,fee_quantity,value_usd,note',
    `${day},buy,BTC,${qty.toFixed(6)},USD,${(qty * 30_000).toFixed(2)},,,,soak ${client}/${iteration}`,
    `${day},buy,ETH,${(qty * 10).toFixed(6)},USD,${(qty * 20_000).toFixed(2)},,,,soak ${client}/${iteration}`
  ].join('\n')
}

interface Rig {
  dir: string
  core: Core
  fake: FakeCoinGecko
}

async function rig(fake: FakeCoinGecko): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-soak-'))
  fake.setNow(NOW)
  const core = createCore({ dataDir: dir, runtime: 'browser', clock: { now: () => NOW }, providerUrl: fake.url })
  core.services.settings.set({ maxRequestsPerMinute: 0, historyDays: 200, trackedCoins: 60 })
  const first = await core.services.sync.run()
  if (first.status !== 'succeeded') throw new Error(`the first sync did not succeed: ${first.error?.message}`)
  return { dir, core, fake }
}

/** The second sync of a run: the provider a day later, as the soak's one sync sees it. */
async function nextDaySync(core: Core, fake: FakeCoinGecko, start: () => Promise<unknown>): Promise<void> {
  fake.setNow(NOW + DAY)
  await start()
  while (core.services.sync.getState().running) await new Promise((resolve) => setTimeout(resolve, 50))
}

/** What must be the same whether the writes came at once or one after another. */
function snapshot(core: Core): Record<string, unknown> {
  const db = core.services.db
  return {
    transactions: db
      .prepare(
        `SELECT kind, at, symbol, coin_id, quantity, quote_symbol, quote_coin_id, quote_quantity, value_usd, note, fingerprint
         FROM portfolio_transactions ORDER BY fingerprint`
      )
      .all(),
    market: db
      .prepare('SELECT count(*) AS rows, round(sum(price), 6) AS prices, max(day) AS last FROM daily_values')
      .get(),
    coins: db.prepare('SELECT id, tracked FROM coins ORDER BY id').all(),
    holdings: core.services.portfolio.holdings('fifo').holdings.map((h) => [h.symbol, h.quantity, h.costBasis]),
    gains: core.services.portfolio.gains(undefined, 'fifo').totals,
    index: core.services.season.getHistory({}).points.slice(-30),
    settings: core.services.settings.get()
  }
}

function differences(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return Object.keys(a)
    .filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]))
    .map((key) => `${key} differs`)
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number)

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const random = seededRandom(options.seed ?? 42)
  const dataset = buildSyntheticDataset({ coins: 80, firstDay: FIRST_DAY, lastDay: LAST_DAY, seed: 7 })
  const fake = await startFakeCoinGecko({ dataset, now: NOW })
  const soaked = await rig(fake)
  const rendererDir = join(soaked.dir, 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Seasonwatch</title>')
  soaked.core.start({ syncSchedule: false })
  const server = await startBrowserServer({ core: soaked.core, rendererDir })
  const origin = new URL(server.url).origin
  // One visit trades the address's token for the session cookie; every client shares it, as the
  // tabs of one browser do.
  const visit = await fetch(server.url, { redirect: 'manual' })
  const cookie = (visit.headers.getSetCookie?.() ?? [visit.headers.get('set-cookie') ?? ''])
    .map((c) => c.split(';')[0])
    .join('; ')

  const latencies: number[] = []
  const failures: string[] = []
  const deliberate = { refused: 0, accepted: [] as string[] }
  const writes: { kind: 'import'; text: string }[] = []
  let requests = 0
  let rssPeak = 0
  let heapPeak = 0
  const sample = setInterval(() => {
    const m = process.memoryUsage()
    rssPeak = Math.max(rssPeak, m.rss)
    heapPeak = Math.max(heapPeak, m.heapUsed)
  }, 100)

  const invoke = async (channel: string, input: unknown, withCookie = true) => {
    const started = performance.now()
    const response = await fetch(`${origin}/api/invoke/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(withCookie ? { cookie } : {}) },
      body: JSON.stringify(input)
    })
    const text = await response.text()
    latencies.push(performance.now() - started)
    requests += 1
    let envelope: { ok?: boolean; error?: { code: string; message: string } } = {}
    try {
      envelope = JSON.parse(text) as typeof envelope
    } catch {
      // Plain-text refusals (401) have no envelope.
    }
    return { status: response.status, envelope }
  }

  const started = performance.now()
  const deadline = started + options.seconds * 1000
  let synced: Promise<void> | null = null
  const client = async (id: number) => {
    for (let iteration = 0; performance.now() < deadline; iteration += 1) {
      const r = random()
      if (id === 0 && synced === null && performance.now() > started + (options.seconds * 1000) / 3) {
        synced = nextDaySync(soaked.core, fake, async () => {
          const answer = await invoke('sync:start', {})
          if (answer.envelope.ok !== true) failures.push(`sync:start: ${JSON.stringify(answer.envelope)}`)
        })
        await synced
      } else if (r < 0.1) {
        const text = importFile(id, iteration)
        const answer = await invoke('portfolio:confirm-import', { text })
        if (answer.envelope.ok === true) writes.push({ kind: 'import', text })
        else failures.push(`import: ${answer.status} ${JSON.stringify(answer.envelope.error)}`)
      } else if (r < 0.13) {
        const answer = await invoke('settings:set', { minTradeUsd: 25 })
        if (answer.envelope.ok !== true) failures.push(`settings:set: ${JSON.stringify(answer.envelope.error)}`)
      } else if (r < 0.16) {
        // Deliberately bad: an invalid input, a channel that does not exist, no session cookie.
        const bad = [
          () => invoke('portfolio:get-gains', { year: 'last year' }),
          () => invoke('no:such-channel', {}),
          () => invoke('settings:get', {}, false)
        ][Math.floor(random() * 3)] as () => ReturnType<typeof invoke>
        const answer = await bad()
        if (answer.status === 401 || answer.envelope.ok === false) deliberate.refused += 1
        else deliberate.accepted.push(`${answer.status} ${JSON.stringify(answer.envelope)}`)
      } else {
        const [channel, input] = reads[Math.floor(random() * reads.length)] as [string, unknown]
        const answer = await invoke(channel, input)
        // Before the sync's new day is in, an index read may say there is nothing new: still an answer.
        if (answer.envelope.ok !== true && answer.envelope.error?.code !== 'NOT_FOUND')
          failures.push(`${channel}: ${answer.status} ${JSON.stringify(answer.envelope.error)}`)
      }
    }
  }
  await Promise.all(Array.from({ length: options.clients }, (_, id) => client(id)))
  if (synced === null) failures.push('the sync never ran')
  else await synced
  const wallMs = performance.now() - started
  clearInterval(sample)
  await server.close()
  const after = snapshot(soaked.core)

  // The same writes one after another, on a fresh data folder synced the same way.
  const serial = await rig(fake)
  for (const write of writes) serial.core.services.portfolio.confirmImport({ text: write.text })
  serial.core.services.settings.set({ minTradeUsd: 25 })
  await nextDaySync(serial.core, fake, async () => serial.core.services.sync.start())
  const expected = snapshot(serial.core)

  for (const r of [soaked, serial]) {
    r.core.close()
    rmSync(r.dir, { recursive: true, force: true })
  }
  await fake.close()
  const sorted = [...latencies].sort((a, b) => a - b)
  return {
    requests,
    failures,
    deliberate,
    imports: writes.length,
    latencyMs: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? 0
    },
    rssPeakMb: rssPeak / 1_048_576,
    heapPeakMb: heapPeak / 1_048_576,
    differences: differences(after, expected),
    wallMs
  }
}
