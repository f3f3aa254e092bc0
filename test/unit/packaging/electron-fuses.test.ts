import { resolve } from 'node:path'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Configuration } from 'electron-builder'

// Packaging cannot run here (it downloads Electron), so the configuration itself is checked: read
// and validated by electron-builder's own loader and schema, exactly as `npm run package` reads it.
// electron-builder flips the fuses in the packaged binary through @electron/fuses.

const repoRoot = resolve(__dirname, '../../..')
let config: Configuration

beforeAll(async () => {
  config = await getConfig(repoRoot, null, null)
  await validateConfiguration(config, new DebugLogger(false))
})

describe('electron-builder.yml', () => {
  it('switches off every way to run the packaged binary as something else', () => {
    expect(config.electronFuses).toMatchObject({
      // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node.js interpreter.
      runAsNode: false,
      // NODE_OPTIONS (--require, --import) would load code before the app's own.
      enableNodeOptionsEnvironmentVariable: false,
      // --inspect or SIGUSR1 would open a debugger on the main process, secrets included.
      enableNodeCliInspectArguments: false
    })
  })

  it('loads the app only from its checked asar archive, and gives file:// pages nothing extra', () => {
    expect(config.electronFuses).toMatchObject({
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true
    })
    // Both asar fuses need the archive: it must not be switched off.
    expect(config.asar).not.toBe(false)
  })

  it('is a configuration electron-builder accepts, so a misspelt fuse cannot pass unseen', async () => {
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsnode: false } } as Configuration
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFuses/)
  })
})
