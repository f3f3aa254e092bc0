import { execFile, spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

export const repoRoot = resolve(__dirname, '../../..')
const dist = join(repoRoot, 'dist')
const run = promisify(execFile)

export interface PackagedApp {
  /** The program to start. */
  executable: string
  /** What @electron/fuses reads: the .app bundle on macOS, the program elsewhere. */
  fusesPath: string
  /** The unpacked app's folder; its own native modules live under it. */
  root: string
}

/**
 * The unpacked app electron-builder left in dist/ for this system (linux-unpacked, mac-arm64/…app,
 * win-unpacked), or the one SEASONWATCH_APP names. Throws a plain sentence when there is none.
 */
export function findPackagedApp(): PackagedApp {
  const named = process.env.SEASONWATCH_APP
  if (named) {
    const app = appAt(resolve(named))
    if (!app) throw new Error(`SEASONWATCH_APP is ${named}, which is not a packaged Seasonwatch (its program or .app).`)
    return app
  }
  const folders = existsSync(dist) ? readdirSync(dist).map((name) => join(dist, name)) : []
  for (const folder of folders) {
    const app = appIn(folder)
    if (app) return app
  }
  throw new Error(
    'No packaged Seasonwatch to test: dist/ holds no unpacked app for this system. Package it first with ' +
      '`npx electron-vite build && npx electron-builder --dir` on a machine where Electron can be downloaded ' +
      '(or set SEASONWATCH_APP to a packaged Seasonwatch), then run `npm run test:electron` again.'
  )
}

function appIn(folder: string): PackagedApp | null {
  const name = folder.split(/[\\/]/).pop() ?? ''
  if (process.platform === 'darwin' && /^mac(-\w+)?$/.test(name)) return appAt(join(folder, 'Seasonwatch.app'))
  if (process.platform === 'linux' && /^linux(-\w+)?-unpacked$/.test(name)) return appAt(join(folder, 'seasonwatch'))
  if (process.platform === 'win32' && /^win(-\w+)?-unpacked$/.test(name)) return appAt(join(folder, 'Seasonwatch.exe'))
  return null
}

function appAt(path: string): PackagedApp | null {
  if (path.endsWith('.app')) {
    const executable = join(path, 'Contents/MacOS/Seasonwatch')
    return existsSync(executable) ? { executable, fusesPath: path, root: path } : null
  }
  return existsSync(path) ? { executable: path, fusesPath: path, root: resolve(path, '..') } : null
}

export interface RunningApp {
  process: ChildProcess
  /** The DevTools endpoint Playwright connects to. */
  wsEndpoint: string
  /** What the app wrote so far, stderr and stdout (for failure messages). */
  logs(): string
  /** Resolves with the exit code once the app has ended, or null when it has not within the time. */
  exited(timeoutMs: number): Promise<number | null>
}

/**
 * Starts the packaged program as a user would, plus Chromium's DevTools port for Playwright.
 * Playwright's `_electron.launch` would also pass --inspect to the main process, which the
 * packaged binary refuses (the EnableNodeCliInspectArguments fuse is off), so the window is
 * reached over the DevTools protocol instead and the main process is observed from outside.
 */
export async function startPackagedApp(app: PackagedApp, env: Record<string, string>): Promise<RunningApp> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env }
  delete childEnv.ELECTRON_RUN_AS_NODE
  const child = spawn(app.executable, ['--remote-debugging-port=0'], {
    env: childEnv,
    cwd: env.SEASONWATCH_DATA_DIR,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exit = new Promise<number>((resolveExit) =>
    child.on('exit', (code, signal) => resolveExit(code ?? (signal ? 128 : 1)))
  )
  const wsEndpoint = await new Promise<string>((resolveWs, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The app did not open its window within 60 s.\n${tail(output)}`)),
      60_000
    )
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(output)
      if (found?.[1]) {
        clearTimeout(timer)
        resolveWs(found[1])
      }
    })
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(new Error(`The app could not be started: ${error.message}`))
    })
    void exit.then((code) => {
      clearTimeout(timer)
      reject(new Error(`The app ended (exit code ${code}) before opening its window.\n${tail(output)}`))
    })
  })
  return {
    process: child,
    wsEndpoint,
    logs: () => output,
    exited: (timeoutMs) =>
      Promise.race([exit, new Promise<null>((done) => setTimeout(() => done(null), timeoutMs).unref())])
  }
}

const tail = (text: string) => text.split('\n').slice(-30).join('\n')

/** The files a running process has mapped or open, each once: its loaded libraries and native modules among them. */
export async function loadedFiles(pid: number): Promise<string[]> {
  return [...new Set(await mappedFiles(pid))]
}

async function mappedFiles(pid: number): Promise<string[]> {
  if (process.platform === 'linux')
    return readFileSync(`/proc/${pid}/maps`, 'utf8')
      .split('\n')
      .map((line) => line.split(/\s+/).slice(5).join(' '))
      .filter((path) => path.startsWith('/'))
  if (process.platform === 'darwin') {
    const { stdout } = await run('lsof', ['-p', String(pid), '-Fn'], { maxBuffer: 16 * 1024 * 1024 })
    return stdout
      .split('\n')
      .filter((line) => line.startsWith('n/'))
      .map((line) => line.slice(1))
  }
  const { stdout } = await run(
    'powershell.exe',
    ['-NoProfile', '-Command', `(Get-Process -Id ${pid}).Modules | ForEach-Object { $_.FileName }`],
    { maxBuffer: 16 * 1024 * 1024 }
  )
  return stdout.split(/\r?\n/).filter(Boolean)
}
