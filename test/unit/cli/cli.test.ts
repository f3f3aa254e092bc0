import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { APP_VERSION } from '../../../src/main/core/version'
import { runCliCaptured } from '../../support/run-cli'

const repoRoot = resolve(__dirname, '../../..')
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-cli-'))
  dirs.push(dir)
  return dir
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCliCaptured(args, env)
}

describe('command line', () => {
  it('info --json prints one JSON document with the schema version', async () => {
    const dir = tempDir()
    const result = await cli(['info', '--json', '--data-dir', dir])
    expect(result.code).toBe(0)
    const info = JSON.parse(result.stdout) as Record<string, unknown>
    expect(info).toMatchObject({
      name: 'Seasonwatch',
      version: APP_VERSION,
      dataDir: dir,
      runtime: 'cli',
      databasePath: join(dir, 'seasonwatch.db')
    })
    expect(info.schemaVersion).toBeGreaterThanOrEqual(20)
  })

  it('takes the data folder from SEASONWATCH_DATA_DIR when no option names one', async () => {
    const dir = tempDir()
    const result = await cli(['info', '--json'], { SEASONWATCH_DATA_DIR: dir })
    expect(JSON.parse(result.stdout)).toMatchObject({ dataDir: dir })
  })

  it('prints the version and help', async () => {
    expect(await cli(['--version'])).toMatchObject({ code: 0, stdout: `${APP_VERSION}\n` })
    const help = await cli(['--help'])
    expect(help.code).toBe(0)
    for (const word of ['info', 'serve', '--data-dir', '--json']) expect(help.stdout).toContain(word)
    const serveHelp = await cli(['serve', '--help'])
    expect(serveHelp.stdout).toContain('--port P')
  })

  it('fails with exit 2 and one line on a usage error', async () => {
    const unknownCommand = await cli(['frobnicate'])
    expect(unknownCommand.code).toBe(2)
    expect(unknownCommand.stderr.trim().split('\n')).toHaveLength(1)
    expect(unknownCommand.stderr).toContain('unknown command "frobnicate"')

    const badOption = await cli(['info', '--colour', 'red', '--json'])
    expect(badOption.code).toBe(2)
    expect(badOption.stderr).toContain('unknown option --colour')
    expect(JSON.parse(badOption.stdout)).toEqual({ error: { code: 'VALIDATION', message: 'unknown option --colour' } })

    expect((await cli(['serve', '--port', 'eighty'])).stderr).toContain('--port must be a number')
  })

  it('refuses a database written by a newer version, with exit 1', async () => {
    const dir = tempDir()
    const db = new Database(join(dir, 'seasonwatch.db'))
    db.pragma('user_version = 9990')
    db.close()
    const result = await cli(['info', '--data-dir', dir])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^seasonwatch: This data was written by a newer version of Seasonwatch/)
  })

  it('runs as "npm run cli" does, from the sources', () => {
    const dir = tempDir()
    const stdout = execFileSync(
      process.execPath,
      [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'src/main/cli/main.ts', 'info', '--json', '--data-dir', dir],
      {
        cwd: repoRoot,
        encoding: 'utf8'
      }
    )
    expect(JSON.parse(stdout)).toMatchObject({ dataDir: dir, runtime: 'cli' })
    const failed = spawnSync(
      process.execPath,
      [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'src/main/cli/main.ts', 'nope'],
      { cwd: repoRoot, encoding: 'utf8' }
    )
    expect(failed.status).toBe(2)
  })
})
