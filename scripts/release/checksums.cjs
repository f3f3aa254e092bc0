// Writes the SHA-256 of every installer in a folder to a file in the format of `sha256sum`
// ("<hex>  <name>" per line, names sorted), so a download can be checked with
// `sha256sum -c SHA256SUMS.txt` (Linux), `shasum -a 256 -c` (macOS) or by comparing with
// `Get-FileHash` (Windows). Usage: node scripts/release/checksums.cjs DIR OUTPUT
const { createHash } = require('node:crypto')
const { createReadStream, readdirSync, statSync, writeFileSync } = require('node:fs')
const { basename, join } = require('node:path')

/** What a release attaches: the installers, never unpacked folders, blockmaps or build logs. */
const INSTALLER = /\.(AppImage|deb|dmg|exe)$/

function sha256(file) {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')))
  })
}

async function main([dir, output]) {
  if (!dir || !output) {
    console.error('Usage: node scripts/release/checksums.cjs DIR OUTPUT')
    return 2
  }
  const names = readdirSync(dir)
    .filter((name) => INSTALLER.test(name) && statSync(join(dir, name)).isFile())
    .sort()
  if (names.length === 0) {
    console.error(`No installers (.AppImage, .deb, .dmg, .exe) in ${dir}.`)
    return 1
  }
  const lines = []
  for (const name of names) lines.push(`${await sha256(join(dir, name))}  ${name}`)
  writeFileSync(output, `${lines.join('\n')}\n`)
  console.log(`${basename(output)}: ${names.length} installer(s)\n${lines.join('\n')}`)
  return 0
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`Could not write the checksums: ${error.message}`)
    process.exit(1)
  }
)
