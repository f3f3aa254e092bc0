import { getConfig } from 'app-builder-lib/out/util/config/config'
import { repoRoot } from './packaged-app'

/** electron-builder.yml's `electronFuses`: each fuse's wanted state by its config key (runAsNode…). */
export async function configuredFuses(): Promise<Record<string, boolean>> {
  const config = await getConfig(repoRoot, null, null)
  const fuses: Record<string, unknown> = { ...config.electronFuses }
  delete fuses.resetAdHocDarwinSignature
  return Object.fromEntries(
    Object.entries(fuses).filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean')
  )
}

/**
 * The fuses of a packaged binary that are not as configured, each said in a sentence; none when
 * every configured fuse is flipped. Read with @electron/fuses, as `npx @electron/fuses read --app`.
 */
export async function fuseMismatches(fusesPath: string, wanted: Record<string, boolean>): Promise<string[]> {
  const { FuseState, FuseV1Options, getCurrentFuseWire } = await import('@electron/fuses')
  const wire = (await getCurrentFuseWire(fusesPath)) as unknown as Record<number, number>
  const problems: string[] = []
  for (const [key, enabled] of Object.entries(wanted)) {
    // electron-builder's keys are the fuse names with a lower-case first letter.
    const name = `${key[0]?.toUpperCase()}${key.slice(1)}` as keyof typeof FuseV1Options
    const index = FuseV1Options[name]
    if (index === undefined) {
      problems.push(`${key} is not a fuse this version of @electron/fuses knows`)
      continue
    }
    const state = wire[index]
    const want = enabled ? FuseState.ENABLE : FuseState.DISABLE
    if (state !== want)
      problems.push(`${name} should be ${enabled ? 'enabled' : 'disabled'} but is ${describeState(state, FuseState)}`)
  }
  return problems
}

function describeState(state: number | undefined, states: Record<string, string | number>): string {
  if (state === undefined) return 'missing from the binary'
  const name = states[state]
  return name === 'ENABLE' ? 'enabled' : name === 'DISABLE' ? 'disabled' : String(name ?? state).toLowerCase()
}
