// Renders build/icon.svg to the PNG sizes electron-builder packs (build/icon.png for macOS and
// Windows, build/icons/NxN.png for Linux) with the local Chromium. Run after changing the SVG:
//   node scripts/render-icons.cjs
const { chromium } = require('playwright-core')
const { mkdirSync, readFileSync } = require('node:fs')
const { join } = require('node:path')

const root = join(__dirname, '..')
const svg = readFileSync(join(root, 'build/icon.svg'), 'utf8')
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024]

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic'
    ]
  })
  mkdirSync(join(root, 'build/icons'), { recursive: true })
  for (const size of sizes) {
    const page = await browser.newPage({ viewport: { width: size, height: size } })
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`
    )
    const file = size === 1024 ? join(root, 'build/icon.png') : join(root, `build/icons/${size}x${size}.png`)
    await page.screenshot({ path: file, omitBackground: true })
    await page.close()
  }
  await browser.close()
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
