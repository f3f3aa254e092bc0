import { runCli } from './run'

// Process entry of the `seasonwatch` command: wires the real stdio, environment and Ctrl-C.
const interrupted = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve())
  process.once('SIGTERM', () => resolve())
})

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, interrupted })
  .then((code) => {
    process.exitCode = code
    // Commands that finished have closed what they opened; don't wait on idle keep-alive sockets,
    // but do let a large JSON document finish reaching a pipe before the process ends.
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)))
  })
  .catch((error: unknown) => {
    process.stderr.write(`seasonwatch: ${String(error)}\n`)
    process.exit(1)
  })
