import { CommanderError } from '@commander-js/extra-typings'
import type { CommandUnknownOpts } from '@commander-js/extra-typings'
import { AppError } from '../../shared/errors'
import { forTerminal, jsonForTerminal } from '../../shared/text'
import { createContext } from './context'
import type { CliIo, Runner } from './context'
import { listOf } from './options'
import { createProgram } from './program'
import { UsageError } from './usage-error'

export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2

/** Runs one command line and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK
  const run: Runner =
    (body) =>
    async (...args) => {
      const context = createContext(program.opts(), io)
      try {
        exitCode = await body(context, ...args)
      } finally {
        context.close()
      }
    }
  const program = createProgram(io, run)
  try {
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (error) {
    // --help, --version and `help CMD` end the parse through the same error path, with exit code 0.
    if (error instanceof CommanderError && error.exitCode === 0) return EXIT_OK
    // --json may sit after the word that failed to parse, where commander never reached it.
    const json = program.opts().json === true || argv.includes('--json')
    return reportFailure(error instanceof CommanderError ? usageError(error, program) : error, json, io)
  }
}

function reportFailure(error: unknown, json: boolean, io: CliIo): number {
  const usage = error instanceof UsageError
  const code = usage ? 'VALIDATION' : error instanceof AppError ? error.code : 'INTERNAL'
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] || 'failed'
  io.stderr.write(`seasonwatch: ${forTerminal(message)}\n`)
  if (json) io.stdout.write(`${jsonForTerminal({ error: { code, message } })}\n`)
  return usage ? EXIT_USAGE : EXIT_FAILURE
}

/** Commander's wording, on one line and in this tool's quoting: `unknown option --colour`, `unknown command "x"`. */
function usageError(error: CommanderError, program: CommandUnknownOpts): UsageError {
  if (error.code === 'commander.help') return missingCommand(program)
  const message = error.message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/^option '(--[\w-]+)[^']*' argument missing$/, '$1 needs a value')
    .replace(/'(--?[\w-]+)(?: <[^>]*>)?'/g, '$1')
    .replace(/'([^']*)'/g, '"$1"')
  return new UsageError(message)
}

/** Commander shows help when a command that only groups others is given none; say which are missing. */
function missingCommand(program: CommandUnknownOpts): UsageError {
  let command = program
  for (;;) {
    const sub = command.commands.find((c) => c.name() === command.args[0])
    if (!sub) break
    command = sub
  }
  const names = listOf(command.commands.map((c) => c.name()))
  return command === program
    ? new UsageError(`a command is needed: ${names}; run "seasonwatch --help" for what each does`)
    : new UsageError(`${command.name()} needs a command: ${names}`)
}
