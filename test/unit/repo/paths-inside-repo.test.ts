import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * Tests, benchmarks and scripts must run on a fresh clone with nothing beside it, so none of their
 * files may name a path outside the repository: no relative path that climbs above the repository
 * root, no absolute path into a home or work folder, and not the real-data folder the fixtures in
 * test/fixtures/real-market were derived from (its SOURCE.md says how to regenerate them).
 */
const repoRoot = resolve(__dirname, '../../..')
const SCANNED = ['test', 'bench', 'scripts']
const SKIPPED_DIRS = new Set(['node_modules', 'test-results', 'playwright-report'])
const BINARY = /\.(gz|zip|png|jpe?g|gif|ico|icns|db|sqlite)$/i
const CODE = /\.(ts|tsx|js|cjs|mjs)$/

// Joined at run time so that this file does not contain them.
const FORBIDDEN = [['shared', 'data'].join('/'), ['..', 'shared'].join('/')]
/** Absolute paths into home or work folders (POSIX, ~ or a Windows user folder). */
const ABSOLUTE = /(?:^|[\s'"`(=:,])(?:\/(?:work|home|Users|root|mnt|media)\/|~\/|[A-Za-z]:(?:\\{1,2}|\/)Users\b)/
/** A quoted relative path. */
const RELATIVE_LITERAL = /(['"`])(\.{1,2}\/[^'"`\n]*)\1/g
/** resolve(...) / join(...) with literal segments after a base this check can place. */
const PATH_CALL = /\b(?:resolve|join)\(\s*((?:process\.cwd\(\)|[^()])*?)\s*\)/g

function filesUnder(dir: string): string[] {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return []
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : filesUnder(path)
    return entry.isFile() && !BINARY.test(entry.name) ? [path] : []
  })
}

function outside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '..' || rel.startsWith(`..${sep}`) || resolve(root, rel) !== path
}

/** Every place under root's `dirs` that names a path outside root, as "file:line: why". */
function findOutsidePaths(root: string, dirs: string[]): { files: number; problems: string[] } {
  const files = dirs.flatMap((dir) => filesUnder(join(root, dir)))
  const problems: string[] = []
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    const name = relative(root, file).split(sep).join('/')
    const report = (index: number, why: string) =>
      problems.push(`${name}:${text.slice(0, index).split('\n').length}: ${why}`)
    for (const word of FORBIDDEN) {
      for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) report(i, `names ${word}`)
    }
    text.split('\n').forEach((line, i) => {
      const match = ABSOLUTE.exec(line)
      if (match) problems.push(`${name}:${i + 1}: absolute path outside the repository (${match[0].trim()}…)`)
    })
    if (!CODE.test(file)) continue
    for (const match of text.matchAll(RELATIVE_LITERAL)) {
      const path = match[2] as string
      if (outside(root, resolve(dirname(file), path))) report(match.index ?? 0, `${path} climbs above the repository`)
    }
    for (const match of text.matchAll(PATH_CALL)) {
      const [base, ...rest] = (match[1] as string).split(',').map((arg) => arg.trim())
      const from =
        base === '__dirname' || base === 'import.meta.dirname'
          ? dirname(file)
          : base === 'process.cwd()' || base === 'repoRoot' || base === 'root'
            ? root
            : null
      if (from === null) continue
      const segments: string[] = []
      for (const arg of rest) {
        const literal = /^(['"`])([^'"`$]*)\1$/.exec(arg)
        if (!literal) break
        segments.push(literal[2] as string)
      }
      if (outside(root, resolve(from, ...segments)))
        report(match.index ?? 0, `${match[0].replace(/\s+/g, ' ')} climbs above the repository`)
    }
  }
  return { files: files.length, problems: problems.sort() }
}

describe('tests, benchmarks and scripts stay inside the repository', () => {
  it('no file under test/, bench/ or scripts/ names a path outside it', () => {
    const { files, problems } = findOutsidePaths(repoRoot, SCANNED)
    expect(files).toBeGreaterThan(50)
    expect(problems).toEqual([])
  })

  describe('the check itself', () => {
    const root = mkdtempSync(join(tmpdir(), 'seasonwatch-paths-'))
    afterAll(() => rmSync(root, { recursive: true, force: true }))
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true })
      writeFileSync(join(root, path), text)
    }
    const up = (n: number) => '../'.repeat(n)
    const dots = "'..'"

    it('finds the ways a path can leave the repository', () => {
      write('test/support/a.ts', `export const dir = resolve(__dirname, '${up(3)}elsewhere/data')\n`)
      write('test/integration/b/c.ts', `const f = resolve(\n  __dirname,\n  '${up(4)}${FORBIDDEN[0]}/x.csv.gz'\n)\n`)
      write('test/support/d.ts', `const g = join(__dirname, ${dots}, ${dots}, ${dots}, 'x')\n`)
      write('bench/e.ts', `/** Prices from ${'/'}home/someone/data. */\nexport {}\n`)
      write('test/fixtures/f/NOTES.md', `Copied from ${FORBIDDEN[1]}/folder.\n`)
      write('scripts/g.cjs', `const h = join(process.cwd(), ${dots}, 'elsewhere')\n`)
      const { problems } = findOutsidePaths(root, SCANNED)
      expect(problems).toEqual(
        [
          `test/integration/b/c.ts:3: names ${FORBIDDEN[0]}`,
          `test/integration/b/c.ts:3: names ${FORBIDDEN[1]}`,
          `test/integration/b/c.ts:3: ${up(4)}${FORBIDDEN[0]}/x.csv.gz climbs above the repository`,
          'test/integration/b/c.ts:1: resolve( __dirname, ' +
            `'${up(4)}${FORBIDDEN[0]}/x.csv.gz' ) climbs above the repository`,
          'test/support/a.ts:1: ' + `${up(3)}elsewhere/data climbs above the repository`,
          'test/support/a.ts:1: ' + `resolve(__dirname, '${up(3)}elsewhere/data') climbs above the repository`,
          `test/support/d.ts:1: join(__dirname, ${dots}, ${dots}, ${dots}, 'x') climbs above the repository`,
          `test/fixtures/f/NOTES.md:1: names ${FORBIDDEN[1]}`,
          'bench/e.ts:1: absolute path outside the repository (' + '/' + 'home/…)',
          `scripts/g.cjs:1: join(process.cwd(), ${dots}, 'elsewhere') climbs above the repository`
        ].sort()
      )
    })

    it('leaves paths inside the repository and URL paths alone', () => {
      rmSync(root, { recursive: true, force: true })
      write('test/unit/a.test.ts', `import { x } from '../../src/main/y'\nconst u = '/assets/../../secret.txt'\n`)
      write('scripts/b.cjs', `const root = join(__dirname, '..')\nconst t = join(tmp, '..', '..')\n`)
      write('bench/c.ts', `const d = resolve(__dirname, '../test/fixtures/real-market')\n`)
      expect(findOutsidePaths(root, SCANNED)).toEqual({ files: 3, problems: [] })
    })
  })
})
