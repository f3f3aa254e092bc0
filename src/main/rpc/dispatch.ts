import { ZodError } from 'zod'
import { channels, isChannel } from '../../shared/contract'
import type { Channel } from '../../shared/contract'
import { AppError, describeZodError } from '../../shared/errors'
import type { Envelope } from '../../shared/errors'
import { describeInput } from '../../shared/field-input'
import type { Logger } from '../ports/deps'
import type { CallContext, Handler, HandlerMap } from './types'

export type Dispatch = (channel: string, input: unknown, context: CallContext) => Promise<Envelope<unknown>>

/**
 * The single path every call takes, whatever the transport: the channel must exist, the input must
 * pass its schema, the handler's result must pass the output schema, and every outcome becomes an
 * envelope. Nothing thrown inside ever crosses the boundary; unexpected errors are logged with
 * their stack here and reach the window as INTERNAL with a plain message.
 */
export function createDispatch(handlers: HandlerMap, log: Logger): Dispatch {
  return async (name, rawInput, context) => {
    if (!isChannel(name)) {
      return failure(new AppError('NOT_FOUND', `Unknown channel: ${String(name).slice(0, 80)}`))
    }
    const spec = channels[name]
    const parsed = spec.input.safeParse(rawInput)
    if (!parsed.success) {
      // People read the field's label and what to do; the contract path stays in the log.
      log.warn('input refused', { channel: name, issues: describeZodError(parsed.error) })
      return failure(new AppError('VALIDATION', describeInput(parsed.error, rawInput)))
    }
    try {
      const handler = handlers[name] as Handler<Channel>
      const result = await handler(parsed.data as never, context)
      const checked = spec.output.safeParse(result)
      if (!checked.success) {
        log.error('handler returned data that does not match its contract', {
          channel: name,
          issues: describeZodError(checked.error)
        })
        return failure(new AppError('INTERNAL', `Seasonwatch produced an invalid answer for ${name}.`))
      }
      return { ok: true, data: checked.data }
    } catch (error) {
      return failure(toAppError(error, name, log))
    }
  }
}

export function toAppError(error: unknown, channel: string, log: Logger): AppError {
  if (error instanceof AppError) return error
  if (error instanceof ZodError) {
    log.warn('input refused', { channel, issues: describeZodError(error) })
    return new AppError('VALIDATION', describeInput(error))
  }
  const err = error instanceof Error ? error : new Error(String(error))
  log.error('unexpected error in handler', { channel, error: err.message, stack: err.stack })
  return new AppError('INTERNAL', `Something went wrong in ${channel}: ${err.message}`)
}

function failure(error: AppError): Envelope<never> {
  return { ok: false, error: error.toShape() }
}
