import { z } from 'zod'
import { channel } from './define'

export const updateStatusSchema = z.enum(['off', 'current', 'available', 'failed'])

export const updateCheckSchema = z.object({
  /** off: the setting is off and nothing was asked; failed: the answer could not be had or read. */
  status: updateStatusSchema,
  /** This app's version. */
  current: z.string(),
  /** The latest published version, when known. */
  latest: z.string().nullable(),
  /** The release page to download it from (one of Seasonwatch's release pages on github.com). */
  url: z.string().nullable(),
  /** One sentence for the user: "Version 0.2.0 is available", or why there is no answer. */
  message: z.string(),
  /** When the answer was had (ISO time); null when nothing was asked. */
  checkedAt: z.string().nullable()
})
export type UpdateCheck = z.infer<typeof updateCheckSchema>

export const updateChannels = {
  'app:check-update': channel({
    summary:
      'Whether a newer Seasonwatch is published: asks GitHub for the latest release when the setting is on (a recent answer is reused unless now is true).',
    input: z.object({ now: z.boolean().optional() }).strict().optional(),
    output: updateCheckSchema
  })
}
