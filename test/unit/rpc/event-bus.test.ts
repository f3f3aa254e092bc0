import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDebounce } from '../../../src/main/ports/debounce'
import { createEventBus } from '../../../src/main/ports/events'

afterEach(() => {
  vi.useRealTimers()
})

describe('event bus', () => {
  it('delivers one event to its listeners with a typed payload and every event to onAny', () => {
    const bus = createEventBus()
    const topics: string[][] = []
    const all: string[] = []
    const stop = bus.on('data:changed', (payload) => topics.push(payload.topics))
    bus.onAny((name) => all.push(name))
    bus.changed('portfolio', 'market', 'portfolio')
    bus.emit('season:updated', { from: '2024-01-01', to: '2024-01-02' })
    stop()
    bus.changed('settings')
    expect(topics).toEqual([['portfolio', 'market']])
    expect(all).toEqual(['data:changed', 'season:updated', 'data:changed'])
  })

  it('keeps delivering when a listener throws, and reports the error', () => {
    const errors: unknown[] = []
    const bus = createEventBus((error) => errors.push(error))
    const seen: string[] = []
    bus.onAny(() => {
      throw new Error('listener broke')
    })
    bus.onAny((name) => seen.push(name))
    bus.changed('alerts')
    expect(seen).toEqual(['data:changed'])
    expect(String(errors[0])).toContain('listener broke')
  })
})

describe('debounce', () => {
  it('runs once after a burst settles, at once when asked with 0, and never after stop', () => {
    vi.useFakeTimers()
    let runs = 0
    const debounce = createDebounce(
      () => (runs += 1),
      1000,
      () => {}
    )
    debounce.schedule()
    vi.advanceTimersByTime(900)
    debounce.schedule()
    vi.advanceTimersByTime(900)
    expect(runs).toBe(0)
    vi.advanceTimersByTime(100)
    expect(runs).toBe(1)
    debounce.schedule()
    debounce.schedule(0)
    vi.advanceTimersByTime(0)
    expect(runs).toBe(2)
    debounce.schedule()
    debounce.stop()
    debounce.schedule()
    vi.advanceTimersByTime(5000)
    expect(runs).toBe(2)
  })

  it('hands a failing run to onError', () => {
    vi.useFakeTimers()
    const errors: unknown[] = []
    const debounce = createDebounce(
      () => {
        throw new Error('refresh failed')
      },
      10,
      (error) => errors.push(error)
    )
    debounce.schedule()
    vi.advanceTimersByTime(10)
    expect(String(errors[0])).toContain('refresh failed')
  })
})
