import type { Clock } from './clock.ts'

export type RateLimiter = {
  /** Resolves when one more request may start; callers are served in order. */
  acquire(): Promise<void>
  /** Holds every request until `ms` from now, after Plivo said we went too fast. */
  pause(ms: number): void
}

export type RateLimit = { requests: number; windowMs: number }

/**
 * Plivo allows 300 Application / Endpoint requests per 5 seconds (contract §1.2); whether
 * its window is fixed or sliding is not documented. Keeping every sliding window under the
 * limit also keeps every fixed one under it, and the margin absorbs the difference
 * between when we send and when Plivo counts.
 */
export const PLIVO_RATE_LIMIT: RateLimit = { requests: 300, windowMs: 5000 + 250 }

export function createRateLimiter(limit: RateLimit, clock: Clock): RateLimiter {
  // Start times of the latest requests, oldest first; never more than `limit.requests`.
  const started: number[] = []
  let pausedUntil = 0
  let queue = Promise.resolve()

  async function take(): Promise<void> {
    for (;;) {
      const now = clock.now()
      while (started.length > 0 && started[0] <= now - limit.windowMs) started.shift()

      const wait = Math.max(
        pausedUntil - now,
        started.length < limit.requests ? 0 : started[0] + limit.windowMs - now,
      )
      if (wait <= 0) {
        started.push(now)
        return
      }
      await clock.sleep(wait)
    }
  }

  return {
    acquire() {
      const turn = queue.then(take)
      queue = turn
      return turn
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, clock.now() + ms)
    },
  }
}
