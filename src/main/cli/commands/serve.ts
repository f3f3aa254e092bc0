import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Command, Option } from '@commander-js/extra-typings'
import { AppError } from '../../../shared/errors'
import { startBrowserServer } from '../../server/browser-server'
import type { Runner } from '../context'
import { integerOption } from '../options'

export function serveCommand(run: Runner) {
  return new Command('serve')
    .description('browser mode: the app in your browser, on 127.0.0.1 only')
    .addOption(integerOption('--port <P>', 'port on 127.0.0.1 (default: a free one)', 0, 65535))
    .addOption(new Option('--schedule', 'sync in the background as the desktop app does (default)'))
    .addOption(new Option('--no-schedule', 'do not sync in the background'))
    .action(
      run(async (context, options) => {
        const rendererDir = locateRenderer()
        const core = context.openCore('browser')
        try {
          const server = await startBrowserServer({ core, rendererDir, port: options.port ?? 0 })
          core.start({ syncSchedule: options.schedule !== false })
          context.say(`Seasonwatch is running in browser mode. Open this address (it carries a one-time access token):`)
          if (context.json) context.printJson({ url: server.url, port: server.port })
          else context.io.stdout.write(`${server.url}\n`)
          context.say('Press Ctrl-C to stop.')
          await context.io.interrupted
          await server.close()
          return 0
        } finally {
          core.close()
        }
      })
    )
}

/** The built renderer: next to the bundled CLI (out/main/cli.js), or out/renderer in a checkout. */
export function locateRenderer(): string {
  const candidates = [
    join(__dirname, '../renderer'),
    resolve(__dirname, '../../../out/renderer'),
    resolve(process.cwd(), 'out/renderer')
  ]
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')))
  if (!found) throw new AppError('NOT_FOUND', 'The app has not been built yet: run "npm run build" first.')
  return found
}
