import type { Database } from 'better-sqlite3'
import type { MarketReads } from '../market/market-reads'
import type { Clock, Logger } from '../ports/deps'
import { writeExternal } from '../portfolio/external-import'
import { isFiat } from '../portfolio/assets'
import { sourceAssets } from '../portfolio/source-balances'
import * as repo from './connections-repo'
import type { ConnectionRow } from './connections-repo'
import type { Session } from './adapter-types'

/** A bound on pages per stream and run, so a misbehaving exchange cannot keep a sync going forever. */
const MAX_PAGES_PER_STREAM = 10_000
/** Rounds of listing streams: new assets found by one round's transfers can add trade markets. */
const MAX_ROUNDS = 3

export interface SyncOutcome {
  written: number
  duplicates: number
  pages: number
}

/**
 * One incremental sync of a connection. Each page is fetched (retrying 429/5xx), checked by the
 * adapter's schemas, and written in one transaction together with its stream's cursor and the
 * request count, so a process killed at any point resumes at the first page not written: no gap,
 * and no page written twice (a page re-read after a crash before its commit is simply new).
 */
export async function syncConnection(deps: {
  db: Database
  market: MarketReads
  clock: Clock
  log: Logger
  session: Session
  connection: ConnectionRow
}): Promise<SyncOutcome> {
  const { db, market, clock, session, connection } = deps
  const { adapter, client, meter } = session
  const outcome: SyncOutcome = { written: 0, duplicates: 0, pages: 0 }
  let counted = 0
  const usage = () => {
    repo.recordUsage(db, connection.id, meter.requests - counted, clock.now())
    counted = meter.requests
  }
  const balances = await session.call(() => adapter.balances(client))
  const done = new Set<string>()
  // The assets the account holds or has held: read from the ledger once, then grown by each page.
  const known = new Set([...balances.keys(), ...sourceAssets(db, adapter.id)])
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const streams = (await session.call(() => adapter.streams(client, known))).filter((s) => !done.has(s))
    if (streams.length === 0) break
    for (const stream of streams) {
      for (let n = 0; n < MAX_PAGES_PER_STREAM; n += 1) {
        const cursor = repo.cursorOf(db, connection.id, stream)
        const page = await session.call(() => adapter.page(client, stream, cursor, clock.now()))
        const now = clock.now()
        const written = writeExternal(db, market, adapter.id, page.records, now, () => {
          repo.setCursor(db, connection.id, stream, page.next, now)
          usage()
        })
        for (const record of page.records)
          for (const symbol of [record.symbol, record.quoteSymbol, record.feeSymbol])
            if (symbol !== null && !isFiat(symbol)) known.add(symbol)
        outcome.written += written.written
        outcome.duplicates += written.duplicates
        outcome.pages += 1
        if (page.done) break
      }
      done.add(stream)
    }
  }
  usage()
  return outcome
}
