/**
 * Long jobs in a process that also answers requests (browser mode, the desktop app) run in slices:
 * `pause()` gives the event loop a turn once `sliceMs` has passed since the last one, so a request
 * that arrives meanwhile waits for at most about one slice rather than for the whole job.
 */
export type Pause = () => Promise<void>

export function timeSlices(sliceMs = 25): Pause {
  let last = performance.now()
  return async () => {
    if (performance.now() - last < sliceMs) return
    await new Promise<void>((resolve) => setImmediate(resolve))
    last = performance.now()
  }
}

/**
 * Runs a job written as a generator that yields at the points where it may pause: straight through
 * (`pause` left out) or giving the event loop its turns.
 */
export function runSteps<T>(steps: Generator<void, T, undefined>): T
export function runSteps<T>(steps: Generator<void, T, undefined>, pause: Pause): Promise<T>
export function runSteps<T>(steps: Generator<void, T, undefined>, pause?: Pause): T | Promise<T> {
  if (!pause) {
    for (;;) {
      const step = steps.next()
      if (step.done) return step.value
    }
  }
  return (async () => {
    for (;;) {
      const step = steps.next()
      if (step.done) return step.value
      await pause()
    }
  })()
}
