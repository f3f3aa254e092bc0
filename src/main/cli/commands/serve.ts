import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { AppError } from '../../../shared/errors'
import { startBrowserServer } from '../../server/browser-server'
import type { Command } from '../command'

export const serveCommand: Command = {
  name: 'serve',
  summary: 'browser mode: the app in your browser, on 127.0.0.1 only',
  usage: 'serve [--port P]',
  options: [
    { name: 'port', type: 'number', value: 'P', description: 'port on 127.0.0.1 (default: a free one)' },
    {
      name: 'schedule',
      type: 'boolean',
      description: 'sync in the background as the desktop app does (default; --no-schedule turns it off)'
    }
  ],
  async run(context) {
    const port = context.options.port as number | undefined
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
      throw new AppError('VALIDATION', `--port must be a whole number from 0 to 65535, not ${port}`)
    }
    const rendererDir = locateRenderer()
    const core = context.openCore('browser')
    try {
      const server = await startBrowserServer({ core, rendererDir, port: port ?? 0 })
      core.start({ syncSchedule: context.options.schedule !== false })
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
  }
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
