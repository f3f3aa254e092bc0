import { AppError } from '../../../shared/errors'
import type { SyncProgress } from '../../../shared/contract/sync'
import type { SyncSummary } from '../../market/sync-service'
import type { Command } from '../command'

export const syncCommand: Command = {
  name: 'sync',
  summary: 'one market data sync with the provider (progress on stderr)',
  usage: 'sync [--provider-url URL] [--coins N] [--history-days D] [--max-rpm R]',
  options: [
    {
      name: 'provider-url',
      type: 'string',
      value: 'URL',
      description: 'provider base URL (env SEASONWATCH_PROVIDER_URL; default: the settings)'
    },
    {
      name: 'coins',
      type: 'number',
      value: 'N',
      description: 'how many top coins by market cap to track (default: the settings, 250)'
    },
    {
      name: 'history-days',
      type: 'number',
      value: 'D',
      description: 'days of history to backfill for each tracked coin (default: the settings, 365)'
    },
    {
      name: 'max-rpm',
      type: 'number',
      value: 'R',
      description: 'requests per minute to the provider; 0 = no client-side limit (default: the settings, 30)'
    }
  ],
  async run(context) {
    const providerUrl =
      (context.options['provider-url'] as string | undefined) ?? context.io.env.SEASONWATCH_PROVIDER_URL
    if (providerUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(providerUrl)) {
      throw new AppError('VALIDATION', `--provider-url must be an http(s) address, not "${providerUrl}"`)
    }
    const core = context.openCore('cli')
    const stop = () => core.services.sync.cancel()
    void context.io.interrupted.then(stop)
    try {
      const summary = await core.services.sync.run({
        ...(providerUrl ? { providerUrl } : {}),
        ...numberOption(context.options, 'coins', 'coins'),
        ...numberOption(context.options, 'history-days', 'historyDays'),
        ...numberOption(context.options, 'max-rpm', 'maxRpm'),
        onProgress: progressPrinter((line) => context.say(line))
      })
      if (context.json) context.printJson(summary)
      else context.io.stdout.write(`${describe(summary)}\n`)
      if (summary.status !== 'succeeded')
        context.say(`seasonwatch: ${summary.error?.message ?? 'the sync did not finish'}`)
      return summary.status === 'succeeded' ? 0 : 1
    } finally {
      core.close()
    }
  }
}

function numberOption<K extends string>(
  options: Record<string, unknown>,
  name: string,
  key: K
): Partial<Record<K, number>> {
  const value = options[name]
  if (value === undefined) return {}
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new AppError('VALIDATION', `--${name} must be a whole number, not ${String(value)}`)
  }
  return { [key]: value } as Partial<Record<K, number>>
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
    `sync ${s.status} in ${(s.durationMs / 1000).toFixed(1)} s`,
    `requests:       ${s.requests} (${statuses || 'none'})`,
    `coins tracked:  ${s.coinsTracked}; histories fetched this run: ${s.historyFetched}`,
    `days stored:    ${s.daysStored} (${s.valuesStored} coin-days), data as of ${s.dataAsOf ?? 'never'}`,
    ...(s.missing.length > 0 ? [`no history at the provider: ${s.missing.join(', ')}`] : []),
    ...s.problems.map((p) => `problem: ${p}`)
  ].join('\n')
}
