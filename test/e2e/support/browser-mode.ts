import { spawn } from 'node:child_process'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const repoRoot = resolve(__dirname, '../../..')
const cliBundle = join(repoRoot, 'out/main/cli.js')

export interface BrowserMode {
  /** The address with its access token, as `serve` prints it. */
  url: string
  origin: string
  port: number
  /** The server process (benchmarks read its memory from /proc). */
  pid: number
  dataDir: string
  /** Everything the server wrote on stderr so far (for failure messages). */
  logs(): string
  stop(): Promise<void>
}

export interface BrowserModeOptions {
  /** Reuse a data folder (to test what survives a restart); a new temp folder otherwise. */
  dataDir?: string
  env?: Record<string, string>
  args?: string[]
  /** Let the background sync run as it does for users; off by default so seeded data stays put. */
  schedule?: boolean
}

/**
 * Starts `seasonwatch serve` from the built bundle (npm test builds first) on a free port and waits
 * for the address it prints. Call stop() to end it; the data folder is left for the caller.
 */
export async function startBrowserMode(options: BrowserModeOptions = {}): Promise<BrowserMode> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'seasonwatch-e2e-'))
  const child = spawn(
    process.execPath,
    [
      cliBundle,
      'serve',
      '--json',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      ...(options.schedule ? [] : ['--no-schedule']),
      ...(options.args ?? [])
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, SEASONWATCH_PROVIDER_URL: 'http://127.0.0.1:9/api/v3', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe']
    }
  )
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const { url, port } = await readAddress(child, () => stderr)
  return {
    url,
    port,
    pid: child.pid ?? 0,
    origin: new URL(url).origin,
    dataDir,
    logs: () => stderr,
    stop: () => stopChild(child)
  }
}

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'seasonwatch-e2e-'))
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

function readAddress(
  child: ChildProcessWithoutNullStreams,
  stderr: () => string
): Promise<{ url: string; port: number }> {
  return new Promise((resolvePromise, reject) => {
    let stdout = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`browser mode did not start within 20 s:\n${stderr()}`))
    }, 20_000)
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      try {
        const parsed = JSON.parse(stdout) as { url: string; port: number }
        clearTimeout(timer)
        resolvePromise(parsed)
      } catch {
        // not the whole document yet
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`browser mode exited with ${code}:\n${stderr()}`))
    })
  })
}

function stopChild(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolvePromise) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000)
    child.once('exit', () => {
      clearTimeout(force)
      resolvePromise()
    })
    child.kill('SIGTERM')
  })
}
