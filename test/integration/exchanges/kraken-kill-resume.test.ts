import { describe, expect, it } from 'vitest'
import {
  keyEnv,
  killAndResume,
  readStore,
  storedIds,
  useKillResumeSetup
} from '../../support/fake-exchanges/kill-resume'
import { startFakeKraken } from '../../support/fake-exchanges/kraken'
import { KRAKEN_READ_KEY, krakenAccount, krakenTxCount } from '../../support/fake-exchanges/kraken-data'

/** 351 ledger entries: 8 pages, of which Kraken's headroom lets the first 7 go without pacing. */
const TRADES = 150

const s = useKillResumeSetup(
  'seasonwatch-kraken-kill-',
  () => startFakeKraken(krakenAccount({ btcTrades: TRADES })),
  () => keyEnv('kraken', KRAKEN_READ_KEY)
)

interface LedgerCursor {
  upTo: number | null
  ofs: number
}
const cursor = () =>
  readStore(
    s.dir,
    (db) =>
      JSON.parse(
        db.prepare("SELECT cursor FROM exchange_cursors WHERE stream = 'ledger'").pluck().get() as string
      ) as LedgerCursor,
    null
  )

describe('a Kraken sync killed with SIGKILL halfway', () => {
  it('resumes at the first ledger page not written: no gap and no duplicate', async () => {
    const { fake } = s
    let at: LedgerCursor | undefined
    const { requestsAtKill, resumed } = await killAndResume(s, {
      exchange: 'kraken',
      addArgs: ['--api-url', fake.url, '--allow-trading-key'],
      slowDown: (on) => (fake.ledgerDelayMs = on ? 500 : 0),
      where: '1 = 1',
      atLeast: 60,
      below: krakenTxCount(TRADES),
      pollMs: 30,
      onKilled: () => {
        const left = cursor()!
        // The sweep was under way: a fixed upper end and an offset of whole pages.
        expect(left.upTo).not.toBeNull()
        expect(left.ofs % 50).toBe(0)
        at = left
      }
    })
    expect(JSON.parse(resumed.stdout)).toMatchObject([{ ok: true, duplicates: 0 }])
    const ids = storedIds(s.dir)
    expect(ids).toHaveLength(krakenTxCount(TRADES))
    expect(new Set(ids).size).toBe(ids.length)
    const trades = new Set(
      fake.state.ledger.filter((e) => ['trade', 'spend', 'receive'].includes(e.type)).map((e) => `trade:${e.refid}`)
    )
    expect(new Set(ids.filter((id) => /^trade:[^:]+$/.test(id)))).toEqual(trades)
    // The resumed sync asked for the ledger from where the killed one stopped, never from the top.
    const killedAt = at!
    const asked = fake.requests.slice(requestsAtKill).filter((r) => r.path === '/0/private/Ledgers')
    expect(asked[0]!.params).toMatchObject({ ofs: String(killedAt.ofs), end: String(Math.ceil(killedAt.upTo!)) })
    expect(asked.filter((r) => r.params.ofs === '0')).toHaveLength(0)
  }, 180_000)
})
