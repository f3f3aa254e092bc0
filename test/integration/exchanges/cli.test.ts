import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeBinance } from '../../support/fake-exchanges/binance'
import type { FakeBinance } from '../../support/fake-exchanges/binance'
import { READ_KEY, TRADING_KEY, binanceAccount } from '../../support/fake-exchanges/binance-data'
import { runCliCaptured } from '../../support/run-cli'

let dir: string
let fake: FakeBinance
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seasonwatch-connections-cli-'))
  fake = await startFakeBinance(binanceAccount({ btcFills: 20 }))
})
afterEach(async () => {
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})

const keyEnv = (key = READ_KEY) => ({
  SEASONWATCH_BINANCE_API_KEY: key.apiKey,
  SEASONWATCH_BINANCE_API_SECRET: key.secret
})
const cli = (args: string[], env: NodeJS.ProcessEnv = keyEnv()) =>
  runCliCaptured([...args, '--data-dir', dir], { ...env, SEASONWATCH_BINANCE_URL: fake.url })

describe('seasonwatch connections', () => {
  it('adds, syncs, lists, reconciles and removes a Binance connection, with one JSON document each', async () => {
    const added = await cli(['connections', 'add', 'binance', '--json'])
    expect(added.code).toBe(0)
    const connection = JSON.parse(added.stdout)
    expect(connection).toMatchObject({
      exchange: 'binance',
      permissionWords: 'Can read',
      keyMasked: `••••${READ_KEY.apiKey.slice(-4)}`,
      apiUrl: fake.url
    })
    // This machine has no keyring service: the key stays in the environment, and the answer says so.
    expect(connection.keyStorage.statement).toMatch(/No OS keyring|keyring/)

    const synced = await cli(['connections', 'sync', '--json'])
    expect(synced.code).toBe(0)
    expect(JSON.parse(synced.stdout)).toMatchObject([{ exchange: 'binance', ok: true, written: 78 }])

    const listed = JSON.parse((await cli(['connections', 'list', '--json'])).stdout)
    expect(listed.connections[0]).toMatchObject({ lastSyncStatus: 'ok', requestCount: fake.requests.length })

    const reconciled = JSON.parse((await cli(['connections', 'reconcile', 'binance', '--json'])).stdout)
    // ENA, held from Launchpool rewards, and SOL, from Binance Convert, are listed too.
    expect(reconciled.rows.map((r: { symbol: string }) => r.symbol)).toEqual([
      'BNB',
      'BTC',
      'ENA',
      'ETH',
      'SOL',
      'USDT'
    ])

    // BNB already matches (its only source, the conversion of small balances, is read); SOL does not.
    expect(reconciled.rows.find((r: { symbol: string }) => r.symbol === 'BNB')).toMatchObject({ cause: 'match' })
    const recorded = await cli(['connections', 'reconcile', 'binance', '--record', 'SOL', '--json'])
    expect(JSON.parse(recorded.stdout).rows.find((r: { symbol: string }) => r.symbol === 'SOL')).toMatchObject({
      symbol: 'SOL',
      cause: 'match'
    })

    const removed = await cli(['connections', 'remove', 'binance', '--json'])
    expect(JSON.parse(removed.stdout)).toEqual({ removed: true })
    for (const run of [added, synced, removed]) {
      expect(run.stdout + run.stderr).not.toContain(READ_KEY.apiKey)
      expect(run.stdout + run.stderr).not.toContain(READ_KEY.secret)
    }
  })

  it('refuses a key that can trade or withdraw in one line, and keeps it with --allow-trading-key', async () => {
    const refused = await cli(['connections', 'add', 'binance'], keyEnv(TRADING_KEY))
    expect(refused.code).not.toBe(0)
    expect(refused.stderr.trim().split('\n')).toHaveLength(1)
    expect(refused.stderr).toMatch(/not stored: can read, trade, withdraw/)
    expect(refused.stderr).toMatch(/To keep it anyway: --allow-trading-key\./)
    const kept = await cli(['connections', 'add', 'binance', '--allow-trading-key', '--json'], keyEnv(TRADING_KEY))
    expect(kept.code).toBe(0)
    expect(JSON.parse(kept.stdout).overrideAt).not.toBeNull()
  })

  it('never takes the key from the arguments, and says where to put it when none is given', async () => {
    const none = await cli(['connections', 'add', 'binance'], {})
    expect(none.code).not.toBe(0)
    expect(none.stderr).toMatch(/SEASONWATCH_BINANCE_API_KEY and SEASONWATCH_BINANCE_API_SECRET/)
    const asArgument = await cli(['connections', 'add', 'binance', '--api-key', READ_KEY.apiKey], {})
    expect(asArgument.code).not.toBe(0)
    expect(asArgument.stderr).toMatch(/unknown option/)
  })
})
