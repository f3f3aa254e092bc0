import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { APP_VERSION } from '../../../src/main/core/version'
import { runCliCaptured } from '../../support/run-cli'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-cli-globals-'))
  dirs.push(dir)
  return dir
}

describe('global options', () => {
  // The README puts global options before the command; scripts put them anywhere.
  const forms: ((dir: string) => string[])[] = [
    (dir) => ['--data-dir', dir, '--json', 'info'],
    (dir) => ['--json', `--data-dir=${dir}`, 'info'],
    (dir) => ['info', '--data-dir', dir, '--json'],
    (dir) => ['info', `--data-dir=${dir}`, '--json'],
    (dir) => ['--data-dir', dir, 'info', '--json'],
    (dir) => ['--json', 'info', `--data-dir=${dir}`]
  ]
  it.each(forms.map((form) => [form('DIR').join(' '), form] as const))(
    '%s reports that data folder',
    async (_, form) => {
      const dir = tempDir()
      // The environment names another folder: the option wins.
      const result = await runCliCaptured(form(dir), { SEASONWATCH_DATA_DIR: join(dir, 'not-this-one') })
      expect(result).toMatchObject({ code: 0, stderr: '' })
      expect(JSON.parse(result.stdout)).toMatchObject({ dataDir: dir, databasePath: join(dir, 'seasonwatch.db') })
    }
  )

  it('without --json, --data-dir before the command still names the folder', async () => {
    const dir = tempDir()
    const result = await runCliCaptured(['--data-dir', dir, 'info'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`data folder:     ${dir}\n`)
  })

  it('mixes with the options of a subcommand in any order', async () => {
    const dir = tempDir()
    const result = await runCliCaptured(['portfolio', '--data-dir', dir, 'lots', '--method', 'hifo', '--json'])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(JSON.parse(result.stdout)).toEqual([])
    expect(existsSync(join(dir, 'seasonwatch.db'))).toBe(true)
  })

  it('--version prints the version wherever it stands, and opens nothing', async () => {
    const dir = join(tempDir(), 'never-created')
    for (const args of [
      ['--version'],
      ['info', '--version'],
      ['--data-dir', dir, '--version'],
      ['--json', '--version']
    ]) {
      expect(await runCliCaptured(args)).toEqual({ code: 0, stdout: `${APP_VERSION}\n`, stderr: '' })
    }
    expect(existsSync(dir)).toBe(false)
  })
})
