import { resolve } from 'node:path'
import { AppError } from '../../shared/errors'
import { createCore } from '../core/create-core'
import { defaultDataDir } from '../core/data-dir'
import { envSecrets, stderrLogger } from '../ports/deps'
import { APP_VERSION } from '../core/version'
import { formatOptions, parseArgs, UsageError } from './args'
import { GLOBAL_OPTIONS } from './command'
import type { CliIo, Command, CommandContext } from './command'
import { commands } from './commands'

export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2

/** Runs one command line and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const name = argv.find((arg) => !arg.startsWith('-'))
  const command = commands.find((c) => c.name === name)
  const json = argv.includes('--json')
  try {
    if (!command) {
      if (argv.includes('--version')) {
        io.stdout.write(`${APP_VERSION}\n`)
        return EXIT_OK
      }
      if (name === undefined || argv.includes('--help') || name === 'help') {
        io.stdout.write(mainHelp())
        return name === undefined && !argv.includes('--help') ? EXIT_USAGE : EXIT_OK
      }
      throw new UsageError(`unknown command "${name}"; run "seasonwatch --help" for the list`)
    }
    const rest = argv.filter((arg, index) => index !== argv.indexOf(command.name))
    const parsed = parseArgs(rest, [...GLOBAL_OPTIONS, ...command.options])
    if (parsed.options.help) {
      io.stdout.write(commandHelp(command))
      return EXIT_OK
    }
    if (parsed.positionals.length > 0 && !command.usage.includes('FILE')) {
      throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`)
    }
    const dataDir = resolve(String(parsed.options['data-dir'] ?? defaultDataDir(io.env)))
    const openCore: CommandContext['openCore'] = (runtime = 'cli') =>
      createCore({
        dataDir,
        runtime,
        log: stderrLogger(io.env.SEASONWATCH_LOG_LEVEL === 'debug' ? 'debug' : 'warn'),
        secrets: envSecrets(io.env),
        ...(io.fetch ? { fetch: io.fetch } : {})
      })
    const context: CommandContext = {
      options: parsed.options,
      positionals: parsed.positionals,
      dataDir,
      json,
      io,
      openCore,
      async call(channel, input) {
        const core = openCore('cli')
        try {
          const envelope = await core.dispatch(channel, input, { runtime: 'cli' })
          if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message)
          return envelope.data as never
        } finally {
          core.close()
        }
      },
      printJson: (value) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
      say: (line) => io.stderr.write(`${line}\n`)
    }
    return await command.run(context)
  } catch (error) {
    return reportFailure(error, json, io)
  }
}

function reportFailure(error: unknown, json: boolean, io: CliIo): number {
  const usage = error instanceof UsageError
  const code = usage ? 'VALIDATION' : error instanceof AppError ? error.code : 'INTERNAL'
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'failed'
  io.stderr.write(`seasonwatch: ${message}\n`)
  if (json) io.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`)
  return usage ? EXIT_USAGE : EXIT_FAILURE
}

function mainHelp(): string {
  return [
    'Seasonwatch: the Altcoin Season Index from your own local market history.',
    '',
    'Usage: seasonwatch <command> [options]',
    '',
    'Commands:',
    ...commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '',
    'Global options:',
    formatOptions(GLOBAL_OPTIONS),
    '',
    'Run "seasonwatch <command> --help" for a command\'s options.',
    ''
  ].join('\n')
}

function commandHelp(command: Command): string {
  return [
    `Usage: seasonwatch ${command.usage}`,
    '',
    command.summary,
    '',
    'Options:',
    formatOptions([...command.options, ...GLOBAL_OPTIONS]),
    ''
  ].join('\n')
}
