import { z } from 'zod'

/**
 * Where the market data provider lives, and which addresses an API key may travel to (DESIGN §4:
 * a provider address is https, loopback excepted; a key goes only to the host it belongs to).
 * Shared so that the settings schema, the command line, the sync and the Settings page say the
 * same thing.
 */

/** CoinGecko's plans: public needs no key; demo and pro keys each have their own header. */
export const providerTierSchema = z.enum(['public', 'demo', 'pro'])
export type ProviderTier = z.infer<typeof providerTierSchema>

export const PUBLIC_BASE_URL = 'https://api.coingecko.com/api/v3'
export const PRO_BASE_URL = 'https://pro-api.coingecko.com/api/v3'

/** Longer addresses are refused; no real provider base URL comes near it. */
export const MAX_PROVIDER_URL_LENGTH = 500

/** The CoinGecko base URL of a tier: the pro tier has its own host. */
export function tierBaseUrl(tier: ProviderTier): string {
  return tier === 'pro' ? PRO_BASE_URL : PUBLIC_BASE_URL
}

/**
 * This computer: 127.0.0.0/8, ::1 and localhost. The WHATWG parser has already turned other
 * spellings (2130706433, 0x7f.1, [0:0:0:0:0:0:0:1], LOCALHOST) into these.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

/**
 * What is wrong with a provider base URL, as the end of a sentence ("must use https …"), or null
 * when it may be used. Plain http is allowed only on this computer, where nobody on the network
 * can read the key in transit.
 */
export function providerAddressProblem(address: string): string | null {
  if (address.length > MAX_PROVIDER_URL_LENGTH) return `must be at most ${MAX_PROVIDER_URL_LENGTH} characters long`
  let url: URL
  try {
    url = new URL(address)
  } catch {
    return 'must be a web address such as https://api.coingecko.com/api/v3'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an https address'
  if (url.username !== '' || url.password !== '') return 'must not contain a user name or password'
  if (url.search !== '' || url.hash !== '' || address.includes('?') || address.includes('#'))
    return 'must not contain "?" or "#"'
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
    return 'must use https (plain http only for this computer: localhost, 127.x.x.x or ::1)'
  return null
}

/**
 * The origin (scheme, host and port) the provider key is sent to under these settings: the
 * address's when one is set, else the tier's own. Null for an address that cannot be used.
 */
export function providerOrigin(tier: ProviderTier, providerUrl: string): string | null {
  const address = providerUrl.trim() || tierBaseUrl(tier)
  if (providerAddressProblem(address) !== null) return null
  return new URL(address).origin
}
