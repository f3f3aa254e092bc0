import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'

// The release workflow attaches SHA256SUMS.txt beside the installers; users check a download
// against it with sha256sum -c (README, "Download"), so its lines must be exactly in that format.

const run = promisify(execFile)
const script = resolve(__dirname, '../../../scripts/release/checksums.cjs')
const dirs: string[] = []

function distFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-dist-'))
  dirs.push(dir)
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
  return dir
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

describe('scripts/release/checksums.cjs', () => {
  it('lists every installer with its SHA-256, in sha256sum format, names in byte order', async () => {
    const dir = distFolder({
      'Seasonwatch-0.2.0-x86_64.AppImage': 'appimage bytes',
      'seasonwatch_0.2.0_amd64.deb': 'deb bytes',
      'Seasonwatch-Setup-0.2.0.exe': 'exe bytes',
      'Seasonwatch-0.2.0-arm64.dmg': 'dmg bytes',
      // Left out: update metadata, blockmaps and build logs are not installers.
      'Seasonwatch-Setup-0.2.0.exe.blockmap': 'blockmap',
      'latest.yml': 'version: 0.2.0',
      'builder-debug.yml': 'log'
    })
    mkdirSync(join(dir, 'linux-unpacked'))
    const output = join(dir, 'SHA256SUMS-Linux.txt')

    await run(process.execPath, [script, dir, output])

    expect(readFileSync(output, 'utf8')).toBe(
      [
        `${sha256('dmg bytes')}  Seasonwatch-0.2.0-arm64.dmg`,
        `${sha256('appimage bytes')}  Seasonwatch-0.2.0-x86_64.AppImage`,
        `${sha256('exe bytes')}  Seasonwatch-Setup-0.2.0.exe`,
        `${sha256('deb bytes')}  seasonwatch_0.2.0_amd64.deb`,
        ''
      ].join('\n')
    )
  })

  it('fails, writing nothing, when the folder holds no installer', async () => {
    const dir = distFolder({ 'latest.yml': 'version: 0.2.0' })
    const output = join(dir, 'SHA256SUMS.txt')

    const failure = await run(process.execPath, [script, dir, output]).catch((error: { stderr: string }) => error)

    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining('No installers') })
    expect(() => readFileSync(output)).toThrow()
  })
})
