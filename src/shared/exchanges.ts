import { z } from 'zod'
import { providerAddressProblem } from './provider-address'

/**
 * The exchanges Seasonwatch connects to through their APIs, each written once. Adding one is:
 * its id here, its entry in `exchangeInfo` (tsc asks for it), an adapter in
 * `main/exchanges/adapters/` and a fake in `test/support/fake-exchanges/` (docs/connections.md).
 */
export const exchangeIds = ['binance', 'kraken', 'coinbase'] as const
export type ExchangeId = (typeof exchangeIds)[number]
export const exchangeIdSchema = z.enum(exchangeIds)

export interface ExchangeInfo {
  label: string
  /** The hosts a key for this exchange may be sent to (DESIGN §4). */
  apiHosts: readonly string[]
  /** Where the user makes a read-only key (an allow-listed external link). */
  keyPage: string
  /** The environment variable that points the exchange at another address, as --api-url does. */
  urlEnv: string
  /** The environment variables read when no keyring exists. */
  keyEnv: string
  secretEnv: string
  /** Whether the exchange's API can tell what a key may do (Kraken's cannot). */
  rightsCheckable: boolean
}

export const exchangeInfo: Record<ExchangeId, ExchangeInfo> = {
  binance: {
    label: 'Binance',
    apiHosts: ['api.binance.com'],
    keyPage: 'https://www.binance.com/en/my/settings/api-management',
    urlEnv: 'SEASONWATCH_BINANCE_URL',
    keyEnv: 'SEASONWATCH_BINANCE_API_KEY',
    secretEnv: 'SEASONWATCH_BINANCE_API_SECRET',
    rightsCheckable: true
  },
  kraken: {
    label: 'Kraken',
    apiHosts: ['api.kraken.com'],
    keyPage: 'https://www.kraken.com/u/security/api',
    urlEnv: 'SEASONWATCH_KRAKEN_URL',
    keyEnv: 'SEASONWATCH_KRAKEN_API_KEY',
    secretEnv: 'SEASONWATCH_KRAKEN_API_SECRET',
    rightsCheckable: false
  },
  coinbase: {
    label: 'Coinbase',
    apiHosts: ['api.coinbase.com'],
    keyPage: 'https://www.coinbase.com/settings/api',
    urlEnv: 'SEASONWATCH_COINBASE_URL',
    keyEnv: 'SEASONWATCH_COINBASE_API_KEY',
    secretEnv: 'SEASONWATCH_COINBASE_API_SECRET',
    rightsCheckable: true
  }
}

/** What an exchange says a key may do; null where the exchange's API cannot tell. */
export const keyPermissionsSchema = z.object({
  read: z.boolean().nullable(),
  trade: z.boolean().nullable(),
  withdraw: z.boolean().nullable(),
  /** False when the exchange offers no way to ask (the words say what the user must check). */
  checked: z.boolean()
})
export type KeyPermissions = z.infer<typeof keyPermissionsSchema>

/** A key may be stored without confirmation only when the exchange says it can neither trade nor withdraw. */
export function keyIsReadOnly(p: KeyPermissions): boolean {
  return p.checked && p.trade === false && p.withdraw === false
}

/** What is wrong with another address for an exchange's API, or null when it may be used (https, loopback excepted). */
export function exchangeAddressProblem(address: string, example = 'api.binance.com'): string | null {
  const problem = providerAddressProblem(address)
  return problem?.replace('api.coingecko.com/api/v3', example) ?? null
}

/** The last four characters of a key, for showing it masked. */
export function maskedKey(hint: string): string {
  return `••••${hint}`
}

/**
 * A secret as the exchange needs it. A Coinbase key's secret is an EC private key in PEM, over
 * several lines; where it had to fit on one line (an environment variable or a .env file writing
 * "\n", a field that drops line breaks), it is laid out again: its BEGIN line, the key in lines of
 * 64 characters, its END line. Any other secret is only trimmed.
 */
export function secretText(secret: string): string {
  const text = secret.trim().replace(/\\r\\n|\\n/g, '\n')
  const pem = /^(-----BEGIN [A-Z0-9 ]+-----)([\s\S]*?)(-----END [A-Z0-9 ]+-----)$/.exec(text)
  if (!pem) return secret.trim()
  const body = pem[2]!.replace(/\s+/g, '')
  return `${pem[1]}\n${(body.match(/.{1,64}/g) ?? []).join('\n')}\n${pem[3]}\n`
}
