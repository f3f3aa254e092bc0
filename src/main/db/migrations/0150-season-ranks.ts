import type { Migration } from './types'

/**
 * Each coin's rank in the index universe per day, as the history computed it (peg detection on and
 * off), so a coin page reads its whole index history in one row instead of re-ranking every coin
 * of every day. One byte per day from first_day on (0 = not ranked that day; ranks stop at the
 * largest universe size, 100). Rebuilt with the rest of the index history.
 */
export const seasonRanks: Migration = {
  version: 150,
  name: 'season-ranks',
  up(db) {
    db.exec(`
      CREATE TABLE season_ranks (
        coin_id TEXT NOT NULL,
        peg_detection INTEGER NOT NULL CHECK (peg_detection IN (0, 1)),
        first_day INTEGER NOT NULL,
        ranks BLOB NOT NULL,
        PRIMARY KEY (coin_id, peg_detection)
      ) STRICT, WITHOUT ROWID;
    `)
  }
}
