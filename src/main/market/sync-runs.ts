import type { Database } from 'better-sqlite3'
import type { ErrorCode } from '../../shared/errors'

export interface RunRecord {
  id: string
  startedAt: number
  finishedAt: number | null
  status: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted'
  error: { code: ErrorCode; message: string } | null
}

/** The log of sync runs: the last success and the last error shown to the user come from here. */
export function createSyncRuns(db: Database) {
  const insert = db.prepare("INSERT INTO sync_runs (id, started_at, status) VALUES (?, ?, 'running')")
  const finish = db.prepare(
    'UPDATE sync_runs SET finished_at = ?, status = ?, error_code = ?, error_message = ?, summary = ? WHERE id = ?'
  )
  const interruptOthers = db.prepare(
    "UPDATE sync_runs SET status = 'interrupted', finished_at = ? WHERE status = 'running' AND id != ?"
  )
  const lastSuccess = db.prepare<[], { finished_at: number }>(
    "SELECT finished_at FROM sync_runs WHERE status = 'succeeded' ORDER BY finished_at DESC LIMIT 1"
  )
  const lastAttempt = db.prepare<[], { started_at: number }>(
    'SELECT started_at FROM sync_runs ORDER BY started_at DESC LIMIT 1'
  )
  const lastFinished = db.prepare<
    [],
    { status: RunRecord['status']; finished_at: number; error_code: string | null; error_message: string | null }
  >(
    "SELECT status, finished_at, error_code, error_message FROM sync_runs WHERE status != 'running' ORDER BY started_at DESC, rowid DESC LIMIT 1"
  )
  return {
    start(id: string, at: number): void {
      insert.run(id, at)
    },
    finish(
      id: string,
      at: number,
      status: Exclude<RunRecord['status'], 'running'>,
      error: { code: string; message: string } | null,
      summary: unknown
    ): void {
      finish.run(
        at,
        status,
        error?.code ?? null,
        error?.message ?? null,
        summary === undefined ? null : JSON.stringify(summary),
        id
      )
    },
    /** Runs left 'running' by a holder that died are marked interrupted once its lock is taken over. */
    markInterrupted(exceptId: string, at: number): void {
      interruptOthers.run(at, exceptId)
    },
    lastSuccessAt: (): number | null => lastSuccess.get()?.finished_at ?? null,
    lastAttemptAt: (): number | null => lastAttempt.get()?.started_at ?? null,
    /** How the most recent finished run ended, or null before the first. */
    lastOutcome(): Exclude<RunRecord['status'], 'running'> | null {
      return (lastFinished.get()?.status as Exclude<RunRecord['status'], 'running'> | undefined) ?? null
    },
    /** The most recent finished run's error, or null when it succeeded. */
    lastError(): { code: ErrorCode; message: string; at: number } | null {
      const row = lastFinished.get()
      if (!row || row.status === 'succeeded' || row.error_code === null) return null
      return { code: row.error_code as ErrorCode, message: row.error_message ?? '', at: row.finished_at }
    }
  }
}

export type SyncRuns = ReturnType<typeof createSyncRuns>
