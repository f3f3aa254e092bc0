import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './support/fixtures'
import { newDataDir, removeDataDir, repoRoot, startBrowserMode } from './support/browser-mode'

const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version

test('the shell opens, switches pages by mouse and keyboard, and drops the token from the address', async ({
  page,
  app
}) => {
  await expect(page.getByTestId('app-shell')).toBeVisible()
  expect(new URL(page.url()).searchParams.get('token')).toBeNull()
  await expect(page.getByTestId('page-season')).toBeVisible()

  for (const id of ['portfolio', 'rebalance', 'settings', 'season'] as const) {
    await page.getByTestId(`nav-${id}`).click()
    await expect(page.getByTestId(`page-${id}`)).toBeVisible()
    await expect(page.getByTestId(`nav-${id}`)).toHaveAttribute('aria-current', 'page')
  }

  // Keyboard only, from a fresh load: the skip link comes first, then the navigation.
  await page.reload()
  await expect(page.getByTestId('page-season')).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(page.locator('.skip-link')).toBeFocused()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(page.getByTestId('nav-portfolio')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('page-portfolio')).toBeVisible()
  expect(page.url()).toContain('#/portfolio')
  await page.screenshot({ path: test.info().outputPath('shell-portfolio.png') })
  expect(app.port).toBeGreaterThan(0)
})

test('the theme follows the OS until the user picks one', async ({ page, app }) => {
  expect(app.url).toContain('token=')
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-theme-applied', 'dark')
  await page.emulateMedia({ colorScheme: 'light' })
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-theme-applied', 'light')

  const toggle = page.getByTestId('theme-toggle')
  await expect(toggle).toHaveText('Theme: system')
  await toggle.click()
  await expect(toggle).toHaveText('Theme: light')
  await toggle.click()
  await expect(toggle).toHaveText('Theme: dark')
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-theme-applied', 'dark')
  // A dark choice holds even when the OS turns light.
  await page.emulateMedia({ colorScheme: 'light' })
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.screenshot({ path: test.info().outputPath('shell-dark.png') })
})

test('settings show what app:get-info reports', async ({ page, app }) => {
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('app-version')).toHaveText(version)
  await expect(page.getByTestId('app-runtime')).toHaveText('browser mode')
  await expect(page.getByTestId('app-data-dir')).toHaveText(app.dataDir)
  const schema = Number(await page.getByTestId('app-schema-version').textContent())
  expect(schema).toBeGreaterThanOrEqual(20)
})

test('requests without the token are refused', async ({ app, playwright }) => {
  const anonymous = await playwright.request.newContext()
  try {
    expect((await anonymous.get(`${app.origin}/`)).status()).toBe(401)
    const call = await anonymous.post(`${app.origin}/api/invoke/app:get-info`, { data: {} })
    expect(call.status()).toBe(401)
  } finally {
    await anonymous.dispose()
  }
})

test('the printed address works once: the browser that opened it stays in, a fresh one is refused', async ({
  page,
  app,
  browser
}) => {
  const token = new URL(app.url).searchParams.get('token')
  const cookies = await page.context().cookies(app.origin)
  expect(cookies).toHaveLength(1)
  expect(cookies[0]).toMatchObject({ name: `sw_session_${app.port}`, httpOnly: true, sameSite: 'Strict', path: '/' })
  expect(cookies[0]?.value).not.toBe(token)

  // A reload, and the printed address opened again in the same browser, both keep working.
  await page.reload()
  await expect(page.getByTestId('app-shell')).toBeVisible()
  await page.goto(app.url)
  await expect(page.getByTestId('app-shell')).toBeVisible()
  expect(new URL(page.url()).searchParams.get('token')).toBeNull()

  const fresh = await browser.newContext()
  try {
    const other = await fresh.newPage()
    const answer = await other.goto(app.url)
    expect(answer?.status()).toBe(401)
    await expect(other.locator('body')).toContainText('already been used')
    await expect(other.locator('body')).toContainText('seasonwatch serve')
    expect(await fresh.cookies(app.origin)).toHaveLength(0)
  } finally {
    await fresh.close()
  }
})

test('settings written through the UI survive a restart', async ({ page }) => {
  const dataDir = newDataDir()
  let app = await startBrowserMode({ dataDir })
  try {
    await page.goto(app.url)
    await page.getByTestId('nav-settings').click()
    await page.getByTestId('settings-tracked-coins').fill('300')
    await page.getByTestId('settings-default-window').selectOption('30')
    await page.getByTestId('settings-theme').selectOption('dark')
    await page.getByTestId('settings-save').click()
    await expect(page.getByTestId('settings-saved')).toBeVisible()

    // A bad value is refused with a reason, and the saved values stay.
    await page.getByTestId('settings-tracked-coins').fill('5')
    await page.getByTestId('settings-save').click()
    await expect(page.getByTestId('settings-tracked-coins-error')).toHaveText(
      'Coins tracked: 5 is outside 50 to 2000. Enter a number in that range.'
    )
    // An emptied field stays empty and is refused by its label, never saved as 0.
    await page.getByTestId('settings-tracked-coins').fill('')
    await page.getByTestId('settings-save').click()
    await expect(page.getByTestId('settings-tracked-coins-error')).toHaveText(
      'Coins tracked: enter a number from 50 to 2000.'
    )
    await expect(page.getByTestId('settings-tracked-coins')).toHaveValue('')
    await expect(page.getByTestId('settings-tracked-coins-error')).not.toContainText('trackedCoins')

    await app.stop()
    app = await startBrowserMode({ dataDir })
    await page.goto(app.url)
    await page.getByTestId('nav-settings').click()
    await expect(page.getByTestId('settings-tracked-coins')).toHaveValue('300')
    await expect(page.getByTestId('settings-default-window')).toHaveValue('30')
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  } finally {
    await app.stop()
    removeDataDir(dataDir)
  }
})
