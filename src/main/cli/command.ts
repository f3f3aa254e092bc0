import type { Core } from '../core/create-core'
import type { Channel, ChannelInput, ChannelOutput, Runtime } from '../../shared/contract'
import type { OptionSpec, OptionValues } from './args'

export interface CliIo {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  env: NodeJS.ProcessEnv
  /** Resolves when the process is asked to stop (Ctrl-C); long-running commands await it. */
  interrupted: Promise<void>
  fetch?: typeof fetch
}

export interface CommandContext {
  options: OptionValues
  positionals: string[]
  dataDir: string
  json: boolean
  io: CliIo
  /** Opens the core on the data folder; the caller closes it when done. */
  openCore(runtime?: Runtime): Core
  /**
   * Calls one channel through the same dispatcher as the windows (opening and closing the core),
   * and throws its error as an AppError.
   */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>
  /** Writes the one JSON document of a --json run. */
  printJson(value: unknown): void
  /** Progress and messages for people: always stderr, so stdout stays parseable. */
  say(line: string): void
}

export interface Command {
  name: string
  summary: string
  usage: string
  options: OptionSpec[]
  run(context: CommandContext): Promise<number>
}

export const GLOBAL_OPTIONS: OptionSpec[] = [
  {
    name: 'data-dir',
    type: 'string',
    value: 'DIR',
    description: "data folder (default: the desktop app's own; env SEASONWATCH_DATA_DIR)"
  },
  { name: 'json', type: 'boolean', description: 'print exactly one JSON document on stdout' },
  { name: 'help', type: 'boolean', description: 'show help' },
  { name: 'version', type: 'boolean', description: 'print the version' }
]
