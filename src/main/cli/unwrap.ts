import { AppError } from '../../shared/errors'
import type { Envelope } from '../../shared/errors'

/** The CLI goes through the same dispatcher as the windows; a failure becomes a thrown AppError. */
export function unwrap<T>(envelope: Envelope<T>): T extends unknown ? Record<string, unknown> & T : never {
  if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message)
  return envelope.data as never
}
