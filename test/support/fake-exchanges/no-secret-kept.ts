import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })
}

/**
 * Asserts that none of `secrets` is in any file of the data folder (read byte for byte) or in any
 * line the log received; both must hold something, so an empty folder or a silent log cannot pass.
 */
export function expectNoSecretKept(h: { dir: string; logged: readonly string[] }, secrets: readonly string[]): void {
  const files = filesUnder(h.dir)
  expect(files.length).toBeGreaterThan(0)
  for (const file of files) {
    const bytes = readFileSync(file).toString('latin1')
    for (const secret of secrets) expect(bytes.includes(secret), file).toBe(false)
  }
  expect(h.logged.length).toBeGreaterThan(0)
  for (const line of h.logged) for (const secret of secrets) expect(line.includes(secret)).toBe(false)
}
