import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/db/connection'
import { migrate, schemaVersionOf } from '../../../src/main/db/migrate'
import { migrations } from '../../../src/main/db/migrations'
import { toDailyObservations } from '../../../src/main/market/daily-values'
import { createMarketStore } from '../../../src/main/market/market-store'

const DAY = 86_400_000
const d = 19_700

describe('24h volume in the stored history', () => {
  it('takes the latest volume observation of each UTC day, independently of price and cap', () => {
    const rows = toDailyObservations(
      [[d * DAY, 10]],
      [[d * DAY, 1000]],
      [
        [d * DAY, 500],
        [d * DAY + 3_600_000, 700],
        [(d + 1) * DAY, 0],
        [(d + 2) * DAY, 900]
      ]
    )
    expect(rows.map((r) => [r.day, r.price, r.volume ?? null])).toEqual([
      [d, 10, 700],
      // A volume of 0 is no observation (DESIGN.md 1.1), so day d + 1 has nothing.
      [d + 2, null, 900]
    ])
  })

  it('is written by a history answer, replaced only by a later observation, and read back with the day', () => {
    const db = openDatabase(':memory:')
    const store = createMarketStore(db)
    store.applySnapshot(
      [{ id: 'ethereum', symbol: 'eth', name: 'Ethereum', rank: 2, price: null, marketCap: null, observedAt: null }],
      d * DAY
    )
    const write = (volumes: [number, number][], at: number) =>
      store.writeHistories(
        [
          {
            coinId: 'ethereum',
            rows: toDailyObservations([[d * DAY, 2000]], [[d * DAY, 2.4e11]], volumes),
            requestedFromDay: d,
            fetchedAt: at,
            status: 'ok'
          }
        ],
        at
      )
    write([[d * DAY + 60_000, 1.5e10]], d * DAY + 1)
    write([[d * DAY, 9e9]], d * DAY + 2)
    expect(store.coinDays('ethereum', d, d)).toEqual([[d, 2000, 2.4e11, 1.5e10]])
    write([[d * DAY + 120_000, 1.6e10]], d * DAY + 3)
    expect(store.coinDays('ethereum', d, d)).toEqual([[d, 2000, 2.4e11, 1.6e10]])
    db.close()
  })

  it('migration 0140 keeps every stored day and leaves its volume unknown', () => {
    const db = new Database(':memory:')
    migrate(db, migrations, 90)
    db.prepare(
      "INSERT INTO coins (id, symbol, name, tracked, first_seen_at, last_seen_at) VALUES ('bitcoin', 'btc', 'Bitcoin', 1, 0, 0)"
    ).run()
    db.prepare("INSERT INTO daily_values (coin_id, day, price, price_ts) VALUES ('bitcoin', ?, 40000, 1)").run(d)
    migrate(db, migrations, 140)
    expect(schemaVersionOf(db)).toBe(140)
    expect(db.prepare('SELECT day, price, volume, volume_ts FROM daily_values').all()).toEqual([
      { day: d, price: 40000, volume: null, volume_ts: null }
    ])
    expect(() => db.prepare("UPDATE daily_values SET volume = 0 WHERE coin_id = 'bitcoin'").run()).toThrow(/CHECK/)
    db.close()
  })
})
