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
