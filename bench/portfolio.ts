// Portfolio benchmarks: importing a 100,000-row CSV (target under 5 s), the value history of a
// 50-asset portfolio over 5 years of daily prices (target under 300 ms), and the realized gains
// report of 100,000 transactions over 5 years under each method (target under 1 s each). Prints
// figures only.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../src/main/core/create-core'
import type { Core } from '../src/main/core/create-core'
import { isoDateOfDay } from '../src/shared/dates'

const LAST_DAY = 20_068 // 2024-12-11
const DAYS = 5 * 365 + 1
const ASSETS = 50

function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0
    return s / 2 ** 32
  }
}

/** 50 coins with five years of daily prices on a random walk, stored as a sync stores them. */
export function seedMarket(core: Core): string[] {
  const db = core.services.db
  const rand = random(7)
  const symbols: string[] = []
  db.transaction(() => {
    const coin = db.prepare(
      'INSERT INTO coins (id, symbol, name, last_rank, tracked, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, 1, 0, 0)'
    )
    const value = db.prepare(
      'INSERT INTO daily_values (coin_id, day, price, price_ts, market_cap, market_cap_ts) VALUES (?, ?, ?, ?, ?, ?)'
    )
    for (let a = 0; a < ASSETS; a += 1) {
      const id = a === 0 ? 'bitcoin' : `coin-${a}`
      const symbol = a === 0 ? 'BTC' : `C${a}`
      symbols.push(symbol)
      coin.run(id, symbol.toLowerCase(), `Coin ${a}`, a + 1)
      let price = 10 + rand() * 1000
      for (let d = LAST_DAY - DAYS + 1; d <= LAST_DAY; d += 1) {
        price *= Math.exp((rand() - 0.5) * 0.08)
        value.run(id, d, price, d * 86_400_000, price * 1e7, d * 86_400_000)
      }
    }
  })()
  return symbols
}

function genericCsv(rows: number, symbols: string[]): string {
  const rand = random(11)
  const lines = ['date,type,asset,quantity,quote_asset,quote_quantity,fee_asset,fee_quantity,value_usd,note']
  for (let i = 0; i < rows; i += 1) {
    const day = LAST_DAY - DAYS + 1 + Math.floor((i / rows) * (DAYS - 1))
    const t = `${isoDateOfDay(day)} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`
    const symbol = symbols[i % symbols.length] as string
    const qty = (rand() * 10 + 0.001).toFixed(8)
    const kind = i % 10 === 9 ? 'sell' : i % 10 === 8 ? 'income' : 'buy'
    lines.push(
      kind === 'income'
        ? `${t},income,${symbol},${qty},,,,,,`
        : `${t},${kind},${symbol},${qty},USD,"${(rand() * 5000 + 1).toFixed(2)}",USD,0.99,,`
    )
  }
  return `${lines.join('\n')}\n`
}

/**
 * A ledger of `rows` transactions over the five years with everything the gains report handles:
 * buys and sales for dollars with dollar fees, coin-for-coin trades with a fee in a third coin,
 * income, and moves between exchanges (a withdrawal and its deposit a few minutes apart).
 */
export function ledgerCsv(rows: number, symbols: string[]): string {
  const rand = random(23)
  const lines = ['date,type,asset,quantity,quote_asset,quote_quantity,fee_asset,fee_quantity,value_usd,note']
  const pick = () => symbols[1 + Math.floor(rand() * (symbols.length - 1))] as string
  for (let i = 0; lines.length <= rows; i += 1) {
    const day = LAST_DAY - DAYS + 1 + Math.floor((i / rows) * (DAYS - 1))
    const t = (m: number) => `${isoDateOfDay(day)}T${String(i % 24).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`
    const symbol = pick()
    const qty = (rand() * 10 + 0.001).toFixed(8)
    const r = rand()
    if (r < 0.45) lines.push(`${t(1)},buy,${symbol},${qty},USD,"${(rand() * 5000 + 1).toFixed(2)}",USD,0.99,,`)
    else if (r < 0.65)
      lines.push(
        `${t(1)},sell,${symbol},${(Number(qty) / 3).toFixed(8)},USD,"${(rand() * 2000 + 1).toFixed(2)}",USD,0.99,,`
      )
    else if (r < 0.8) lines.push(`${t(1)},trade,${pick()},${qty},${symbol},${(Number(qty) / 4).toFixed(8)},C1,0.0001,,`)
    else if (r < 0.9) lines.push(`${t(1)},income,${symbol},${(Number(qty) / 100).toFixed(8)},,,,,,`)
    else {
      lines.push(`${t(2)},transfer_out,${symbol},${(Number(qty) / 5).toFixed(8)},,,,,,`)
      lines.push(`${t(9)},transfer_in,${symbol},${(Number(qty) / 5 - 0.0001).toFixed(8)},,,,,,`)
    }
  }
  return `${lines.join('\n')}\n`
}

