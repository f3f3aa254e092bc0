import { Command } from '@commander-js/extra-typings'
import { AppError } from '../../../shared/errors'
import type { SyncProgress } from '../../../shared/contract/sync'
import { providerAddressProblem, providerTierSchema } from '../../../shared/provider-address'
import type { ProviderTier } from '../../../shared/provider-address'
import { describeTierLimit } from '../../../shared/sync-format'
import type { Core } from '../../core/create-core'
import type { SyncSummary } from '../../market/sync-service'
import type { Runner } from '../context'
import { seconds } from '../../../shared/format'
import { choiceOption, numberOption, textOption } from '../options'

export function syncCommand(run: Runner) {
  return new Command('sync')
    .description('one market data sync with the provider (progress on stderr)')
    .addOption(
      textOption(
        '--provider-url <URL>',
        'provider base URL, https (http only on this computer) (env SEASONWATCH_PROVIDER_URL; default: the settings)'
      )
    )
    .addOption(
      choiceOption(
        '--tier <T>',
        providerTierSchema.options,
        (list) =>
          `CoinGecko plan of the key in SEASONWATCH_API_KEY: ${list} (env SEASONWATCH_API_TIER; default: the settings, and demo when a key is set and the settings say public)`
      )
    )
    .addOption(numberOption('--coins <N>', 'how many top coins by market cap to track (default: the settings, 250)'))
    .addOption(
      numberOption(
        '--history-days <D>',
        'days of history to backfill for each tracked coin (default: the settings, 365)'
      )
    )
    .addOption(
      numberOption(
        '--max-rpm <R>',
        'requests per minute to the provider; 0 = no client-side limit (default: the settings, 30)'
      )
    )
    .action(
      run(async (context, options) => {
        const env = context.io.env
        const providerUrl = options.providerUrl ?? env.SEASONWATCH_PROVIDER_URL
        // The environment variables are checked as well as the options, so these are not usage errors.
        const urlProblem = providerUrl ? providerAddressProblem(providerUrl) : null
        if (providerUrl && urlProblem) {
          const source = options.providerUrl !== undefined ? '--provider-url' : 'SEASONWATCH_PROVIDER_URL'
          throw new AppError('VALIDATION', `${source} ${urlProblem}, not ${quoted(providerUrl)}`)
        }
        const envTier = env.SEASONWATCH_API_TIER?.trim() || undefined
        if (envTier !== undefined && !providerTierSchema.safeParse(envTier).success) {
          throw new AppError('VALIDATION', `SEASONWATCH_API_TIER must be public, demo or pro, not ${quoted(envTier)}`)
        }
        const core = context.openCore('cli')
        void context.io.interrupted.then(() => core.services.sync.cancel())
        try {
          const tier = options.tier ?? (envTier as ProviderTier | undefined) ?? keyedDefault(core)
          // Ranges (at least one coin, …) are the sync service's to check, as for the settings screen.
          const summary = await core.services.sync.run({
            ...(providerUrl ? { providerUrl } : {}),
            ...(tier ? { tier } : {}),
            coins: options.coins,
            historyDays: options.historyDays,
            maxRpm: options.maxRpm,
            onProgress: progressPrinter((line) => context.say(line))
          })
          if (context.json) context.printJson(summary)
          else context.io.stdout.write(`${describe(summary)}\n`)
          // Price alerts are evaluated after each sync, here as in the app (when they are on).
          if (summary.status === 'succeeded') {
            const fired = core.services.coins.alerts.check().created
            for (const alert of fired) context.say(`price alert: ${alert.title} — ${alert.body}`)
          }
          if (summary.status !== 'succeeded')
            context.say(`seasonwatch: ${summary.error?.message ?? 'the sync did not finish'}`)
          return summary.status === 'succeeded' ? 0 : 1
        } finally {
          core.close()
        }
      })
    )
}

/**
 * The plan when neither --tier nor SEASONWATCH_API_TIER names one: a key in SEASONWATCH_API_KEY is
 * never left unused, so with the settings at public it goes as a demo key (CoinGecko's free keyed
 * plan). Demo and pro keys look alike; a refused key is told to try --tier pro.
 */
function keyedDefault(core: Core): ProviderTier | undefined {
  const keySet = core.services.secrets.has('provider-api-key')
  return keySet && core.services.settings.get().providerTier === 'public' ? 'demo' : undefined
}

/** A value from the command line or environment, quoted, escaped and cut short for a one-line message. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value)
}

/** One stderr line per phase change and at most one per second within a phase. */
function progressPrinter(say: (line: string) => void): (progress: SyncProgress) => void {
  let lastPhase = ''
  let lastAt = 0
  return (p) => {
    const t = Date.now()
    const finished = p.total > 0 && p.done === p.total
    if (p.phase === lastPhase && t - lastAt < 1000 && !finished && !p.waiting) return
    lastPhase = p.phase
    lastAt = t
    const waiting = p.waiting
      ? ` (waiting ${Math.max(0, Math.round((p.waiting.untilMs - t) / 1000))} s: ${p.waiting.reason})`
      : ''
    say(`sync ${p.phase} ${p.done}/${p.total}${p.currentCoin ? ` ${p.currentCoin}` : ''}${waiting}`)
  }
}

function describe(s: SyncSummary): string {
  const statuses = Object.entries(s.statusCounts)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ')
  return [
    `sync ${s.status} in ${seconds(s.durationMs)}`,
    `requests:       ${s.requests} (${statuses || 'none'})`,
    `coins tracked:  ${s.coinsTracked}; histories fetched this run: ${s.historyFetched}`,
    `days stored:    ${s.daysStored} (${s.valuesStored} coin-days), data as of ${s.dataAsOf ?? 'never'}`,
    ...(s.heldCoins.coins > 0
      ? [
          `held coins:     ${s.heldCoins.coins} (history kept back to each one's first transaction, as far as the tier serves)`
        ]
      : []),
    ...(s.missing.length > 0 ? [`no history at the provider: ${s.missing.join(', ')}`] : []),
    ...nonNull(describeTierLimit(s.heldCoins, 'SEASONWATCH_API_KEY with --tier pro, or Settings in the app')),
    ...s.problems.map((p) => `problem: ${p}`)
  ].join('\n')
}

function nonNull(line: string | null): string[] {
  return line === null ? [] : [line]
}
