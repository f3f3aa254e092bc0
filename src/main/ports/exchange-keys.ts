import { z } from 'zod'
import { exchangeInfo, secretText } from '../../shared/exchanges'
import type { ExchangeId } from '../../shared/exchanges'
import type { SecretStore } from './deps'

/**
 * Where exchange keys live (DESIGN §4): encrypted by the OS (safeStorage in the desktop app, the
 * OS keyring for the command line and browser mode), or read from the environment where no
 * keyring exists. Never in SQLite, never in the log, never sent to the window.
 */
export interface ExchangeCredentials {
  apiKey: string
  secret: string
}

const credentialsSchema = z.object({ apiKey: z.string().min(1).max(1000), secret: z.string().min(1).max(10_000) })

export type KeyBackend = 'keychain' | 'basic_text' | 'keyring' | 'env' | 'memory'

export interface ExchangeKeyStore {
  readonly backend: KeyBackend
  /** False where keys cannot be stored (the environment): the statement says what to do instead. */
  readonly writable: boolean
  /** Where keys live, in words shown next to the connections. */
  readonly statement: string
  load(exchange: ExchangeId): ExchangeCredentials | null
  save(exchange: ExchangeId, credentials: ExchangeCredentials): void
  remove(exchange: ExchangeId): void
}

const nameOf = (exchange: ExchangeId) => `exchange-key:${exchange}` as const

