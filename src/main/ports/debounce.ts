/**
 * Runs `task` once after a burst of calls has settled: each `schedule` moves the run to `delay`
 * ms after it (default `delayMs`). Errors go to `onError`; the timer never keeps the process alive.
 */
export function createDebounce(task: () => void, delayMs: number, onError: (error: unknown) => void) {
  let timer: ReturnType<typeof setTimeout> | null = null
  let stopped = false
  const cancel = () => {
    if (timer) clearTimeout(timer)
    timer = null
  }
  return {
    schedule(delay = delayMs): void {
      if (stopped) return
      cancel()
      timer = setTimeout(() => {
        timer = null
        if (stopped) return
        try {
          task()
        } catch (error) {
          onError(error)
        }
      }, delay)
      timer.unref?.()
    },
    /** Drops a pending run. */
    cancel,
    /** Drops a pending run and refuses later ones (the owner is closing). */
    stop(): void {
      stopped = true
      cancel()
    }
  }
}

export type Debounce = ReturnType<typeof createDebounce>
