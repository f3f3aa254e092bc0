import { Argument, Command, Option } from '@commander-js/extra-typings'
import type { Connection, ConnectionSyncResult, Reconcile } from '../../../shared/contract/connections'
import { AppError } from '../../../shared/errors'
import { exchangeIds, exchangeInfo, secretText } from '../../../shared/exchanges'
import type { ExchangeId } from '../../../shared/exchanges'
import type { CommandContext, Runner } from '../context'
import { listOf, textOption } from '../options'
import { promptHidden } from '../prompt'

const exchangeWords = `the exchange: ${listOf(exchangeIds)}`
const exchangeArgument = () => new Argument('<EXCHANGE>', exchangeWords).choices(exchangeIds)
const optionalExchange = () => new Argument('[EXCHANGE]', exchangeWords).choices(exchangeIds)

const when = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString().replace('.000Z', 'Z'))

function describe(c: Connection): string {
  const status =
    c.lastSyncStatus === 'failed' ? `failed: ${c.lastError}` : c.lastSyncStatus === 'ok' ? 'ok' : 'not synced yet'
  return [
    `${c.label} (${c.exchange})  key ${c.keyMasked}${c.keyAvailable ? '' : ' (not at hand)'}`,
    `  ${c.permissionWords}${c.overrideAt !== null ? ` — kept at your explicit confirmation on ${when(c.overrideAt)}` : ''}`,
    `  last sync ${when(c.lastSyncAt)} (${status}); ${c.requestCount} requests, last used ${when(c.lastUsedAt)}`,
    ...(c.apiUrl ? [`  address ${c.apiUrl}`] : [])
  ].join('\n')
}

/** The key and secret from the environment, else asked for without echo; never from the arguments. */
async function readCredentials(context: CommandContext, exchange: ExchangeId) {
  const info = exchangeInfo[exchange]
  const ask = context.io.prompt ?? (async (q: string) => (await promptHidden(q)) ?? '')
  const apiKey = context.io.env[info.keyEnv]?.trim() || (await ask(`${info.label} API key: `)).trim()
  // A PEM secret (Coinbase) keeps its line breaks; written on one line with "\n", they are restored.
  const secret = secretText(context.io.env[info.secretEnv] || (await ask(`${info.label} API secret: `)))
  if (apiKey === '' || secret === '')
    throw new AppError(
      'VALIDATION',
      `No ${info.label} key given: set ${info.keyEnv} and ${info.secretEnv}, or run this in a terminal to be asked.`
    )
  return { apiKey, secret }
}

export function connectionsCommand(run: Runner) {
  return new Command('connections')
    .description('exchange connections with read-only API keys: add, list, sync, remove, reconcile')
    .addCommand(
      new Command('add')
        .description(
          'check what a key may do and store it (again to rotate it); the key and secret come from ' +
            'SEASONWATCH_<EXCHANGE>_API_KEY and _API_SECRET or a prompt, never from the arguments'
        )
        .addArgument(exchangeArgument())
        .addOption(textOption('--api-url <URL>', 'another address for the exchange (env SEASONWATCH_<EXCHANGE>_URL)'))
        .addOption(
          new Option(
            '--allow-trading-key',
            'keep a key that can trade or withdraw (not recommended; the confirmation is logged)'
          )
        )
        .action(
          run(async (context, exchange, options) => {
            const credentials = await readCredentials(context, exchange)
            const added = await context
              .call('connections:add', {
                exchange,
                ...credentials,
                apiUrl: options.apiUrl ?? null,
                allowTradingKey: options.allowTradingKey === true
              })
              .catch((error: unknown) => {
                // The window offers a checkbox for this confirmation; here it is an option.
                if (error instanceof AppError && error.kind === 'key-not-read-only')
                  throw new AppError(error.code, `${error.message} To keep it anyway: --allow-trading-key.`, {
                    kind: error.kind
                  })
                throw error
              })
            const { keyStorage } = await context.call('connections:list', {})
            if (context.json) context.printJson({ ...added, keyStorage })
            else {
              context.io.stdout.write(`${describe(added)}\n`)
              context.say(keyStorage.statement)
            }
            return 0
          })
        )
    )
    .addCommand(
      new Command('list').description('the connections, what each key may do, and their usage').action(
        run(async (context) => {
          const result = await context.call('connections:list', {})
          if (context.json) context.printJson(result)
          else {
            const lines = result.connections.map(describe)
            context.io.stdout.write(`${lines.join('\n') || 'No exchange connections.'}\n`)
            context.say(result.keyStorage.statement)
          }
          return 0
        })
      )
    )
    .addCommand(
      new Command('sync')
        .description('fetch what is new from one exchange, or from every connected one')
        .addArgument(optionalExchange())
        .action(
          run(async (context, exchange) => {
            const results: ConnectionSyncResult[] = await context.call('connections:sync', exchange ? { exchange } : {})
            if (context.json) context.printJson(results)
            else
              for (const r of results)
                context.io.stdout.write(
                  r.ok
                    ? `${exchangeInfo[r.exchange].label}: ${r.written} new, ${r.duplicates} already stored, ${r.requests} requests\n`
                    : `${exchangeInfo[r.exchange].label}: ${r.error?.message}\n`
                )
            return results.every((r) => r.ok) ? 0 : 1
          })
        )
    )
    .addCommand(
      new Command('remove')
        .description('forget a connection and its key; the transactions it brought stay')
        .addArgument(exchangeArgument())
        .action(
          run(async (context, exchange) => {
            const result = await context.call('connections:remove', { exchange })
            if (context.json) context.printJson(result)
            else
              context.io.stdout.write(
                result.removed ? 'Removed.\n' : `There was no ${exchangeInfo[exchange].label} connection.\n`
              )
            return 0
          })
        )
    )
    .addCommand(
      new Command('reconcile')
        .description("compare the exchange's balances with the ledger's, per asset")
        .addArgument(exchangeArgument())
        .addOption(textOption('--record <SYMBOL>', "record that asset's difference as a balance adjustment"))
        .action(
          run(async (context, exchange, options) => {
            if (options.record !== undefined) {
              const recorded = await context.call('connections:record-adjustment', { exchange, symbol: options.record })
              if (!context.json) context.say(`Recorded as transaction ${recorded.transactionId}.`)
            }
            const result: Reconcile = await context.call('connections:reconcile', { exchange })
            if (context.json) context.printJson(result)
            else {
              const rows = result.rows.map(
                (r) =>
                  `${r.symbol.padEnd(8)} exchange ${r.exchange.padStart(16)}  ledger ${r.ledger.padStart(16)}  ${r.cause === 'match' ? 'agrees' : `differs by ${r.difference}: ${r.causeWords}`}`
              )
              context.io.stdout.write(`${rows.join('\n') || 'Nothing held on either side.'}\n`)
            }
            return 0
          })
        )
    )
}
