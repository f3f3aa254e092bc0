import type { Migration } from './types'

/**
 * The set of index variants the stored history was computed for. When the app's list of variants
 * changes (a new window, say), the history no longer matches it and is recomputed by itself,
 * without anyone having to remember to bump the engine version.
 */
export const seasonVariants: Migration = {
  version: 80,
  name: 'season-variants',
  up(db) {
    db.exec(`ALTER TABLE season_state ADD COLUMN variants TEXT NOT NULL DEFAULT ''`)
  }
}
