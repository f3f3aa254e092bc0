import type { Runner } from '../context'
import { alertsCommand } from './alerts'
import { backtestCommand } from './backtest'
import { backupCommand } from './backup'
import { coinCommand } from './coin'
import { connectionsCommand } from './connections'
import { hintsCommand } from './hints'
import { historyCommand } from './history'
import { indexCommand } from './index-command'
import { infoCommand } from './info'
import { portfolioCommand } from './portfolio'
import { serveCommand } from './serve'
import { syncCommand } from './sync'
import { watchlistCommand } from './watchlist'

/** Every command, in the order help lists them; built afresh for each run, as commander keeps parse state. */
export function createCommands(run: Runner) {
  return [
    infoCommand(run),
    serveCommand(run),
    syncCommand(run),
    indexCommand(run),
    historyCommand(run),
    coinCommand(run),
    watchlistCommand(run),
    alertsCommand(run),
    portfolioCommand(run),
    connectionsCommand(run),
    hintsCommand(run),
    backtestCommand(run),
    backupCommand(run)
  ]
}
