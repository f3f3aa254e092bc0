import { Command } from '@commander-js/extra-typings'
import type { Runner } from '../context'

export function infoCommand(run: Runner) {
  return new Command('info').description('version, data folder and database schema version').action(
    run(async (context) => {
      const info = await context.call('app:get-info', undefined)
      if (context.json) context.printJson(info)
      else {
        const lines = [
          `Seasonwatch ${info.version}`,
          `data folder:     ${info.dataDir}`,
          `database:        ${info.databasePath}`,
          `schema version:  ${info.schemaVersion}`
        ]
        context.io.stdout.write(`${lines.join('\n')}\n`)
      }
      return 0
    })
  )
}
