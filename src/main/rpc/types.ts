import type { Channel, ChannelOutput, ParsedInput, Runtime } from '../../shared/contract'

export interface CallContext {
  runtime: Runtime
}

export type Handler<C extends Channel> = (
  input: ParsedInput<C>,
  context: CallContext
) => ChannelOutput<C> | Promise<ChannelOutput<C>>

export type HandlerMap = { [C in Channel]: Handler<C> }
