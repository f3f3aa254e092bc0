import { describe, expect, it } from 'vitest'
import { createCoinsRepo } from '../../../src/main/coins/coins-repo'
import { openDatabase } from '../../../src/main/db/connection'

describe('watchlist and price alert tables (migration 0160)', () => {
  it('record the same alert key once, whatever evaluates it again, and keep what each rule saw', () => {
    const db = openDatabase(':memory:')
    const repo = createCoinsRepo(db)
    const id = repo.addRule({ coinId: 'ethereum', kind: 'above', threshold: 3200, periodDays: null }, 1)
    const draft = {
      alertId: id,
      coinId: 'ethereum',
      dedupeKey: `price:${id}:over:2025-05-02`,
      title: 'Ethereum (ETH) rose above $3,200.00',
      body: 'Ethereum (ETH) closed at $3,300.00 on 2025-05-02.',
      asOf: '2025-05-02'
    }
    const first = repo.record([{ id, side: 'over', day: 20210 }], [draft], 10)
    expect(first).toHaveLength(1)
    expect(repo.record([{ id, side: 'over', day: 20210 }], [draft], 11)).toEqual([])
    expect(repo.fired(10).map((a) => [a.title, a.createdAt])).toEqual([[draft.title, 10]])
    expect(repo.rules()[0]).toMatchObject({ id, lastSide: 'over', lastDay: 20210 })
    // Removing a rule leaves the alerts it fired in the history.
    expect(repo.removeRule(id)).toBe(true)
    expect(repo.fired(10)).toHaveLength(1)
    expect(() =>
      db.prepare("INSERT INTO price_alerts (coin_id, kind, created_at) VALUES ('ethereum', 'sideways', 0)").run()
    ).toThrow(/CHECK/)
    db.close()
  })

  it('keeps a watched coin once', () => {
    const db = openDatabase(':memory:')
    const repo = createCoinsRepo(db)
    expect(repo.watch('ethereum', 1)).toBe(true)
    expect(repo.watch('ethereum', 2)).toBe(false)
    expect(repo.watched()).toEqual([{ coinId: 'ethereum', addedAt: 1 }])
    expect(repo.unwatch('ethereum')).toBe(true)
    expect(repo.watchCount()).toBe(0)
    db.close()
  })
})
