import { describe, expect, it } from 'vitest'
import { isAllowedExternalUrl } from '../../../src/shared/external-links'
import { releasesPageUrl } from '../../../src/shared/release-source'

// The update check's "Version X is available" links to the release; the app opens it in the system
// browser only when it is a page of Seasonwatch's own releases on github.com.
describe('links to Seasonwatch releases', () => {
  it('opens the releases page and a release below it', () => {
    expect(isAllowedExternalUrl(releasesPageUrl)).toBe(true)
    expect(isAllowedExternalUrl(`${releasesPageUrl}/tag/v0.2.0`)).toBe(true)
    expect(isAllowedExternalUrl(`${releasesPageUrl}/latest`)).toBe(true)
  })

  it('refuses the rest of github.com, look-alike paths, other schemes and hosts', () => {
    for (const url of [
      'https://github.com/',
      'https://github.com/seasonwatch/seasonwatch',
      'https://github.com/seasonwatch/seasonwatch/releasesX',
      'https://github.com/someone/seasonwatch/releases',
      'https://github.com/seasonwatch/other/releases/tag/v1.0.0',
      'http://github.com/seasonwatch/seasonwatch/releases',
      'https://github.com:8443/seasonwatch/seasonwatch/releases',
      'https://user@github.com/seasonwatch/seasonwatch/releases',
      'https://gist.github.com/seasonwatch/seasonwatch/releases',
      'https://github.com.evil.test/seasonwatch/seasonwatch/releases'
    ])
      expect(isAllowedExternalUrl(url), url).toBe(false)
  })
})
