import { Command } from '@commander-js/extra-typings'
import type { ChannelOutput } from '../../../shared/contract'
import { costMethods } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
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

const usd = (v: number) => `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

function describe(r: ChannelOutput<'rebalance:get-hints'>): string {
  const lines = [
    `Regime: ${r.regime} (index ${Math.round(r.indexValue)} as of ${r.asOf}; since ${r.regimeSince})`,
    `Portfolio: ${usd(r.allocation.total)} at prices as of ${r.pricesAsOf ?? 'n/a'}`,
    ...r.allocation.sleeves.map(
      (s) =>
        `  ${s.sleeve.padEnd(12)} ${s.percent.toFixed(1).padStart(5)}%  target ${s.target}%  band ±${s.band.toFixed(1)}${s.outside ? '  OUT OF BAND' : ''}`
    ),
    ''
  ]
  if (r.hints.length === 0) lines.push(r.due ? 'No trade to make (see the notes).' : 'No trade is due.')
  for (const h of r.hints) {
    lines.push(
      `${h.action.toUpperCase()} ${h.quantity} ${h.symbol.toUpperCase()} (${usd(h.value)}, fee ~${usd(h.fee)})`
    )
    if (h.sale)
      lines.push(
        h.sale.realizedGain === null || h.sale.costBasis === null
          ? `  realizes an unknown gain (${h.sale.method}): a lot it takes has an unknown cost`
          : `  realizes ${usd(h.sale.realizedGain)} (${h.sale.method}, cost basis ${usd(h.sale.costBasis)})`
      )
    lines.push(`  ${h.reason}`)
  }
  for (const note of r.notes) lines.push(`Note: ${note}`)
  lines.push('', r.disclaimer, '')
  return lines.join('\n')
}
