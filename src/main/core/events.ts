import type { EventName, EventPayload } from '../../shared/contract'

type Listener = (name: EventName, payload: unknown) => void

/** Typed push events from the core to whichever windows are listening. */
export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void
  /** Listens to every event; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void
}

export function createEventBus(onListenerError: (error: unknown) => void = () => {}): EventBus {
  const listeners = new Set<Listener>()
  return {
    emit(name, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(name, payload)
        } catch (error) {
          onListenerError(error)
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    }
  }
}
