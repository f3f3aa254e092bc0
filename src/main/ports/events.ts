import type { ChangeTopic, EventName, EventPayload } from '../../shared/contract'

type AnyListener = (name: EventName, payload: unknown) => void

/** Typed push events from the core: to its own services, and to whichever windows listen. */
export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void
  /** Listens to one event; returns the unsubscribe function. */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void
  /** Listens to every event (the transports that forward them to windows); returns the unsubscribe function. */
  onAny(listener: AnyListener): () => void
  /** Says that writes changed these topics (the `data:changed` event). */
  changed(...topics: [ChangeTopic, ...ChangeTopic[]]): void
}

export function createEventBus(onListenerError: (error: unknown) => void = () => {}): EventBus {
  const listeners = new Set<AnyListener>()
  const bus: EventBus = {
    emit(name, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(name, payload)
        } catch (error) {
          onListenerError(error)
        }
      }
    },
    on(name, listener) {
      return bus.onAny((seen, payload) => {
        if (seen === name) listener(payload as EventPayload<typeof name>)
      })
    },
    onAny(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    changed(...topics) {
      bus.emit('data:changed', { topics: [...new Set(topics)] })
    }
  }
  return bus
}
