import { Command } from '@commander-js/extra-typings'
import type { ChannelOutput } from '../../../shared/contract'
import { costMethods } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import { number, percentOf, signedUsd, usd } from '../../../shared/format'
import { groupHints } from '../../../shared/hint-groups'
import type { Runner } from '../context'
import { choiceOption, numberOption } from '../options'

export function hintsCommand(run: Runner) {
  return new Command('hints')
    .description("rebalancing hints for the current regime's targets (not investment advice)")
    .option('--buy-only', 'place new money without selling anything (needs --contribution)')
    .addOption(numberOption('--contribution <USD>', 'new money to place, in USD'))
    .addOption(
      choiceOption(
        '--method <M>',
        costMethods,
        (list) => `cost-basis method for sell previews: ${list} (default: the setting)`
      )
    )
    .addOption(numberOption('--fee <PCT>', 'estimated fee per trade, percent of its value (default: the setting)'))
    .addOption(numberOption('--min-trade <USD>', 'leave out trades smaller than this (default: the setting)'))
    .action(
      run(async (context, options) => {
        if (options.contribution !== undefined && !options.buyOnly)
          throw new AppError('VALIDATION', '--contribution is for --buy-only: add --buy-only to place new money')
        const result = await context.call('rebalance:get-hints', {
          mode: options.buyOnly ? 'buy-only' : 'rebalance',
          contribution: options.contribution,
          method: options.method,
          feeRatePercent: options.fee,
          minTradeUsd: options.minTrade
        })
        if (context.json) context.printJson(result)
        else context.io.stdout.write(describe(result))
        return 0
      })
    )
}

function describe(r: ChannelOutput<'rebalance:get-hints'>): string {
  const lines = [
    `Regime: ${r.regime} (index ${Math.round(r.indexValue)} as of ${r.asOf}; since ${r.regimeSince})`,
    `Portfolio: ${usd(r.allocation.total)} at prices as of ${r.pricesAsOf ?? 'n/a'}`,
    ...r.allocation.sleeves.map(
      (s) =>
        `  ${s.sleeve.padEnd(12)} ${percentOf(s.percent).padStart(6)}  target ${percentOf(s.target, 0)}  band ±${number(s.band, 1)} pts${s.outside ? '  OUT OF BAND' : ''}`
    ),
    ''
  ]
  if (r.hints.length === 0) lines.push(r.due ? 'No trade to make (see the notes).' : 'No trade is due.')
  // The reason is said once per sleeve; quantities stay exact here (the window rounds them for reading).
  for (const group of groupHints(r.hints)) {
    lines.push(`${group.sleeve}: ${group.reason}`)
    for (const h of group.hints) {
      lines.push(
        `  ${h.action.toUpperCase()} ${h.quantity} ${h.symbol.toUpperCase()} (${usd(h.value)} at ${usd(h.price)} as of ${h.priceAsOf}, fee ~${usd(h.fee)})`
      )
      if (h.sale)
        lines.push(
          h.sale.realizedGain === null || h.sale.costBasis === null
            ? `    realizes an unknown gain (${h.sale.method}): a lot it takes has an unknown cost`
            : `    realizes ${signedUsd(h.sale.realizedGain)} (${h.sale.method}, cost basis ${usd(h.sale.costBasis)})`
        )
    }
  }
  for (const note of r.notes) lines.push(`Note: ${note}`)
  lines.push('', r.disclaimer, '')
  return lines.join('\n')
}
