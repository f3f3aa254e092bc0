import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util'
import { minimatch } from 'minimatch'
import ts from 'typescript'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Configuration } from 'electron-builder'
import { releaseRepository } from '../../../src/shared/release-source'

// Packaging cannot run without internet (electron-builder downloads Electron), so what it would
// build is checked from its configuration, read and validated by electron-builder's own loader
// exactly as `npm run package` and the release workflow read it.

const repoRoot = resolve(__dirname, '../../..')
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  main: string
  dependencies: Record<string, string>
}
let config: Configuration

beforeAll(async () => {
  config = await getConfig(repoRoot, null, null)
  await validateConfiguration(config, new DebugLogger(false))
})

/** The bare package names reached by imports from an entry file, following the repo's relative imports. */
function packagesReachedFrom(entry: string): Set<string> {
  const seen = new Set<string>()
  const packages = new Set<string>()
  const pending = [resolve(repoRoot, entry)]
  while (pending.length > 0) {
    const file = pending.pop() as string
    if (seen.has(file)) continue
    seen.add(file)
    // TypeScript's own scanner finds imports, requires and dynamic imports, and nothing in strings or SQL.
    for (const { fileName: spec } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (spec.startsWith('.')) {
        const base = resolve(dirname(file), spec)
        const found = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find((p) => existsSync(p))
        if (found && /\.tsx?$/.test(found)) pending.push(found)
        continue
      }
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string)
      if (name.startsWith('node:') || builtinModules.includes(name) || name === 'electron') continue
      packages.add(name)
    }
  }
  return packages
}

function filePatterns(): string[] {
  // The loader normalises `files` to [{ filter: [...] }]; a plain list of patterns is read alike.
  const entries = ([] as unknown[]).concat(config.files ?? []) as (string | { filter?: string | string[] })[]
  const patterns = entries.flatMap((e) => (typeof e === 'string' ? [e] : ([] as string[]).concat(e.filter ?? [])))
  return patterns
}

/** Whether a negated pattern of `files` drops a path (production node_modules are added unless one does). */
function filesDrop(path: string): boolean {
  return filePatterns()
    .filter((p) => p.startsWith('!'))
    .some((p) => minimatch(path, p.slice(1), { dot: true }))
}

/** Whether electron-builder's `files` takes a path of the app: a positive pattern matches, no negation drops it. */
function filesTake(path: string): boolean {
  const included = filePatterns()
    .filter((p) => !p.startsWith('!'))
    .some((p) => minimatch(path, p, { dot: true }))
  return included && !filesDrop(path)
}

const targetsOf = (platform: Configuration['linux'] | Configuration['mac'] | Configuration['win']) =>
  ((platform?.target ?? []) as (string | { target: string })[]).map((t) => (typeof t === 'string' ? t : t.target))

describe('electron-builder.yml', () => {
  it('builds AppImage and deb on Linux, dmg on macOS and an NSIS installer on Windows', () => {
    expect(targetsOf(config.linux)).toEqual(['AppImage', 'deb'])
    expect(targetsOf(config.mac)).toEqual(['dmg'])
    expect(targetsOf(config.win)).toEqual(['nsis'])
  })

  it('names every artifact with the version, and the ones built per architecture with it, all distinct', () => {
    const names = {
      appImage: config.appImage?.artifactName,
      deb: config.deb?.artifactName,
      dmg: config.dmg?.artifactName,
      nsis: config.nsis?.artifactName
    }
    // What the README's Download section lists; the release attaches them under these names.
    expect(names).toEqual({
      appImage: '${productName}-${version}-${arch}.${ext}',
      deb: '${name}_${version}_${arch}.${ext}',
      dmg: '${productName}-${version}-${arch}.${ext}',
      nsis: '${productName}-Setup-${version}.${ext}'
    })
  })

  it('takes the built app into the package: the main entry, preload and window, and the main entry is package.json main', () => {
    expect(config.extraMetadata?.main).toBe(pkg.main)
    for (const path of [pkg.main, 'out/main/cli.js', 'out/preload/index.js', 'out/renderer/index.html', 'package.json'])
      expect(filesTake(path), path).toBe(true)
    expect(filesTake('out/main/index.js.map')).toBe(false)
    expect(filesTake('src/main/index.ts')).toBe(false)
  })

  it('ships every package the main process and preload import at run time as a production dependency', () => {
    // electron-vite leaves `dependencies` out of the bundle (externalizeDeps), so each is required
    // from the packaged node_modules at run time; electron-builder packs production dependencies,
    // and `files` must not filter them out.
    const reached = new Set([
      ...packagesReachedFrom('src/main/index.ts'),
      ...packagesReachedFrom('src/preload/index.ts')
    ])
    expect([...reached].sort()).toEqual(expect.arrayContaining(['better-sqlite3', 'zod']))
    for (const name of reached) {
      expect(Object.keys(pkg.dependencies), `${name} is imported by the main process`).toContain(name)
      expect(filesDrop(`node_modules/${name}/package.json`), `files drops node_modules/${name}`).toBe(false)
    }
  })

  it('unpacks every native module from the asar archive and rebuilds it for Electron', () => {
    expect(config.asar).not.toBe(false)
    expect(config.npmRebuild).toBe(true)
    const native = Object.keys(pkg.dependencies).filter((name) =>
      existsSync(join(repoRoot, 'node_modules', name, 'binding.gyp'))
    )
    expect(native).toContain('better-sqlite3')
    const unpack = ([] as string[]).concat(config.asarUnpack ?? [])
    for (const name of native) {
      const binary = `node_modules/${name}/build/Release/${name.replace(/-/g, '_')}.node`
      expect(
        unpack.some((p) => minimatch(binary, p, { dot: true })),
        `${binary} is unpacked`
      ).toBe(true)
    }
  })

  it('flips the fuses that keep the packaged binary from running other code', () => {
    if (config.electronFuses) {
      expect(config.electronFuses).toMatchObject({
        runAsNode: false,
        enableNodeOptionsEnvironmentVariable: false,
        onlyLoadAppFromAsar: true,
        enableEmbeddedAsarIntegrityValidation: true
      })
    } else {
      // Or an afterPack hook that flips them with @electron/fuses.
      expect(typeof config.afterPack, 'electronFuses or an afterPack hook').toBe('string')
      const hook = readFileSync(join(repoRoot, config.afterPack as string), 'utf8')
      expect(hook).toMatch(/@electron\/fuses/)
      expect(hook).toMatch(/RunAsNode\]\s*:\s*false/)
      expect(hook).toMatch(/OnlyLoadAppFromAsar\]\s*:\s*true/)
    }
  })

  it('publishes to a draft release of the repository the update check asks', () => {
    expect(config.publish).toEqual({ provider: 'github', ...releaseRepository, releaseType: 'draft' })
  })

  it('has the build resources it names', () => {
    expect(existsSync(join(repoRoot, 'build/icon.png'))).toBe(true)
    expect(readdirSync(join(repoRoot, 'build/icons')).some((f) => f.endsWith('.png'))).toBe(true)
  })
})
