import { Argument, Command } from '@commander-js/extra-typings'
import { signedPercent } from '../../../shared/format'
import type { Runner } from '../context'

const pct = (change: number | null) => signedPercent(change)

export function watchlistCommand(run: Runner) {
  const coinArgument = () => new Argument('<id>', 'the coin id, e.g. ethereum')
  return new Command('watchlist')
    .description('the coins you follow: price, 24h/7d/30d change and window return against Bitcoin')
    .addCommand(
      new Command('list').description('every followed coin, as of the last stored day').action(
        run(async (context) => {
          const list = await context.call('watchlist:list', undefined)
          if (context.json) {
            context.printJson(list)
            return 0
          }
          context.say(`Watchlist as of ${list.asOf ?? 'no stored day'} (${list.window}-day window against Bitcoin)`)
          const lines = list.items.map(
            (i) =>
              `${i.symbol.toUpperCase().padEnd(8)} ${String(i.price ?? '—').padStart(14)}  24h ${pct(i.change24h).padStart(7)}  7d ${pct(i.change7d).padStart(7)}  30d ${pct(i.change30d).padStart(7)}  window ${pct(i.windowRatio === null ? null : i.windowRatio - 1).padStart(8)} vs BTC ${pct(i.btcWindowRatio === null ? null : i.btcWindowRatio - 1).padStart(8)}  ${i.beatsBitcoin === null ? 'unmeasured' : i.beatsBitcoin ? 'beats BTC' : 'lags BTC'}`
          )
          context.io.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : 'No coins followed yet.\n')
          return 0
        })
      )
    )
    .addCommand(
      new Command('add')
        .description('follow a coin')
        .addArgument(coinArgument())
        .action(
          run(async (context, id) => {
            const result = await context.call('watchlist:add', { coinId: id })
            if (context.json) context.printJson(result)
            else context.say(result.added ? `Following ${id}.` : `${id} was already followed.`)
            return 0
          })
        )
    )
    .addCommand(
      new Command('remove')
        .description('stop following a coin')
        .addArgument(coinArgument())
        .action(
          run(async (context, id) => {
            const result = await context.call('watchlist:remove', { coinId: id })
            if (context.json) context.printJson(result)
            else context.say(result.removed ? `No longer following ${id}.` : `${id} was not followed.`)
            return 0
          })
        )
    )
}
