import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { seedRealMarket } from '../../integration/portfolio/real-market'
import { newDataDir, repoRoot, startBrowserMode } from './browser-mode'
import type { BrowserMode } from './browser-mode'

const run = promisify(execFile)

/**
 * Browser mode on a new data folder holding real daily prices (CoinMarketCap snapshots up to
 * 2024-12-11) stored the way a sync stores them. The folder is created by the app itself first,
 * so its schema is the app's own.
 */
export async function startWithRealMarket(): Promise<{ app: BrowserMode; dataDir: string }> {
  const dataDir = newDataDir()
  await run(process.execPath, [join(repoRoot, 'out/main/cli.js'), 'info', '--json', '--data-dir', dataDir], {
    cwd: repoRoot
  })
  const db = new Database(join(dataDir, 'seasonwatch.db'))
  seedRealMarket(db)
  db.close()
  return { app: await startBrowserMode({ dataDir }), dataDir }
}