async function call(core: Core, channel: string, input: unknown): Promise<Record<string, unknown>> {
  const envelope = await core.dispatch(channel as never, input as never, { runtime: 'cli' })
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
  return envelope.data as Record<string, unknown>
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-bench-portfolio-'))
  const core = createCore({ dataDir: dir, runtime: 'cli', clock: { now: () => Date.parse('2024-12-12T12:00:00Z') } })
  try {
    const symbols = seedMarket(core)
    const text = genericCsv(100_000, symbols)
    process.stdout.write(
      `market: ${ASSETS} coins × ${DAYS} days of prices; import file: 100,000 rows, ${(text.length / 1e6).toFixed(1)} MB\n`
    )

    let t = performance.now()
    const preview = await call(core, 'portfolio:preview-import', { text })
    const previewMs = performance.now() - t
    t = performance.now()
    const done = await call(core, 'portfolio:confirm-import', { text })
    const importMs = performance.now() - t
    t = performance.now()
    const again = await call(core, 'portfolio:confirm-import', { text })
    const reimportMs = performance.now() - t
    process.stdout.write(
      `preview of 100,000 rows:           ${previewMs.toFixed(0)} ms (${preview.imported as number} transactions, nothing written)\n`
    )
    process.stdout.write(
      `import of 100,000 rows (confirm):  ${importMs.toFixed(0)} ms (${done.imported as number} written)   target < 5000 ms\n`
    )
    process.stdout.write(
      `re-import of the same file:        ${reimportMs.toFixed(0)} ms (${again.duplicates as number} duplicates, ${again.imported as number} written)\n`
    )

    // A separate 50-asset portfolio of 2,000 transactions over the same five years.
    const small = mkdtempSync(join(tmpdir(), 'seasonwatch-bench-portfolio-'))
    const core2 = createCore({
      dataDir: small,
      runtime: 'cli',
      clock: { now: () => Date.parse('2024-12-12T12:00:00Z') }
    })
    try {
      seedMarket(core2)
      await call(core2, 'portfolio:confirm-import', { text: genericCsv(2_000, symbols) })
      const times: number[] = []
      let points = 0
      for (let i = 0; i < 7; i += 1) {
        t = performance.now()
        const history = await call(core2, 'portfolio:get-value-history', {})
        times.push(performance.now() - t)
        points = (history.points as unknown[]).length
      }
      process.stdout.write(
        `value history, 50 assets × 5 years (${points} daily points, 2,000 transactions): median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms of 7 runs   target < 300 ms\n`
      )
      const holdingTimes: number[] = []
      for (let i = 0; i < 7; i += 1) {
        t = performance.now()
        await call(core2, 'portfolio:get-holdings', { method: 'hifo' })
        holdingTimes.push(performance.now() - t)
      }
      process.stdout.write(
        `holdings with HIFO cost basis, same portfolio: median ${median(holdingTimes).toFixed(1)} ms\n`
      )
      t = performance.now()
      const big = await call(core, 'portfolio:get-value-history', {})
      process.stdout.write(
        `value history of the 100,000-transaction portfolio: ${(performance.now() - t).toFixed(0)} ms (${(big.points as unknown[]).length} points)\n`
      )
    } finally {
      core2.close()
      rmSync(small, { recursive: true, force: true })
    }
    await gainsReports(symbols)
  } finally {
    core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The realized gains report of 100,000 transactions over five years, under each method. */
async function gainsReports(symbols: string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-bench-gains-'))
  const core = createCore({ dataDir: dir, runtime: 'cli', clock: { now: () => Date.parse('2024-12-12T12:00:00Z') } })
  try {
    seedMarket(core)
    await call(core, 'portfolio:confirm-import', { text: ledgerCsv(100_000, symbols) })
    for (const method of ['fifo', 'hifo', 'average'] as const) {
      // Cold: a write first, so the ledger is loaded and replayed from the store; warm: read again.
      const cold: number[] = []
      const warm: number[] = []
      const year: number[] = []
      let rows = 0
      for (let i = 0; i < 3; i += 1) {
        await call(core, 'settings:set', { costBasisMethod: method })
        core.services.portfolio.resolveAsset('generic', 'C1', 'coin-1')
        let t = performance.now()
        const report = await call(core, 'portfolio:get-gains', { method })
        cold.push(performance.now() - t)
        rows = (report.rows as unknown[]).length
        t = performance.now()
        await call(core, 'portfolio:get-gains', { method })
        warm.push(performance.now() - t)
        t = performance.now()
        await call(core, 'portfolio:get-gains', { method, year: 2023 })
        year.push(performance.now() - t)
      }
      process.stdout.write(
        `gains report, 100,000 transactions × 5 years, ${method.padEnd(7)}: every year (${rows} rows) cold ${median(cold).toFixed(0)} ms, warm ${median(warm).toFixed(0)} ms; one year warm ${median(year).toFixed(0)} ms (medians of 3)   target < 1000 ms\n`
      )
    }
  } finally {
    core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
