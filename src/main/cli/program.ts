import { Command } from '@commander-js/extra-typings'
import type { CommandUnknownOpts } from '@commander-js/extra-typings'
import { APP_VERSION } from '../core/version'
import { createCommands } from './commands'
import type { CliIo, Runner } from './context'
import { textOption } from './options'

/**
 * The `seasonwatch` command tree. Global options live on the program only: commander parses a
 * parent's options wherever they appear on the line, so `--data-dir DIR info` and `info --data-dir
 * DIR` read alike. Commander reports errors by throwing (exitOverride) and prints nothing of its own
 * on them; runCli turns each into one line.
 */
export function createProgram(io: CliIo, run: Runner) {
  const program = new Command('seasonwatch')
    .description('Seasonwatch: the Altcoin Season Index from your own local market history.')
    .addOption(textOption('--data-dir <DIR>', "data folder (default: the desktop app's own; env SEASONWATCH_DATA_DIR)"))
    .option('--json', 'print exactly one JSON document on stdout')
    .version(APP_VERSION, '--version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      // Only help shown for an error (a missing subcommand) comes here: runCli says it in one line.
      writeErr: () => {},
      outputError: () => {},
      getOutHelpWidth: () => columns(io.stdout)
    })
    .configureHelp({
      showGlobalOptions: true,
      // "--port P", as the README and DESIGN.md write options, rather than commander's "--port <P>".
      optionTerm: (option) => option.flags.replace(/ <([^>]+)>$/, ' $1')
    })
  for (const command of createCommands(run)) program.addCommand(inheritSettings(command, program))
  return program
}

/** addCommand does not pass settings down as .command() does; output and exit handling must reach every level. */
function inheritSettings<C extends CommandUnknownOpts>(command: C, parent: CommandUnknownOpts): C {
  command.copyInheritedSettings(parent)
  for (const sub of command.commands) inheritSettings(sub, command)
  return command
}

function columns(stream: NodeJS.WritableStream): number {
  return 'columns' in stream && typeof stream.columns === 'number' ? stream.columns : 100
}
