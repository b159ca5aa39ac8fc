import pLimit from 'p-limit'
import type { Schedule } from '../plivo/rest-client.ts'
import {
  PlivoError,
  PlivoNetworkError,
  PlivoRateLimitError,
} from '../plivo/rest-errors.ts'
import type { Clock } from './clock.ts'
import type { RateLimiter } from './rate-limiter.ts'

export type SchedulerOptions = {
  /** Requests in flight at once. */
  concurrency: number
  limiter: RateLimiter
  clock: Clock
  /** Tries per request, the first included. */
  attempts?: number
  baseDelayMs?: number
  maxDelayMs?: number
  random?: () => number
  /** Once aborted, requests that have not started fail instead of starting. */
  signal?: AbortSignal
  onRetry?: (retry: { error: PlivoError; attempt: number; delayMs: number }) => void
}

export type SchedulerStats = {
  requests: number
  retries: number
  rateLimited: number
  /** The most 429 answers one request got in a row: the goal is never more than one. */
  mostRateLimitedInARow: number
}

export class StoppedError extends Error {
  constructor() {
    super('stopped after an earlier failure')
    this.name = 'StoppedError'
  }
}

/**
 * Every Plivo request goes through here: at most `concurrency` at once, each within the
 * rate limit, and a 429, a 5xx or a network failure is sent again after a growing, jittered
 * pause. Anything else (401, 400, 404) fails at once.
 */
export function createScheduler(
  options: SchedulerOptions,
): Schedule & { stats: SchedulerStats } {
  const { limiter, clock, signal, onRetry } = options
  const attempts = options.attempts ?? 6
  const baseDelayMs = options.baseDelayMs ?? 250
  const maxDelayMs = options.maxDelayMs ?? 8000
  const random = options.random ?? Math.random
  const limit = pLimit(options.concurrency)
  const stats: SchedulerStats = {
    requests: 0,
    retries: 0,
    rateLimited: 0,
    mostRateLimitedInARow: 0,
  }

  // Equal jitter: half the exponential delay for sure, the other half at random, so that
  // requests refused together do not come back together.
  function delayFor(attempt: number, error: PlivoError): number {
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1))
    const delay = Math.round(ceiling / 2 + random() * (ceiling / 2))
    // A 429 means the window is full: waiting a fifth of it lets it drain.
    return error instanceof PlivoRateLimitError ? Math.max(delay, 1000) : delay
  }

  async function sendWithRetries<T>(send: () => Promise<T>): Promise<T> {
    let refusedInARow = 0
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw new StoppedError()
      await limiter.acquire()
      stats.requests++
      try {
        return await send()
      } catch (error) {
        if (!(error instanceof PlivoError) || !error.isRetryable) throw error
        // A host that refuses connections rarely comes back within seconds: try a little,
        // then say so, rather than keep a person waiting.
        const tries =
          error instanceof PlivoNetworkError ? Math.min(attempts, 3) : attempts
        if (attempt >= tries) throw error

        const delayMs = delayFor(attempt, error)
        if (error instanceof PlivoRateLimitError) {
          refusedInARow++
          stats.rateLimited++
          stats.mostRateLimitedInARow = Math.max(
            stats.mostRateLimitedInARow,
            refusedInARow,
          )
          limiter.pause(delayMs)
        } else {
          refusedInARow = 0
        }
        stats.retries++
        onRetry?.({ error, attempt, delayMs })
        await clock.sleep(delayMs)
      }
    }
  }

  const schedule = (<T>(send: () => Promise<T>) =>
    limit(() => sendWithRetries(send))) as Schedule & {
    stats: SchedulerStats
  }
  schedule.stats = stats
  return schedule
}
