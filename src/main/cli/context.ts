import { resolve } from 'node:path'
import type { Channel, ChannelInput, ChannelOutput, Runtime } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { forTerminal, jsonForTerminal } from '../../shared/text'
import { createCore } from '../core/create-core'
import type { Core } from '../core/create-core'
import { defaultDataDir } from '../core/data-dir'
import { envSecrets, stderrLogger } from '../ports/deps'
import { keyringExchangeKeys } from '../ports/exchange-keys'
import { loadOsKeyring } from '../ports/os-keyring'
import { browserSecrets } from '../ports/browser-secrets'

export interface CliIo {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  env: NodeJS.ProcessEnv
  /** Resolves when the process is asked to stop (Ctrl-C); long-running commands await it. */
  interrupted: Promise<void>
  fetch?: typeof fetch
  /** The OS keyring; tests give a fake or none. Defaults to @napi-rs/keyring. */
  keyring?: () => ReturnType<typeof loadOsKeyring>
  /** Reads a line without echo (the key and secret); tests answer it. */
  prompt?: (question: string) => Promise<string>
}

/** The options every command takes, before or after its name. */
export interface GlobalOptions {
  dataDir?: string
  json?: boolean
}

export interface CommandContext {
  dataDir: string
  json: boolean
  io: CliIo
  /**
   * Calls one channel through the same dispatcher as the windows, typed by the contract, and throws
   * its error as an AppError. The first call opens the core; it is closed when the command ends.
   */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>
  /** Opens a core of its own for commands that need more than calls (sync, serve); the caller closes it. */
  openCore(runtime?: Runtime): Core
  /** Writes the one JSON document of a --json run. */
  printJson(value: unknown): void
  /** Progress and messages for people: always stderr, so stdout stays parseable. */
  say(line: string): void
}

/**
 * Turns a command's body into its commander action: the body gets the context and commander's
 * arguments, and answers the exit code. Commander only reports errors, so the code travels this way.
 */
export type Runner = <A extends unknown[]>(
  body: (context: CommandContext, ...args: A) => Promise<number>
) => (...args: A) => Promise<void>

/**
 * A stream whose text is made safe for a terminal on the way out (forTerminal): whatever a command
 * prints, a cell or note holding ESC sequences (colours, OSC-52 clipboard writes) shows as text.
 */
export function terminalSafe(stream: NodeJS.WritableStream): NodeJS.WritableStream {
  return new Proxy(stream, {
    get(target, property) {
      if (property === 'write')
        return (chunk: unknown, ...rest: unknown[]) =>
          (target.write as (...args: unknown[]) => boolean)(
            typeof chunk === 'string' ? forTerminal(chunk) : chunk,
            ...rest
          )
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    }
  })
}

export function createContext(options: GlobalOptions, rawIo: CliIo): CommandContext & { close(): void } {
  const io: CliIo = { ...rawIo, stdout: terminalSafe(rawIo.stdout), stderr: terminalSafe(rawIo.stderr) }
  const dataDir = resolve(options.dataDir ?? defaultDataDir(io.env))
  const openCore = (runtime: Runtime = 'cli') =>
    createCore({
      dataDir,
      runtime,
      log: stderrLogger(io.env.SEASONWATCH_LOG_LEVEL === 'debug' ? 'debug' : 'warn'),
      // Browser mode has a Settings page to type a key into; the command line reads the environment.
      secrets: runtime === 'browser' ? browserSecrets(io.env) : envSecrets(io.env),
      // Outside Electron, exchange keys live in the OS keyring. Where none runs, the command line reads
      // them from the environment, and browser mode keeps what is typed into its window in memory.
      exchangeKeys: keyringExchangeKeys(io.keyring ?? loadOsKeyring, io.env, runtime === 'browser' ? 'memory' : 'env'),
      env: io.env,
      ...(io.fetch ? { fetch: io.fetch } : {})
    })
  let core: Core | undefined
  return {
    dataDir,
    json: options.json === true,
    io,
    openCore,
    async call(channel, input) {
      core ??= openCore('cli')
      const envelope = await core.dispatch(channel, input, { runtime: 'cli' })
      if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message, { kind: envelope.error.kind })
      // The dispatcher has already parsed the data with this channel's output schema.
      return envelope.data as ChannelOutput<typeof channel>
    },
    printJson: (value) => io.stdout.write(`${jsonForTerminal(value, 2)}\n`),
    say: (line) => io.stderr.write(`${line}\n`),
    close() {
      core?.close()
      core = undefined
    }
  }
}
