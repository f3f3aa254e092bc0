import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { costMethodSchema, importFormatSchema } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import { UsageError } from '../args'
import type { Command, CommandContext } from '../command'
import { unwrap } from '../unwrap'

const SUBCOMMANDS = ['import', 'holdings', 'transactions', 'lots'] as const

function parseMappings(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined
  const out: Record<string, string> = {}
  for (const pair of text.split(',')) {
    const [symbol, coinId] = pair.split('=').map((s) => s.trim())
    if (!symbol || !coinId) throw new UsageError(`--map takes SYMBOL=coin-id pairs separated by commas, not "${pair}"`)
    out[symbol.toUpperCase()] = coinId
  }
  return out
}

const usd = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-US', { style: 'currency', currency: 'USD' }))

export const portfolioCommand: Command = {
  name: 'portfolio',
  summary: 'import exchange CSV exports; list holdings, transactions and open lots',
  usage:
    'portfolio import FILE [--format F] [--dry-run] [--map SYM=id,…] | holdings | transactions | lots [--method M]',
  options: [
    {
      name: 'format',
      type: 'string',
      value: 'F',
      description: 'generic, coinbase, binance or kraken (default: detected from the header)'
    },
    {
      name: 'dry-run',
      type: 'boolean',
      description: 'check the file and report what would be imported, writing nothing'
    },
    {
      name: 'map',
      type: 'string',
      value: 'SYM=ID,…',
      description: 'which provider coin an ambiguous symbol means, e.g. ETH=ethereum'
    },
    {
      name: 'method',
      type: 'string',
      value: 'M',
      description: 'cost-basis method: fifo, hifo or average (default: the setting)'
    }
  ],
  async run(context) {
    const [sub, ...rest] = context.positionals
    if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub))
      throw new UsageError(`portfolio needs one of: ${SUBCOMMANDS.join(', ')}`)
    if (sub !== 'import' && rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`)
    const core = context.openCore('cli')
    try {
      const call = <T>(envelope: Promise<unknown>) => envelope.then((e) => unwrap(e as never) as T)
      const dispatch = (channel: string, input: unknown) =>
        call<never>(core.dispatch(channel as never, input as never, { runtime: 'cli' }))
      const method =
        context.options.method === undefined ? undefined : costMethodSchema.safeParse(context.options.method)
      if (method && !method.success) throw new UsageError('--method must be fifo, hifo or average')
      if (sub === 'import') return await runImport(context, rest, dispatch)
      if (sub === 'holdings') {
        const result = (await dispatch('portfolio:get-holdings', { method: method?.data })) as HoldingsOut
        const rows = result.holdings.map((h) => ({
          coinId: h.coinId,
          symbol: h.symbol,
          quantity: h.quantity,
          price: h.price,
          value: h.value,
          asOf: h.asOf,
          costBasis: h.costBasis,
          unrealizedPnl: h.unrealizedPnl
        }))
        if (context.json) context.printJson(rows)
        else {
          const lines = rows.map(
            (h) =>
              `${h.symbol.padEnd(8)} ${h.quantity.padStart(22)}  ${usd(h.value).padStart(16)}  as of ${h.asOf ?? 'no price'}  basis ${usd(h.costBasis)}`
          )
          context.io.stdout.write(
            `${lines.join('\n') || 'No holdings.'}\nTotal ${usd(result.totals.value)} as of ${result.asOf ?? 'no market data'}\n`
          )
        }
        for (const w of result.warnings) context.say(`warning: ${w.message}`)
        return 0
      }
      if (sub === 'transactions') {
        const all: unknown[] = []
        for (let offset = 0; ; offset += 5000) {
          const page = (await dispatch('portfolio:list-transactions', { limit: 5000, offset })) as {
            total: number
            transactions: { date: string; kind: string; quantity: string; symbol: string }[]
          }
          all.push(...page.transactions)
          if (all.length >= page.total || page.transactions.length === 0) break
        }
        if (context.json) context.printJson(all)
        else {
          const lines = (all as { date: string; kind: string; quantity: string; symbol: string }[]).map(
            (t) => `${t.date}  ${t.kind.padEnd(12)} ${t.quantity} ${t.symbol}`
          )
          context.io.stdout.write(`${lines.join('\n') || 'No transactions.'}\n`)
        }
        return 0
      }
      const lots = (await dispatch('portfolio:get-lots', { method: method?.data })) as {
        lots: { coinId: string | null; symbol: string; acquiredAt: string; quantity: string; costPerUnit: number }[]
      }
      const rows = lots.lots.map((l) => ({
        coinId: l.coinId,
        acquiredAt: l.acquiredAt,
        quantity: l.quantity,
        costPerUnit: l.costPerUnit
      }))
      if (context.json) context.printJson(rows)
      else
        context.io.stdout.write(
          `${lots.lots.map((l) => `${l.symbol.padEnd(8)} ${l.acquiredAt.slice(0, 10)}  ${l.quantity.padStart(22)} at ${usd(l.costPerUnit)}`).join('\n') || 'No open lots.'}\n`
        )
      return 0
    } finally {
      core.close()
    }
  }
}

interface HoldingsOut {
  asOf: string | null
  totals: { value: number }
  warnings: { message: string }[]
  holdings: {
    coinId: string | null
    symbol: string
    quantity: string
    price: number | null
    value: number | null
    asOf: string | null
    costBasis: number
    unrealizedPnl: number | null
  }[]
}

interface ImportOut {
  format: string
  rows: number
  imported: number
  duplicates: number
  errors: { line: number; reason: string }[]
  assets: { symbol: string; status: string; candidates: { id: string }[] }[]
}

async function runImport(
  context: CommandContext,
  rest: string[],
  dispatch: (channel: string, input: unknown) => Promise<never>
): Promise<number> {
  const [file, extra] = rest
  if (!file) throw new UsageError('portfolio import needs the FILE to read')
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`)
  const format = context.options.format === undefined ? undefined : importFormatSchema.safeParse(context.options.format)
  if (format && !format.success) throw new UsageError('--format must be generic, coinbase, binance or kraken')
  let text: string
  try {
    text = readFileSync(resolve(file), 'utf8')
  } catch (error) {
    throw new AppError(
      'NOT_FOUND',
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`
    )
  }
  const input = {
    text,
    format: format?.data,
    fileName: file,
    mappings: parseMappings(context.options.map as string | undefined)
  }
  const preview = (await dispatch('portfolio:preview-import', input)) as ImportOut
  const ambiguous = preview.assets.filter((a) => a.status === 'ambiguous')
  const failed = preview.errors.length > 0
  const result =
    failed || context.options['dry-run'] === true
      ? preview
      : ((await dispatch('portfolio:confirm-import', input)) as ImportOut)
  const doc = {
    format: result.format,
    rows: result.rows,
    imported: failed ? 0 : result.imported,
    duplicates: result.duplicates,
    errors: result.errors
  }
  if (context.json) context.printJson(doc)
  else {
    context.io.stdout.write(
      `${doc.format}: ${doc.rows} rows, ${doc.imported} transactions ${context.options['dry-run'] ? 'would be imported' : 'imported'}, ${doc.duplicates} already present\n`
    )
    for (const e of doc.errors) context.io.stdout.write(`line ${e.line}: ${e.reason}\n`)
  }
  if (failed) context.say(`seasonwatch: ${preview.errors.length} row(s) are invalid; nothing was imported`)
  if (ambiguous.length > 0 && context.options['dry-run'] === true) {
    context.say(
      `these symbols need --map: ${ambiguous.map((a) => `${a.symbol} (${a.candidates.map((c) => c.id).join(', ')})`).join('; ')}`
    )
  }
  return failed ? 1 : 0
}
