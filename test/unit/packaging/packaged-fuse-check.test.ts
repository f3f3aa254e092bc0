import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { configuredFuses, fuseMismatches } from '../../electron/support/fuses'

// The smoke test reads the packaged binary's fuses; no Electron binary exists here, so its check is
// run on a stand-in: a file carrying Electron's fuse wire (sentinel, version, length, one byte per
// fuse), flipped by @electron/fuses exactly as electron-builder flips a real one.

let dir: string
let wanted: Record<string, boolean>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seasonwatch-fuses-'))
  wanted = await configuredFuses()
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The marker Electron puts before its fuse wire (@electron/fuses finds the wire by it; not exported). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'

function standInBinary(name: string): string {
  const path = join(dir, name)
  // As Electron ships: run as node, NODE_OPTIONS, --inspect, file:// privileges and wasm trap handlers on.
  const wire = Buffer.concat([Buffer.from([1, 9]), Buffer.from('101100011')])
  writeFileSync(path, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), wire, Buffer.alloc(64)]))
  return path
}

async function flipAsConfigured(path: string, overrides: Record<string, boolean> = {}): Promise<void> {
  const { flipFuses, FuseV1Options, FuseVersion } = await import('@electron/fuses')
  const config: Record<string | number, unknown> = { version: FuseVersion.V1 }
  for (const [key, value] of Object.entries({ ...wanted, ...overrides }))
    config[FuseV1Options[`${key[0]?.toUpperCase()}${key.slice(1)}` as keyof typeof FuseV1Options]] = value
  await flipFuses(path, config as Parameters<typeof flipFuses>[1])
}

describe('the smoke test’s fuse check', () => {
  it('reads the fuses electron-builder.yml configures', () => {
    expect(wanted).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true })
  })

  it('finds nothing wrong in a binary flipped as configured', async () => {
    const path = standInBinary('flipped')
    await flipAsConfigured(path)
    expect(await fuseMismatches(path, wanted)).toEqual([])
  })

  it('names each fuse left as Electron ships it', async () => {
    const path = standInBinary('unflipped')
    expect(await fuseMismatches(path, wanted)).toEqual(
      expect.arrayContaining([
        'RunAsNode should be disabled but is enabled',
        'OnlyLoadAppFromAsar should be enabled but is disabled'
      ])
    )
  })

  it('names the one fuse flipped the other way', async () => {
    const path = standInBinary('one-wrong')
    await flipAsConfigured(path, { enableNodeOptionsEnvironmentVariable: true })
    expect(await fuseMismatches(path, wanted)).toEqual([
      'EnableNodeOptionsEnvironmentVariable should be disabled but is enabled'
    ])
  })
})
