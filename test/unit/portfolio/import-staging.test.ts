import { spawnSync } from 'node:child_process'
import { hostname } from 'node:os'
import type { Database } from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/db/connection'
import {
  STALE_MS,
  beginImport,
  discardImport,
  publishImport,
  stageSlice,
  sweepAbandoned
} from '../../../src/main/portfolio/import-staging'
import {
  allTransactions,
  existingFingerprints,
  getTransaction,
  ledgerRows,
  listTransactions,
  prepareInsert,
  unmatchedSymbols
} from '../../../src/main/portfolio/transactions-repo'
import type { TxRecord } from '../../../src/main/portfolio/transactions-repo'

const NOW = Date.parse('2024-12-12T12:00:00Z')
let db: Database

function records(n: number, tag = 'r'): { tx: TxRecord; fingerprint: string }[] {
  return Array.from({ length: n }, (_, i) => ({
    fingerprint: `${tag}${i}`,
    tx: {
      kind: 'buy',
      at: Date.parse('2024-01-02T00:00:00Z') + i * 60_000,
      symbol: 'ZZZ',
      coinId: null,
      quantity: '0.1',
      quoteSymbol: 'USD',
      quoteCoinId: null,
      quoteQuantity: '10',
      feeSymbol: null,
      feeCoinId: null,
      feeQuantity: null,
      valueUsd: null,
      valueSource: null,
      feeValueUsd: null,
      note: null,
      source: 'generic',
      line: i + 2
    }
  }))
}

/** What every read of the repository sees. */
function seen(): number[] {
  const counts = [
    listTransactions(db, 100_000, 0).total,
    allTransactions(db).length,
    ledgerRows(db).length,
    existingFingerprints(db, ['r0', 'r1']).size === 0 ? 0 : -1,
    unmatchedSymbols(db).length
  ]
  return counts
}

function stageAll(importId: number, list: ReturnType<typeof records>): number {
  const insert = prepareInsert(db)
  let inserted = 0
  for (let next = 0; next < list.length;) {
    const slice = stageSlice(db, insert, importId, list, next, NOW)
    next = slice.next
    inserted += slice.inserted
  }
  return inserted
}

beforeEach(() => {
  db = openDatabase(':memory:')
})
afterEach(() => db.close())

describe('an import written in slices', () => {
  it('shows none of its rows to any read until it is published, then all of them', () => {
    const id = beginImport(db, { format: 'generic', fileName: 'a.csv', rows: 3000 }, NOW)
    expect(stageAll(id, records(3000))).toBe(3000)
    expect(db.prepare('SELECT count(*) AS n FROM portfolio_transactions').get()).toEqual({ n: 3000 })
    expect(seen()).toEqual([0, 0, 0, 0, 0])
    expect(getTransaction(db, 1)).toBeNull()
    publishImport(db, id, { imported: 3000, duplicates: 0 }, () => undefined)
    expect(listTransactions(db, 10, 0).total).toBe(3000)
    expect(ledgerRows(db)).toHaveLength(3000)
    expect(unmatchedSymbols(db)).toContainEqual({ source: 'generic', symbol: 'ZZZ' })
    expect(db.prepare('SELECT state, imported, owner FROM portfolio_imports WHERE id = ?').get(id)).toEqual({
      state: 'done',
      imported: 3000,
      owner: null
    })
  })

  it('is removed whole when discarded, without its rows ever becoming visible', () => {
    const manual = prepareInsert(db)
    const id = beginImport(db, { format: 'generic', fileName: null, rows: 12_000 }, NOW)
    stageAll(id, records(6000))
    // A transaction entered by hand while the import runs stays.
    manual(records(1, 'manual')[0]!.tx, { importId: null, fingerprint: null, now: NOW })
    stageAll(id, records(6000, 's'))
    discardImport(db, id)
    expect(db.prepare('SELECT count(*) AS n FROM portfolio_transactions').get()).toEqual({ n: 1 })
    expect(db.prepare('SELECT count(*) AS n FROM portfolio_imports').get()).toEqual({ n: 0 })
    expect(listTransactions(db, 10, 0).total).toBe(1)
  })

  it('stops a writer whose import was taken for abandoned, and refuses to publish it', () => {
    const id = beginImport(db, { format: 'generic', fileName: null, rows: 10 }, NOW)
    stageAll(id, records(5))
    discardImport(db, id)
    expect(() => stageSlice(db, prepareInsert(db), id, records(5, 'late'), 0, NOW)).toThrow(/interrupted/)
    expect(() => publishImport(db, id, { imported: 5, duplicates: 0 }, () => undefined)).toThrow(/interrupted/)
    expect(db.prepare('SELECT count(*) AS n FROM portfolio_transactions').get()).toEqual({ n: 0 })
  })
})

describe('imports left behind', () => {
  /** What a process that stopped half-way through its import leaves behind. */
  function leaveStaging(owner: string, heartbeatAt: number): number {
    const id = Number(
      db
        .prepare(
          `INSERT INTO portfolio_imports (format, rows, imported, duplicates, imported_at, state, owner, heartbeat_at)
           VALUES ('generic', 100, 0, 0, 0, 'staging', ?, ?)`
        )
        .run(owner, heartbeatAt).lastInsertRowid
    )
    stageAll(id, records(100, `o${id}-`))
    db.prepare('UPDATE portfolio_imports SET heartbeat_at = ? WHERE id = ?').run(heartbeatAt, id)
    return id
  }

  it('refuses a second import while another live process is writing one', () => {
    // The test runner's parent process is alive and is not this one.
    leaveStaging(`${hostname()}:${process.ppid}`, Date.now() - 1000)
    expect(() => beginImport(db, { format: 'generic', fileName: null, rows: 1 }, NOW)).toThrow(
      /Another import is being written right now/
    )
  })

  it('clears an import whose process is gone, or silent too long, before the next one begins', () => {
    // Heartbeats are wall-clock time, whatever the app's clock says.
    const wall = Date.now()
    const exited = spawnSync(process.execPath, ['-e', 'process.pid'])
    leaveStaging(`${hostname()}:${exited.pid}`, wall - 1000)
    leaveStaging(`${hostname()}:${process.ppid}`, wall - STALE_MS - 1000)
    // On another host the pid says nothing; only the heartbeat counts.
    const elsewhere = leaveStaging('other-host:1', wall - 1000)
    expect(db.prepare('SELECT count(*) AS n FROM portfolio_transactions').get()).toEqual({ n: 300 })
    expect(sweepAbandoned(db)).toBe(2)
    expect(db.prepare('SELECT id FROM portfolio_imports').all()).toEqual([{ id: elsewhere }])
    expect(sweepAbandoned(db, wall + STALE_MS + 1)).toBe(1)
    expect(db.prepare('SELECT count(*) AS n FROM portfolio_transactions').get()).toEqual({ n: 0 })
    expect(beginImport(db, { format: 'generic', fileName: null, rows: 1 }, NOW)).toBeGreaterThan(0)
  })

  it('keeps a live import alive by its heartbeat, however old the app clock says it is', () => {
    const id = beginImport(db, { format: 'generic', fileName: null, rows: 10 }, NOW - 365 * 86_400_000)
    stageAll(id, records(10))
    expect(sweepAbandoned(db)).toBe(0)
    expect(db.prepare('SELECT state FROM portfolio_imports WHERE id = ?').pluck().get(id)).toBe('staging')
  })
})
