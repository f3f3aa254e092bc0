import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '@playwright/test'
import { newDataDir, removeDataDir, startBrowserMode } from './support/browser-mode'

// The update check in Settings against a loopback stand-in for GitHub's releases API, which counts
// what it is asked: nothing while the setting is off (the default), then one request.

let releases: Server
let releasesUrl: string
let asked: string[] = []

test.beforeAll(async () => {
  releases = createServer((request, response) => {
    asked.push(`${request.method} ${request.url}`)
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(
      JSON.stringify({
        tag_name: 'v9.1.0',
        html_url: 'https://github.com/seasonwatch/seasonwatch/releases/tag/v9.1.0',
        draft: false,
        prerelease: false
      })
    )
  })
  await new Promise<void>((done) => releases.listen(0, '127.0.0.1', done))
  releasesUrl = `http://127.0.0.1:${(releases.address() as AddressInfo).port}/repos/seasonwatch/seasonwatch/releases/latest`
})

test.afterAll(() => new Promise<void>((done) => releases.close(() => done())))

test('update checks are off until turned on; then Settings says which version is available and links to it', async ({
  page
}) => {
  asked = []
  const dataDir = newDataDir()
  const app = await startBrowserMode({ dataDir, env: { SEASONWATCH_RELEASES_URL: releasesUrl } })
  try {
    await page.goto(app.url)
    await page.getByTestId('nav-settings').click()
    const status = page.getByTestId('update-status')
    await expect(status).toHaveText('Update checks are off: Seasonwatch asks nobody about new versions.')
    await expect(page.getByTestId('settings-check-updates')).not.toBeChecked()
    await expect(page.getByTestId('update-check-now')).toHaveCount(0)
    expect(asked).toEqual([])

    await page.getByTestId('settings-check-updates').check()
    await expect(status).toHaveText(/^Version 9\.1\.0 is available\./)
    await expect(page.getByTestId('update-link')).toHaveAttribute(
      'href',
      'https://github.com/seasonwatch/seasonwatch/releases/tag/v9.1.0'
    )
    expect(asked).toEqual(['GET /repos/seasonwatch/seasonwatch/releases/latest'])

    // Saving the rest of the form keeps the choice made in this panel.
    await page.getByTestId('settings-theme').selectOption('dark')
    await page.getByTestId('settings-save').click()
    await expect(page.getByTestId('settings-saved')).toBeVisible()
    await page.reload()
    await page.getByTestId('nav-settings').click()
    await expect(page.getByTestId('settings-check-updates')).toBeChecked()
    // A recent answer is reused; "Check now" asks again.
    await expect(status).toHaveText(/^Version 9\.1\.0 is available\./)
    expect(asked).toHaveLength(1)
    await page.getByTestId('update-check-now').click()
    await expect.poll(() => asked.length).toBe(2)

    await page.getByTestId('settings-check-updates').uncheck()
    await expect(status).toHaveText('Update checks are off: Seasonwatch asks nobody about new versions.')
    expect(asked).toHaveLength(2)
  } finally {
    await app.stop()
    removeDataDir(dataDir)
  }
})
