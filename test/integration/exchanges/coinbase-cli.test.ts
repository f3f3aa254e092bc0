import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeCoinbase } from '../../support/fake-exchanges/coinbase'
import type { CdpKey, FakeCoinbase } from '../../support/fake-exchanges/coinbase'
import { READ_KEY, TRANSFER_KEY, coinbaseAccount } from '../../support/fake-exchanges/coinbase-data'
import { runCliCaptured } from '../../support/run-cli'

let dir: string
let fake: FakeCoinbase
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seasonwatch-coinbase-cli-'))
  fake = await startFakeCoinbase(coinbaseAccount({ btcFills: 20 }))
})
afterEach(async () => {
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})

/** The secret as a .env file or a one-line export would carry it ("\n" escapes), or with real line breaks. */
const keyEnv = (key: CdpKey = READ_KEY, oneLine = false) => ({
  SEASONWATCH_COINBASE_API_KEY: key.apiKey,
  SEASONWATCH_COINBASE_API_SECRET: oneLine ? key.secret.trim().replace(/\n/g, '\\n') : key.secret
})
const cli = (args: string[], env: NodeJS.ProcessEnv = keyEnv()) => runCliCaptured([...args, '--data-dir', dir], env)
const secretBody = READ_KEY.secret.split('\n')[1]!

describe('seasonwatch connections with Coinbase', () => {
  it('adds with --api-url and a one-line PEM secret, syncs, reconciles and removes, one JSON document each', async () => {
    const added = await cli(['connections', 'add', 'coinbase', '--api-url', fake.url, '--json'], keyEnv(READ_KEY, true))
    expect(added.stderr).toBe('')
    expect(added.code).toBe(0)
    expect(JSON.parse(added.stdout)).toMatchObject({
      exchange: 'coinbase',
      permissionWords: 'Can read',
      keyMasked: `••••${READ_KEY.apiKey.slice(-4)}`,
      apiUrl: fake.url
    })
    // The sync goes to the address the key was checked against, with the secret's real line breaks.
    const synced = await cli(['connections', 'sync', '--json'])
    expect(synced.code).toBe(0)
    expect(JSON.parse(synced.stdout)).toMatchObject([{ exchange: 'coinbase', ok: true, written: 20 + 24 + 9 }])

    const reconciled = JSON.parse((await cli(['connections', 'reconcile', 'coinbase', '--json'])).stdout)
    expect(reconciled.rows.map((r: { symbol: string }) => r.symbol)).toEqual(['BTC', 'ETH', 'SOL', 'USDC'])

    const removed = await cli(['connections', 'remove', 'coinbase', '--json'])
    expect(JSON.parse(removed.stdout)).toEqual({ removed: true })
    for (const run of [added, synced, removed]) {
      expect(run.stdout + run.stderr).not.toContain(READ_KEY.apiKey)
      expect(run.stdout + run.stderr).not.toContain(secretBody)
    }
  })

  it('refuses a key that can transfer in one line, and keeps it with --allow-trading-key', async () => {
    const args = ['connections', 'add', 'coinbase', '--api-url', fake.url]
    const refused = await cli(args, keyEnv(TRANSFER_KEY))
    expect(refused.code).not.toBe(0)
    expect(refused.stderr.trim().split('\n')).toHaveLength(1)
    expect(refused.stderr).toMatch(/not stored: can read, withdraw/)
    const kept = await cli([...args, '--allow-trading-key', '--json'], keyEnv(TRANSFER_KEY))
    expect(kept.code).toBe(0)
    expect(JSON.parse(kept.stdout).overrideAt).not.toBeNull()
  })

  it('says where to put the key when none is given', async () => {
    const none = await cli(['connections', 'add', 'coinbase', '--api-url', fake.url], {})
    expect(none.code).not.toBe(0)
    expect(none.stderr).toMatch(/SEASONWATCH_COINBASE_API_KEY and SEASONWATCH_COINBASE_API_SECRET/)
    expect(fake.requests).toHaveLength(0)
  })
})
