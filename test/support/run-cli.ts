import { PassThrough } from 'node:stream'
import { runCli } from '../../src/main/cli/run'

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs one command line in this process, as `seasonwatch ARGS` would, and captures what it prints. */
export async function runCliCaptured(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  // As under `npm test`, the OS keyring stays untouched unless a test asks for it.
  const code = await runCli(args, {
    stdout,
    stderr,
    env: { SEASONWATCH_KEYRING: 'off', ...env },
    interrupted: new Promise(() => {})
  })
  return { code, stdout: out, stderr: err }
}
