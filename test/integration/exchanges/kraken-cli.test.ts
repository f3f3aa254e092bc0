import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeKraken } from '../../support/fake-exchanges/kraken'
import type { FakeKraken } from '../../support/fake-exchanges/kraken'
import { KRAKEN_READ_KEY, krakenAccount, krakenTxCount } from '../../support/fake-exchanges/kraken-data'
import { runCliCaptured } from '../../support/run-cli'

let dir: string
let fake: FakeKraken
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seasonwatch-kraken-cli-'))
  fake = await startFakeKraken(krakenAccount({ btcTrades: 20 }))
})
afterEach(async () => {
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})

const env = {
  SEASONWATCH_KRAKEN_API_KEY: KRAKEN_READ_KEY.apiKey,
  SEASONWATCH_KRAKEN_API_SECRET: KRAKEN_READ_KEY.secret
}
const cli = (args: string[]) => runCliCaptured([...args, '--data-dir', dir], env)

describe('seasonwatch connections with Kraken', () => {
  it('refuses the key in one honest line, keeps it with --allow-trading-key, then syncs and reconciles', async () => {
    const refused = await cli(['connections', 'add', 'kraken', '--api-url', fake.url])
    expect(refused.code).not.toBe(0)
    expect(refused.stderr.trim().split('\n')).toHaveLength(1)
    expect(refused.stderr).toMatch(/not stored: Kraken cannot tell what a key may do\./)
    expect(refused.stderr).toMatch(/"Query Ledger Entries"/)
    expect(refused.stderr).toMatch(/To keep it anyway: --allow-trading-key\./)

    const added = await cli(['connections', 'add', 'kraken', '--api-url', fake.url, '--allow-trading-key', '--json'])
    expect(added.code).toBe(0)
    expect(JSON.parse(added.stdout)).toMatchObject({
      exchange: 'kraken',
      apiUrl: fake.url,
      permissions: { read: true, trade: null, withdraw: null, checked: false },
      keyMasked: `••••${KRAKEN_READ_KEY.apiKey.slice(-4)}`
    })

    const synced = await cli(['connections', 'sync', 'kraken', '--json'])
    expect(synced.code).toBe(0)
    expect(JSON.parse(synced.stdout)).toMatchObject([{ exchange: 'kraken', ok: true, written: krakenTxCount(20) }])

    const listed = await cli(['connections', 'list'])
    expect(listed.stdout).toMatch(/Kraken cannot tell what a key may do/)
    expect(listed.stdout).toMatch(/kept at your explicit confirmation/)

    const reconciled = JSON.parse((await cli(['connections', 'reconcile', 'kraken', '--json'])).stdout)
    expect(reconciled.rows.map((r: { symbol: string; cause: string }) => [r.symbol, r.cause])).toEqual([
      ['BTC', 'match'],
      ['DOT', 'match'],
      ['ETH', 'match'],
      ['SOL', 'match'],
      ['USDC', 'match']
    ])
    for (const run of [refused, added, synced, listed]) {
      expect(run.stdout + run.stderr).not.toContain(KRAKEN_READ_KEY.apiKey)
      expect(run.stdout + run.stderr).not.toContain(KRAKEN_READ_KEY.secret)
    }
  })
})
