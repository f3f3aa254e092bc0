/** What the core needs from the outside world, passed in so that tests and every runtime can supply it. */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }

/** A logger that writes one line per entry to stderr, so stdout stays free for JSON output. */
export function stderrLogger(minLevel: 'debug' | 'info' | 'warn' | 'error' = 'info'): Logger {
  const order = ['debug', 'info', 'warn', 'error'] as const
  const threshold = order.indexOf(minLevel)
  const write = (level: (typeof order)[number]) => (message: string, fields?: Record<string, unknown>) => {
    if (order.indexOf(level) < threshold) return
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : ''
    process.stderr.write(`[${level}] ${message}${extra}\n`)
  }
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') }
}

/**
 * Where secrets (provider API keys) live. The desktop app encrypts them with the OS keychain; the
 * CLI reads them from the environment. Values never reach the renderer or the log.
 */
export interface SecretStore {
  get(name: SecretName): string | null
  set(name: SecretName, value: string | null): void
  has(name: SecretName): boolean
  /** 'keychain' when encrypted by the OS, 'basic_text' when the OS offers only obfuscation, 'env' or 'memory' otherwise. */
  readonly backend: 'keychain' | 'basic_text' | 'env' | 'memory'
  readonly writable: boolean
}

/** The provider's key, and one credential set per exchange connection (stored as JSON). */
export type SecretName = 'provider-api-key' | `exchange-key:${string}`

export function memorySecrets(initial: Partial<Record<SecretName, string>> = {}): SecretStore {
  const values = new Map<SecretName, string>(Object.entries(initial) as [SecretName, string][])
  return {
    backend: 'memory',
    writable: true,
    get: (name) => values.get(name) ?? null,
    set: (name, value) => {
      if (value === null || value === '') values.delete(name)
      else values.set(name, value)
    },
    has: (name) => values.has(name)
  }
}

/** Secrets from environment variables (SEASONWATCH_API_KEY); read-only. */
export function envSecrets(env: NodeJS.ProcessEnv = process.env): SecretStore {
  const key = env.SEASONWATCH_API_KEY?.trim() || null
  return {
    backend: 'env',
    writable: false,
    get: (name) => (name === 'provider-api-key' ? key : null),
    set: () => {
      throw new Error('Set SEASONWATCH_API_KEY in the environment to give the command line an API key.')
    },
    has: (name) => name === 'provider-api-key' && key !== null
  }
}
