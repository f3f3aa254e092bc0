import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload } from '@shared/contract'
import type { AppErrorShape, Envelope, ErrorCode, ErrorKind } from '@shared/errors'
import type { Bridge } from '@shared/ipc'

declare global {
  interface Window {
    seasonwatch?: Bridge
  }
}

/** A failed call, with the core's code and a message meant for people. */
export class ClientError extends Error {
  readonly code: ErrorCode
  /** Set for the refusals a screen answers with more than words (see errorKinds). */
  readonly kind: ErrorKind | undefined
  constructor(shape: AppErrorShape) {
    super(shape.message)
    this.name = 'ClientError'
    this.code = shape.code
    this.kind = shape.kind
  }
}

export interface Client {
  readonly transport: 'electron' | 'browser'
  invoke<C extends Channel>(
    channel: C,
    ...input: undefined extends ChannelInput<C> ? [ChannelInput<C>?] : [ChannelInput<C>]
  ): Promise<ChannelOutput<C>>
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void
}

interface Transport {
  kind: 'electron' | 'browser'
  call(channel: string, input: unknown): Promise<Envelope<unknown>>
  subscribe(event: string, callback: (payload: unknown) => void): () => void
}

function bridgeTransport(bridge: Bridge): Transport {
  return {
    kind: 'electron',
    call: async (channel, input) => (await bridge.invoke(channel, input)) as Envelope<unknown>,
    subscribe: (event, callback) => bridge.on(event, callback)
  }
}

/** Browser mode: calls are POSTs to the local server; push events arrive over one EventSource. */
function httpTransport(): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let source: EventSource | null = null

  function ensureSource(): void {
    if (source) return
    source = new EventSource('/api/events')
    source.onmessage = (message) => {
      let parsed: { name: string; payload: unknown }
      try {
        parsed = JSON.parse(message.data as string) as { name: string; payload: unknown }
      } catch {
        return
      }
      for (const callback of listeners.get(parsed.name) ?? []) callback(parsed.payload)
    }
  }

  return {
    kind: 'browser',
    async call(channel, input) {
      let response: Response
      try {
        response = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: input === undefined ? '' : JSON.stringify(input)
        })
      } catch {
        return {
          ok: false,
          error: { code: 'OFFLINE', message: 'Seasonwatch is not answering. Is "seasonwatch serve" still running?' }
        }
      }
      if (response.status === 401) {
        return {
          ok: false,
          error: {
            code: 'UNAUTHORIZED',
            // The printed address works once, so the way back in is a new one.
            message:
              'This page lost its access to Seasonwatch. Stop "seasonwatch serve", start it again and open the new address it prints.'
          }
        }
      }
      try {
        return (await response.json()) as Envelope<unknown>
      } catch {
        return {
          ok: false,
          error: { code: 'INTERNAL', message: `Unexpected answer from Seasonwatch (HTTP ${response.status}).` }
        }
      }
    },
    subscribe(event, callback) {
      ensureSource()
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(callback)
      return () => {
        set.delete(callback)
      }
    }
  }
}

export function createClient(
  transport: Transport = window.seasonwatch ? bridgeTransport(window.seasonwatch) : httpTransport()
): Client {
  return {
    transport: transport.kind,
    async invoke(channel, ...rest) {
      const envelope = await transport.call(channel, rest[0])
      if (!envelope.ok) throw new ClientError(envelope.error)
      return envelope.data as never
    },
    on(event, callback) {
      return transport.subscribe(event, callback as (payload: unknown) => void)
    }
  }
}

export const client: Client = createClient()
