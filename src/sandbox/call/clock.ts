/**
 * Time as the call sees it. The executor only ever waits in one place at a time, so a
 * clock needs no timers of its own: `sleep` moves the call forward by `ms` of call time,
 * or by less when `signal` aborts first.
 */
export type Clock = {
  /** Call time, in epoch milliseconds. */
  now(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/**
 * A clock that jumps: sleeping moves time forward at once, so a 20-second ring timeout
 * takes no real time in tests.
 */
export function createSimulatedClock(startMs = Date.now()): Clock {
  let now = startMs

  return {
    now: () => now,
    async sleep(ms) {
      now += Math.max(0, ms)
    },
  }
}

/**
 * Real time, optionally sped up for a person watching: with `speed` 10, a 20-second ring
 * takes 2 seconds, while `now()` still reports the call's own time.
 */
export function createRealClock(speed = 1): Clock {
  if (!(speed > 0)) throw new RangeError(`speed must be positive, not ${speed}`)
  const startMs = Date.now()
  let elapsedMs = 0

  return {
    now: () => startMs + elapsedMs,
    async sleep(ms, signal) {
      const wait = Math.max(0, ms)
      const sleptSince = performance.now()
      const isCut = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => finish(false), wait / speed)
        const cut = () => finish(true)
        signal?.addEventListener('abort', cut, { once: true })
        function finish(isAborted: boolean) {
          clearTimeout(timer)
          signal?.removeEventListener('abort', cut)
          resolve(isAborted)
        }
      })
      // Timers may fire a hair early; only a cut sleep counts the time really slept.
      elapsedMs += isCut ? Math.min(wait, (performance.now() - sleptSince) * speed) : wait
    },
  }
}
