import type { Command } from '../command'
import { backtestCommand } from './backtest'
import { hintsCommand } from './hints'
import { historyCommand } from './history'
import { indexCommand } from './index-command'
import { infoCommand } from './info'
import { portfolioCommand } from './portfolio'
import { serveCommand } from './serve'
import { syncCommand } from './sync'

/** Every command, in the order help lists them. */
export const commands: readonly Command[] = [
  infoCommand,
  serveCommand,
  syncCommand,
  indexCommand,
  historyCommand,
  portfolioCommand,
  hintsCommand,
  backtestCommand
]
