import type { Database } from 'better-sqlite3'
import { AppError } from '../../shared/errors'
import type { Migration } from './migrations'

export function schemaVersionOf(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0)
}

/**
 * Brings the database up to the newest migration, each in its own transaction together with its
 * user_version bump, so a crash leaves the database at the last completed step. A database written
 * by a newer version of the app is refused before anything is touched.
 */
export function migrate(db: Database, migrations: readonly Migration[], target = latestVersion(migrations)): number {
  assertOrdered(migrations)
  assertNotNewer(db, migrations)
  const current = schemaVersionOf(db)
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue
    db.transaction(() => {
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    }).immediate()
  }
  return schemaVersionOf(db)
}

export function assertNotNewer(db: Database, migrations: readonly Migration[]): void {
  const current = schemaVersionOf(db)
  const newest = latestVersion(migrations)
  if (current > newest) {
    throw new AppError(
      'CONFLICT',
      `This data was written by a newer version of Seasonwatch (database schema ${current}; this version knows up to ${newest}). ` +
        'Update Seasonwatch to open it. Nothing was changed.'
    )
  }
}

function assertOrdered(migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i += 1) {
    const previous = migrations[i - 1]
    const next = migrations[i]
    if (!previous || !next || next.version <= previous.version) {
      throw new Error(`Migrations out of order at ${next?.name ?? i}`)
    }
  }
}
