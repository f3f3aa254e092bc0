import type { Command } from '../command'
import { infoCommand } from './info'
import { serveCommand } from './serve'

/** Every command, in the order help lists them. */
export const commands: readonly Command[] = [infoCommand, serveCommand]
