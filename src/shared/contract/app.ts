import { z } from 'zod'
import { settingsPatchSchema, settingsSchema } from '../settings'
import { changeTopics, channel, event } from './define'

export const runtimeSchema = z.enum(['electron', 'browser', 'cli'])
export type Runtime = z.infer<typeof runtimeSchema>

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  runtime: runtimeSchema,
  platform: z.string()
})
export type AppInfo = z.infer<typeof appInfoSchema>

export const appChannels = {
  'app:get-info': channel({
    summary: 'Version, data folder, database schema version and runtime.',
    input: z.void().or(z.object({}).strict()).optional(),
    output: appInfoSchema
  }),
  'settings:get': channel({
    summary: 'The current settings, with defaults filled in.',
    input: z.void().or(z.object({}).strict()).optional(),
    output: settingsSchema
  }),
  'settings:set': channel({
    summary: 'Changes some settings and returns all of them.',
    input: settingsPatchSchema,
    output: settingsSchema
  }),
  'app:save-pdf': channel({
    summary: 'Saves the page as it prints (a report) to a PDF file the user chooses; desktop app only.',
    input: z
      .object({
        fileName: z
          .string()
          .trim()
          .min(1)
          .max(120)
          .regex(/^[\w .()-]+\.pdf$/, 'must be a file name ending in .pdf')
      })
      .strict(),
    output: z.object({ saved: z.boolean(), path: z.string().nullable() })
  }),
  'app:open-external': channel({
    summary: 'Opens an allow-listed https link in the system browser.',
    input: z.object({ url: z.string().url() }).strict(),
    output: z.object({ opened: z.boolean() })
  })
}

const backupSchema = z.object({
  file: z.string(),
  kind: z.enum(['daily', 'migration', 'restore', 'manual']),
  takenAt: z.string(),
  bytes: z.number().int()
})

const backupFileSchema = z
  .string()
  .regex(/^seasonwatch-[\dT-]+-(daily|migration|restore|manual)\.db$/, 'must be the name of a backup, as listed')

export const backupChannels = {
  'app:list-backups': channel({
    summary: 'The backups of the database (daily, before migrations, before restores), newest first.',
    input: z.void().or(z.object({}).strict()).optional(),
    output: z.object({ folder: z.string(), backups: z.array(backupSchema), pendingRestore: z.string().nullable() })
  }),
  'app:backup-now': channel({
    summary: 'Takes a backup of the database now.',
    input: z.void().or(z.object({}).strict()).optional(),
    output: backupSchema
  }),
  'app:restore-backup': channel({
    summary: 'Restores a backup the next time Seasonwatch starts (the current data is backed up first).',
    input: z.object({ file: backupFileSchema }).strict(),
    output: z.object({ pendingRestore: z.string() })
  })
}

export const appEvents = {
  'settings:changed': event({
    summary: 'Settings were written.',
    payload: settingsSchema
  }),
  'data:changed': event({
    summary: 'Stored data changed, by topic, so views reading those topics can refresh.',
    payload: z.object({ topics: z.array(z.enum(changeTopics)).min(1) })
  })
}
