import { isReleasePageUrl } from './release-source'

/** Hosts the app may open in the system browser, besides Seasonwatch's own release pages. Anything else is refused. */
export const externalHosts = [
  'www.coingecko.com',
  'coingecko.com',
  'docs.coingecko.com',
  'www.blockchaincenter.net'
] as const

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    ((externalHosts as readonly string[]).includes(url.hostname) || isReleasePageUrl(url))
  )
}
