import type { Migration } from './types'

/**
 * The computed Altcoin Season Index: every variant's daily history, bitcoin's dominance over the
 * tracked coins, and where the computation stands. Everything here can be rebuilt from the market
 * tables, so a methodology change just recomputes it.
 */
export const createSeason: Migration = {
  version: 40,
  name: 'create-season',
  up(db) {
    db.exec(`
      -- One row per variant and UTC day that has a value (days without one are absent).
      CREATE TABLE season_history (
        top_n INTEGER NOT NULL CHECK (top_n > 0),
        window_days INTEGER NOT NULL CHECK (window_days > 0),
        peg_detection INTEGER NOT NULL CHECK (peg_detection IN (0, 1)),
        day INTEGER NOT NULL,
        value REAL NOT NULL CHECK (value >= 0 AND value <= 100),
        outperformers INTEGER NOT NULL CHECK (outperformers >= 0),
        measured INTEGER NOT NULL CHECK (measured > 0 AND measured >= outperformers),
        unmeasured INTEGER NOT NULL CHECK (unmeasured >= 0),
        PRIMARY KEY (top_n, window_days, peg_detection, day)
      ) STRICT, WITHOUT ROWID;

      -- Bitcoin's share of the tracked coins' market cap (percent), per UTC day.
      CREATE TABLE season_dominance (
        day INTEGER PRIMARY KEY NOT NULL,
        dominance REAL NOT NULL CHECK (dominance > 0 AND dominance <= 100)
      ) STRICT;

      -- A single row: the last market_changes id consumed, the engine version that computed the
      -- rows above (a new version recomputes everything) and the day range they cover.
      CREATE TABLE season_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last_change_id INTEGER NOT NULL,
        engine_version INTEGER NOT NULL,
        computed_from INTEGER,
        computed_to INTEGER,
        computed_at INTEGER NOT NULL
      ) STRICT;
    `)
  }
}