function parse(text: string | null): ExchangeCredentials | null {
  if (text === null) return null
  try {
    const parsed = credentialsSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

const STATEMENTS: Record<Exclude<KeyBackend, 'env'>, string> = {
  keychain: 'Keys are encrypted by your operating system’s keychain.',
  basic_text:
    'Weak key storage: this system offers no keyring, so keys are only obfuscated. Use read-only keys and remove them when done.',
  keyring: 'Keys are kept in your operating system’s keyring.',
  memory: 'Keys are kept in memory only and are forgotten when Seasonwatch closes.'
}

const NO_KEYRING_MEMORY =
  'No OS keyring is available here, so keys are kept in memory only: they are forgotten when Seasonwatch stops, ' +
  'and a connection then needs its key again.'

/**
 * The desktop app's store: the same safeStorage-encrypted secrets as the provider key. Where the
 * system cannot encrypt at all (safeStorage unavailable), keys are not stored: they are read from
 * the environment, as where no keyring exists, and the statement says so.
 */
export function exchangeKeysInSecrets(secrets: SecretStore, env: NodeJS.ProcessEnv = process.env): ExchangeKeyStore {
  if (secrets.backend === 'env' || !secrets.writable) return envExchangeKeys(env)
  return {
    backend: secrets.backend,
    writable: secrets.writable,
    statement: STATEMENTS[secrets.backend],
    load: (exchange) => parse(secrets.get(nameOf(exchange))),
    save: (exchange, credentials) => secrets.set(nameOf(exchange), JSON.stringify(credentials)),
    remove: (exchange) => secrets.set(nameOf(exchange), null)
  }
}

/** The part of an OS keyring library the store uses; `@napi-rs/keyring` in practice, a fake in tests. */
export interface KeyringPort {
  get(service: string, account: string): string | null
  set(service: string, account: string, value: string): void
  delete(service: string, account: string): void
}

const SERVICE = 'Seasonwatch'

/**
 * Keys in the OS keyring, or — where the keyring cannot be reached (a server without a secret
 * service) — read from the environment, which the statement says plainly. The keyring is probed
 * on first use (not when a command that never touches an exchange starts), by writing and removing
 * an entry: where no keyring service runs, a read answers "nothing stored" while a write fails, so
 * only a write tells.
 */
export function keyringExchangeKeys(
  loadKeyring: () => KeyringPort | null,
  env: NodeJS.ProcessEnv,
  /**
   * Where keys go without a keyring: the command line reads them from the environment; browser
   * mode, whose window has a form to type them into, keeps them in memory until it stops.
   */
  fallback: 'env' | 'memory' = 'env'
): ExchangeKeyStore & { readonly fallbackReason: string | null } {
  let chosen: { store: ExchangeKeyStore; reason: string | null } | undefined
  const fromEnv = envExchangeKeys(env)
  const resolve = () => {
    if (chosen) return chosen
    const keyring = keyringTurnedOff(env) ? null : loadKeyring()
    const reason = keyringTurnedOff(env)
      ? 'the OS keyring is turned off (SEASONWATCH_KEYRING=off)'
      : keyring === null
        ? 'no keyring library could be loaded'
        : keyringProblem(loadKeyring, keyring)
    if (keyring === null || reason !== null)
      return (chosen = { store: fallback === 'memory' ? memoryThenEnv(fromEnv) : fromEnv, reason })
    const store: ExchangeKeyStore = {
      backend: 'keyring',
      writable: true,
      statement: STATEMENTS.keyring,
      // A key set in the environment still serves an exchange whose key was never stored.
      load: (exchange) => parse(keyring.get(SERVICE, nameOf(exchange))) ?? fromEnv.load(exchange),
      save: (exchange, credentials) => keyring.set(SERVICE, nameOf(exchange), JSON.stringify(credentials)),
      remove: (exchange) => keyring.delete(SERVICE, nameOf(exchange))
    }
    return (chosen = { store, reason: null })
  }
  return {
    get backend() {
      return resolve().store.backend
    },
    get writable() {
      return resolve().store.writable
    },
    get statement() {
      return resolve().store.statement
    },
    get fallbackReason() {
      return resolve().reason
    },
    load: (exchange) => resolve().store.load(exchange),
    save: (exchange, credentials) => resolve().store.save(exchange, credentials),
    remove: (exchange) => resolve().store.remove(exchange)
  }
}

/**
 * `SEASONWATCH_KEYRING=off` keeps a process away from the OS keyring (keys then live in memory or
 * the environment, as where none exists). The tests set it, so they never read or overwrite the
 * keys of a Seasonwatch installed on the same computer.
 */
export function keyringTurnedOff(env: NodeJS.ProcessEnv): boolean {
  return env.SEASONWATCH_KEYRING?.trim().toLowerCase() === 'off'
}

/**
 * Why a keyring cannot keep a key (null when it can), asked once per process and loader: where no keyring service
 * runs, `@napi-rs/keyring` refuses the first write and then accepts later ones into memory that
 * no other process sees, so a second probe would wrongly pass.
 */
const probes = new WeakMap<() => KeyringPort | null, string | null>()

export function keyringProblem(loader: () => KeyringPort | null, keyring: KeyringPort): string | null {
  if (probes.has(loader)) return probes.get(loader)!
  let reason: string | null = null
  try {
    keyring.set(SERVICE, 'probe', 'probe')
    keyring.delete(SERVICE, 'probe')
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error)
  }
  probes.set(loader, reason)
  return reason
}

/** Keys read from SEASONWATCH_<EXCHANGE>_API_KEY and _API_SECRET each time; never stored anywhere. */
export function envExchangeKeys(env: NodeJS.ProcessEnv): ExchangeKeyStore {
  return {
    backend: 'env',
    writable: false,
    statement:
      'No OS keyring is available here, so Seasonwatch stores no exchange keys: it reads them from ' +
      'SEASONWATCH_<EXCHANGE>_API_KEY and SEASONWATCH_<EXCHANGE>_API_SECRET each time it syncs.',
    load(exchange) {
      const info = exchangeInfo[exchange]
      const apiKey = env[info.keyEnv]?.trim()
      const secret = env[info.secretEnv] === undefined ? undefined : secretText(env[info.secretEnv]!)
      return apiKey && secret ? { apiKey, secret } : null
    },
    save() {},
    remove() {}
  }
}

export function memoryExchangeKeys(): ExchangeKeyStore {
  const values = new Map<ExchangeId, ExchangeCredentials>()
  return {
    backend: 'memory',
    writable: true,
    statement: STATEMENTS.memory,
    load: (exchange) => values.get(exchange) ?? null,
    save: (exchange, credentials) => void values.set(exchange, credentials),
    remove: (exchange) => void values.delete(exchange)
  }
}

/** Memory first, then the environment: a key typed into the window, or one set for the command line. */
function memoryThenEnv(fromEnv: ExchangeKeyStore): ExchangeKeyStore {
  const memory = memoryExchangeKeys()
  return {
    ...memory,
    statement: NO_KEYRING_MEMORY,
    load: (exchange) => memory.load(exchange) ?? fromEnv.load(exchange)
  }
}
