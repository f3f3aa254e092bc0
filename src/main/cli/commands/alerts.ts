import { Argument, Command, Option } from '@commander-js/extra-typings'
import type { PriceAlertInput } from '../../../shared/contract/coins'
import type { Runner } from '../context'
import { integerOption, numberOption } from '../options'
import { UsageError } from '../usage-error'

function ruleWords(rule: { kind: string; threshold: number | null; periodDays: number | null }): string {
  switch (rule.kind) {
    case 'above':
      return `above $${rule.threshold}`
    case 'below':
      return `below $${rule.threshold}`
    case 'move':
      return `moves ±${rule.threshold}% in ${rule.periodDays} day(s)`
    default:
      return 'starts or stops beating Bitcoin over the index window'
  }
}

export function alertsCommand(run: Runner) {
  return new Command('alerts')
    .description('price alerts on coins: the rules, and the alerts that fired after syncs')
    .addCommand(
      new Command('list')
        .description('every price alert rule, whether price alerts are on, and the newest alerts that fired')
        .action(
          run(async (context) => {
            const result = await context.call('price-alerts:list', undefined)
            if (context.json) {
              context.printJson(result)
              return 0
            }
            context.say(
              `Price alerts are ${result.enabled ? 'on' : 'off (turn them on in the app: Coins, Price alerts)'}.`
            )
            const lines = [
              ...result.rules.map((r) => `#${r.id}  ${r.symbol.toUpperCase().padEnd(8)} ${ruleWords(r)}`),
              ...(result.fired.length > 0 ? ['', 'Fired:'] : []),
              ...result.fired.map((a) => `${a.asOf}  ${a.title} — ${a.body}`)
            ]
            context.io.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : 'No price alerts yet.\n')
            return 0
          })
        )
    )
    .addCommand(
      new Command('add')
        .description('add a price alert on a coin: one of --above, --below, --move with --days, or --beats-btc')
        .addArgument(new Argument('<id>', 'the coin id, e.g. ethereum'))
        .addOption(numberOption('--above <USD>', 'when the price rises to or above USD'))
        .addOption(numberOption('--below <USD>', 'when the price falls to or below USD'))
        .addOption(numberOption('--move <PCT>', 'when the price moves PCT percent or more either way over --days'))
        .addOption(integerOption('--days <N>', 'the period of --move, 1 to 365 days', 1, 365))
        .addOption(new Option('--beats-btc', 'when it starts or stops beating Bitcoin over the index window'))
        .action(
          run(async (context, id, options) => {
            const given = [options.above, options.below, options.move, options.beatsBtc].filter((v) => v !== undefined)
            if (given.length !== 1) throw new UsageError('give exactly one of --above, --below, --move or --beats-btc')
            let input: PriceAlertInput
            if (options.above !== undefined) input = { coinId: id, kind: 'above', threshold: options.above }
            else if (options.below !== undefined) input = { coinId: id, kind: 'below', threshold: options.below }
            else if (options.move !== undefined) {
              if (options.days === undefined) throw new UsageError('--move needs --days N')
              input = { coinId: id, kind: 'move', threshold: options.move, periodDays: options.days }
            } else input = { coinId: id, kind: 'beats-btc' }
            const rule = await context.call('price-alerts:add', input)
            if (context.json) context.printJson(rule)
            else context.say(`Added price alert #${rule.id}: ${rule.symbol.toUpperCase()} ${ruleWords(rule)}.`)
            return 0
          })
        )
    )
    .addCommand(
      new Command('remove')
        .description('remove a price alert rule by its number')
        .addArgument(new Argument('<n>', 'the rule number from alerts list'))
        .action(
          run(async (context, n) => {
            const id = Number(n)
            if (!Number.isInteger(id)) throw new UsageError(`the rule number must be a whole number, not "${n}"`)
            const result = await context.call('price-alerts:remove', { id })
            if (context.json) context.printJson(result)
            else context.say(result.removed ? `Removed price alert #${id}.` : `There is no price alert #${id}.`)
            return 0
          })
        )
    )
}
