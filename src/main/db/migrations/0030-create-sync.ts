import type { Migration } from './types'

/**
 * What the market sync needs to be resumable and exclusive: a single-row lock that a crashed
 * holder cannot keep (pid + heartbeat), how far each coin's history has been fetched (so a killed
 * sync resumes without refetching and a next-day sync fetches only new coins and holes), and a log
 * of runs from which the last success and the last error are read.
 */
export const createSync: Migration = {
  version: 30,
  name: 'create-sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_lock (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        owner TEXT NOT NULL,
        pid INTEGER NOT NULL,
        host TEXT NOT NULL,
        acquired_at INTEGER NOT NULL,
        heartbeat_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE coin_history (
        coin_id TEXT PRIMARY KEY NOT NULL REFERENCES coins (id) ON DELETE CASCADE,
        -- The earliest UTC day the provider was asked for; a larger history-days setting refetches.
        requested_from_day INTEGER NOT NULL,
        -- Every day up to this one has been looked at (by a history call or a market snapshot);
        -- a gap between it and today is a hole that the next sync fills with a range call.
        covered_to_day INTEGER NOT NULL,
        fetched_at INTEGER NOT NULL,
        -- 'missing' when the provider has no history for the coin (404): not asked again.
        status TEXT NOT NULL CHECK (status IN ('ok', 'missing'))
      ) STRICT;

      CREATE TABLE sync_runs (
        id TEXT PRIMARY KEY NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
        error_code TEXT,
        error_message TEXT,
        -- JSON summary: requests, per-status counts, coins, values written.
        summary TEXT
      ) STRICT;
      CREATE INDEX sync_runs_started ON sync_runs (started_at);
    `)
  }
}
