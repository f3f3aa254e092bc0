import { join } from 'node:path'
import { Argument, Command } from '@commander-js/extra-typings'
import { AppError } from '../../../shared/errors'
import { megabytes } from '../../../shared/format'
import { DATABASE_FILE } from '../../db/connection'
import { listBackups, restoreNow } from '../../db/backups'
import { latestVersion } from '../../db/migrate'
import { migrations } from '../../db/migrations'
import type { Runner } from '../context'

const size = megabytes

export function backupCommand(run: Runner) {
  return new Command('backup')
    .description('list, take and restore backups of the database (taken daily and before each upgrade)')
    .addCommand(
      new Command('list').description('the backups, newest first').action(
        run(async (context) => {
          const result = await context.call('app:list-backups', undefined)
          if (context.json) context.printJson(result)
          else {
            const lines = result.backups.map((b) => `${b.file}  ${b.kind.padEnd(9)} ${size(b.bytes).padStart(9)}`)
            context.io.stdout.write(`${lines.join('\n') || 'No backups yet.'}\nin ${result.folder}\n`)
            if (result.pendingRestore)
              context.say(`${result.pendingRestore} will be restored the next time Seasonwatch starts.`)
          }
          return 0
        })
      )
    )
    .addCommand(
      new Command('create').description('take a backup now').action(
        run(async (context) => {
          const taken = await context.call('app:backup-now', undefined)
          if (context.json) context.printJson(taken)
          else context.io.stdout.write(`${taken.file} (${size(taken.bytes)})\n`)
          return 0
        })
      )
    )
    .addCommand(
      new Command('restore')
        .description('put a backup back in place of the database (close the Seasonwatch app first)')
        .addArgument(new Argument('<FILE>', 'the backup, as "backup list" names it'))
        .action(
          run(async (context, file) => {
            // Nothing opens the database before the swap: the current data is backed up, then replaced.
            const database = join(context.dataDir, DATABASE_FILE)
            const backup = listBackups(database).find((b) => b.file === file)
            if (!backup)
              throw new AppError('NOT_FOUND', `There is no backup named ${file}; "seasonwatch backup list" shows them.`)
            restoreNow(database, backup.path, latestVersion(migrations), Date.now())
            if (context.json) context.printJson({ restored: backup.file })
            else
              context.io.stdout.write(`Restored ${backup.file}. The data it replaced was kept as a "restore" backup.\n`)
            return 0
          })
        )
    )
}
