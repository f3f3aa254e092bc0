import { basename } from 'node:path'
import { AppError } from '../../shared/errors'
import type { BackupFile } from '../db/backups'
import { backupFolderOf, checkBackup, listBackups, pendingRestore, requestRestore, takeBackup } from '../db/backups'
import { latestVersion } from '../db/migrate'
import { migrations } from '../db/migrations'
import type { Services } from '../core/services'
import type { HandlerMap } from '../rpc/types'

const shown = (b: BackupFile) => ({
  file: b.file,
  kind: b.kind,
  takenAt: new Date(b.takenAt).toISOString(),
  bytes: b.bytes
})

export function createBackupHandlers(
  services: Services
): Pick<HandlerMap, 'app:list-backups' | 'app:backup-now' | 'app:restore-backup'> {
  const path = services.databasePath
  const onDisk = path !== ':memory:'
  return {
    'app:list-backups': () => {
      const pending = onDisk ? pendingRestore(path) : null
      return {
        folder: onDisk ? backupFolderOf(path) : '',
        backups: onDisk ? listBackups(path).map(shown) : [],
        pendingRestore: pending === null ? null : basename(pending)
      }
    },
    'app:backup-now': () => {
      if (!onDisk) throw new AppError('FORBIDDEN', 'This database lives in memory only: there is nothing to back up.')
      const file = takeBackup(services.db, path, 'manual', services.clock.now())
      services.events.changed('backups')
      const taken = listBackups(path).find((b) => b.path === file)
      if (!taken) throw new AppError('INTERNAL', 'The backup was written but cannot be found.')
      return shown(taken)
    },
    'app:restore-backup': ({ file }) => {
      const backup = onDisk ? listBackups(path).find((b) => b.file === file) : undefined
      if (!backup) throw new AppError('NOT_FOUND', `There is no backup named ${file}.`)
      checkBackup(backup.path, latestVersion(migrations))
      requestRestore(path, backup.path)
      services.events.changed('backups')
      return { pendingRestore: backup.file }
    }
  }
}
