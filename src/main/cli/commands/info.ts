import type { Command } from '../command'

export const infoCommand: Command = {
  name: 'info',
  summary: 'version, data folder and database schema version',
  usage: 'info [--json]',
  options: [],
  async run(context) {
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
  }
}
