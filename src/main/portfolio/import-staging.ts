import { hostname } from 'node:os'
import type { Database } from 'better-sqlite3'
import { AppError } from '../../shared/errors'
import type { TxRecord, prepareInsert } from './transactions-repo'

/**
 * How an import is written without holding the database's write lock for long (issue 15):
 *
 * 1. begin: one short transaction adds the import as 'staging', after clearing away any import a
 *    crashed or killed process left behind. Only one import is written at a time.
 * 2. stage: the rows go into portfolio_transactions in slices of about SLICE_MS each, each slice its
 *    own transaction, with a pause of GAP_MS after it. Another process waiting for the lock polls
 *    for it (SQLite's busy handler: a few quick tries, then every 100 ms), and each poll finds it
 *    free with a chance of GAP_MS / (SLICE_MS + GAP_MS), so it waits a few hundred ms, not the
 *    whole import. (Shorter slices cost more: each commit rewrites the pages of the fingerprint
 *    index that the slice touched, and those are spread over all of it.) Readers filter out the
 *    rows of imports that are not 'done' (transactions-repo VISIBLE): nothing shows yet.
 * 3. publish: one short transaction marks the import 'done' (and remembers the symbol choices):
 *    every row appears at once.
 *
 * A failure, a cancel or a crash before step 3 leaves only rows nobody sees. The importer removes
 * them itself when it can ('discarding', then deleted in slices); otherwise the next import does,
 * once the owner is gone (same host, pid not running) or its heartbeat is older than STALE_MS.
 */

/** About how long one slice of rows holds the write lock. */
export const SLICE_MS = 50
/** The pause between slices, when another process's write can take the lock. */
export const GAP_MS = 20
/** A staging import not heard from for this long is abandoned. */
export const STALE_MS = 30_000
/** Rows deleted per transaction when an import is discarded. */
const DELETE_SLICE = 5000

export interface ImportMeta {
  format: string
  fileName: string | null
  rows: number
}

const ownerHere = () => `${hostname()}:${process.pid}`
/**
 * Heartbeats are wall-clock time, not the app's clock: they say whether a process is still at
 * work, and every process on the machine reads the same wall clock.
 */
const wallClock = () => Date.now()

function ownerIsGone(owner: string | null): boolean {
  if (!owner) return true
  const split = owner.lastIndexOf(':')
  if (owner.slice(0, split) !== hostname()) return false
  const pid = Number(owner.slice(split + 1))
  if (pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    // EPERM: the pid runs under another user, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/**
 * Adds the import as 'staging' and returns its id; refused (CONFLICT) while another import is
 * being written. Imports left behind by a process that is gone are removed first.
 */
export function beginImport(db: Database, meta: ImportMeta, now: number): number {
  sweepAbandoned(db)
  return db
    .transaction(() => {
      const busy = db
        .prepare<[], { id: number; heartbeat_at: number | null }>(
          "SELECT id, heartbeat_at FROM portfolio_imports WHERE state = 'staging'"
        )
        .get()
      if (busy)
        throw new AppError(
          'CONFLICT',
          'Another import is being written right now; nothing was imported. Try again when it has finished.'
        )
      return Number(
        db
          .prepare(
            `INSERT INTO portfolio_imports (format, file_name, rows, imported, duplicates, imported_at, state, owner, heartbeat_at)
             VALUES (?, ?, ?, 0, 0, ?, 'staging', ?, ?)`
          )
          .run(meta.format, meta.fileName, meta.rows, now, ownerHere(), wallClock()).lastInsertRowid
      )
    })
    .immediate()
}

const interrupted = () =>
  new AppError(
    'CONFLICT',
    'The import was interrupted (another process took it for abandoned); nothing was imported. Import the file again.'
  )

/**
 * Writes records from `from` on until about SLICE_MS has passed, in one transaction, and returns
 * where it stopped and how many rows were new (rows whose fingerprint or exchange id is already stored are not).
 */
export function stageSlice(
  db: Database,
  insert: ReturnType<typeof prepareInsert>,
  importId: number,
  records: readonly { tx: TxRecord; fingerprint: string; externalId?: string | null }[],
  from: number,
  now: number
): { next: number; inserted: number } {
  return db
    .transaction(() => {
      // Still ours: a process that took this import for abandoned has marked it 'discarding'.
      const alive = db
        .prepare("UPDATE portfolio_imports SET heartbeat_at = ? WHERE id = ? AND state = 'staging'")
        .run(wallClock(), importId)
      if (alive.changes !== 1) throw interrupted()
      const start = performance.now()
      let i = from
      let inserted = 0
      let firstId: number | null = null
      for (; i < records.length; i += 1) {
        const record = records[i] as { tx: TxRecord; fingerprint: string; externalId?: string | null }
        const id = insert(record.tx, {
          importId,
          fingerprint: record.fingerprint,
          externalId: record.externalId ?? null,
          now
        })
        if (id !== null) {
          inserted += 1
          firstId ??= id
        }
        if ((i & 127) === 127 && performance.now() - start >= SLICE_MS) {
          i += 1
          break
        }
      }
      if (firstId !== null)
        db.prepare('UPDATE portfolio_imports SET first_id = coalesce(first_id, ?) WHERE id = ?').run(firstId, importId)
      return { next: i, inserted }
    })
    .immediate()
}

/** Makes every staged row visible at once: the import's last step. */
export function publishImport(
  db: Database,
  importId: number,
  counts: { imported: number; duplicates: number },
  alsoWrite: () => void
): void {
  db.transaction(() => {
    const done = db
      .prepare(
        "UPDATE portfolio_imports SET state = 'done', imported = ?, duplicates = ?, owner = NULL, heartbeat_at = NULL WHERE id = ? AND state = 'staging'"
      )
      .run(counts.imported, counts.duplicates, importId)
    if (done.changes !== 1) throw interrupted()
    alsoWrite()
  }).immediate()
}

/**
 * Removes an unfinished import: marks it 'discarding' (so its writer, if it still runs, stops at
 * its next slice), deletes its rows a slice at a time, then the import itself (last: deleting it
 * first would set its rows' import_id to NULL and show them).
 */
export function discardImport(db: Database, importId: number): void {
  const row = db
    .prepare<[number], { first_id: number | null }>(
      "UPDATE portfolio_imports SET state = 'discarding' WHERE id = ? AND state <> 'done' RETURNING first_id"
    )
    .get(importId)
  if (!row) return
  if (row.first_id !== null) {
    const remove = db.prepare(
      'DELETE FROM portfolio_transactions WHERE id IN (SELECT id FROM portfolio_transactions WHERE id >= ? AND import_id = ? LIMIT ?)'
    )
    while (remove.run(row.first_id, importId, DELETE_SLICE).changes > 0) {
      // Each run is its own short transaction.
    }
  }
  db.prepare('DELETE FROM portfolio_imports WHERE id = ?').run(importId)
}

/** Removes imports whose writer is gone or silent for STALE_MS, and any left half-removed. */
export function sweepAbandoned(db: Database, now = wallClock()): number {
  const unfinished = db
    .prepare<[], { id: number; state: string; owner: string | null; heartbeat_at: number | null }>(
      "SELECT id, state, owner, heartbeat_at FROM portfolio_imports WHERE state <> 'done'"
    )
    .all()
  let removed = 0
  for (const u of unfinished) {
    const stale = u.heartbeat_at === null || now - u.heartbeat_at > STALE_MS
    if (u.state === 'discarding' || stale || ownerIsGone(u.owner)) {
      discardImport(db, u.id)
      removed += 1
    }
  }
  return removed
}
