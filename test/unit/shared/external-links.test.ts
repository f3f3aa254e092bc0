import { describe, expect, it } from 'vitest'
import { exchangeIds, exchangeInfo } from '../../../src/shared/exchanges'
import { allowedExternalHref, isAllowedExternalUrl } from '../../../src/shared/external-links'

describe('external links', () => {
  it('hands on the parsed link written out again, not the raw string', () => {
    expect(allowedExternalHref('https://www.coingecko.com/en/api')).toBe('https://www.coingecko.com/en/api')
    expect(allowedExternalHref('https://WWW.COINGECKO.COM/en/api')).toBe('https://www.coingecko.com/en/api')
    expect(allowedExternalHref(' https://coingecko.com/a b\n')).toBe('https://coingecko.com/a%20b')
    expect(allowedExternalHref('https://www.coingecko.com:443/x')).toBe('https://www.coingecko.com/x')
    expect(allowedExternalHref('https://www.coingecko.com\\@evil.example/')).toBe(
      'https://www.coingecko.com/@evil.example/'
    )
  })

  it("opens each exchange's API key page, and only over https on that host", () => {
    for (const id of exchangeIds)
      expect(allowedExternalHref(exchangeInfo[id].keyPage), id).toBe(exchangeInfo[id].keyPage)
    expect(allowedExternalHref('https://www.binance.com/en/my/settings/api-management')).not.toBeNull()
    expect(allowedExternalHref('http://www.binance.com/en/my/settings/api-management')).toBeNull()
    expect(allowedExternalHref('https://binance.com.evil.example/')).toBeNull()
  })

  it('refuses anything but https to an allow-listed host, without credentials or ports', () => {
    for (const raw of [
      'http://www.coingecko.com/',
      'https://evil.example/',
      'https://www.coingecko.com.evil.example/',
      'https://user:pw@www.coingecko.com/',
      'https://www.coingecko.com@evil.example/',
      'https://www.coingecko.com:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url'
    ]) {
      expect(allowedExternalHref(raw), raw).toBeNull()
      expect(isAllowedExternalUrl(raw), raw).toBe(false)
    }
  })
})
