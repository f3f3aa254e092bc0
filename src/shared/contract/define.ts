import type { z } from 'zod'

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
  /** One sentence for the registry's documentation and error messages. */
  summary: string
}

export function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return spec
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  payload: P
  summary: string
}

export function event<P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> {
  return spec
}
