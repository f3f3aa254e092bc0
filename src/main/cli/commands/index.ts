import type { Runner } from '../context'
import { backtestCommand } from './backtest'
import { backupCommand } from './backup'
import { connectionsCommand } from './connections'
import { hintsCommand } from './hints'
import { historyCommand } from './history'
import { indexCommand } from './index-command'
import { infoCommand } from './info'
import { portfolioCommand } from './portfolio'
import { serveCommand } from './serve'
import { syncCommand } from './sync'

/** Every command, in the order help lists them; built afresh for each run, as commander keeps parse state. */
export function createCommands(run: Runner) {
  return [
    infoCommand(run),
    serveCommand(run),
    syncCommand(run),
    indexCommand(run),
    historyCommand(run),
    portfolioCommand(run),
    connectionsCommand(run),
    hintsCommand(run),
    backtestCommand(run),
    backupCommand(run)
  ]
}
