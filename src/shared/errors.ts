import { z } from 'zod'

/** Every failure that crosses a process boundary carries one of these codes. */
export const errorCodes = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'OFFLINE',
  'BUSY',
  'CANCELLED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'INTERNAL'
] as const

export type ErrorCode = (typeof errorCodes)[number]

/**
 * Refusals the window answers with more than words, named so that no screen has to recognise a
 * case by its English text: `key-not-read-only` is an exchange key that can trade or withdraw (or
 * whose rights the exchange cannot tell), which the window offers to keep after a confirmation.
 */
export const errorKinds = ['key-not-read-only'] as const
export type ErrorKind = (typeof errorKinds)[number]

export const appErrorShape = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  kind: z.enum(errorKinds).optional()
})

export type AppErrorShape = z.infer<typeof appErrorShape>

/** A failure with a code and a message written for the person using the app. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly kind: ErrorKind | undefined

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; kind?: ErrorKind }) {
    super(message, options)
    this.name = 'AppError'
    this.code = code
    this.kind = options?.kind
  }

  toShape(): AppErrorShape {
    return this.kind
      ? { code: this.code, message: this.message, kind: this.kind }
      : { code: this.code, message: this.message }
  }
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape }

export const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: appErrorShape })
])

/** Turns a zod failure into one readable line: "top: must be 50 or 100; window: required". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ')
}
