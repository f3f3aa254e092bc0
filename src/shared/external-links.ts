import { exchangeIds, exchangeInfo } from './exchanges'
import { isReleasePageUrl } from './release-source'

/**
 * Hosts the app may open in the system browser, besides Seasonwatch's own release pages: the data
 * provider's, the index's origin, and each connectable exchange's key page. Anything else is refused.
 */
export const externalHosts: readonly string[] = [
  'www.coingecko.com',
  'coingecko.com',
  'docs.coingecko.com',
  'www.blockchaincenter.net',
  ...exchangeIds.map((id) => new URL(exchangeInfo[id].keyPage).hostname)
]

/**
 * The link to hand to the system browser, or null when it is not an allow-listed https link. The
 * answer is the parsed URL written out again, never the raw string: what opens is exactly what was
 * checked, whatever the OS's own parser would make of stray spaces, backslashes or control
 * characters in the original.
 */
export function allowedExternalHref(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  const allowed =
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    (externalHosts.includes(url.hostname) || isReleasePageUrl(url))
  return allowed ? url.href : null
}

export function isAllowedExternalUrl(raw: string): boolean {
  return allowedExternalHref(raw) !== null
}
