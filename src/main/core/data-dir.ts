import { homedir } from 'node:os'
import { join } from 'node:path'

export const PRODUCT_NAME = 'Seasonwatch'

/**
 * The folder the desktop app keeps its data in, computed the way Electron's `userData` path is, so
 * the command line and the app open the same database without the CLI importing Electron.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform
): string {
  if (env.SEASONWATCH_DATA_DIR) return env.SEASONWATCH_DATA_DIR
  const home = homedir()
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME)
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), PRODUCT_NAME)
}
