import type { Command } from '../command'
import { unwrap } from '../unwrap'

export const infoCommand: Command = {
  name: 'info',
  summary: 'version, data folder and database schema version',
  usage: 'info [--json]',
  options: [],
  async run(context) {
    const core = context.openCore('cli')
    try {
      const info = unwrap(await core.dispatch('app:get-info', undefined, { runtime: 'cli' }))
      if (context.json) context.printJson(info)
      else {
        const lines = [
          `Seasonwatch ${String(info.version)}`,
          `data folder:     ${String(info.dataDir)}`,
          `database:        ${String(info.databasePath)}`,
          `schema version:  ${String(info.schemaVersion)}`
        ]
        context.io.stdout.write(`${lines.join('\n')}\n`)
      }
      return 0
    } finally {
      core.close()
    }
  }
}
