/** Time as the sandbox sees it; tests pass a simulated one so nothing waits for real. */
export type Clock = {
  now(): number
  sleep(ms: number): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

export type FaultOptions = {
  /** Milliseconds added before every answer. Default 0. */
  latencyMs?: number
  /**
   * Requests allowed per fixed 5-second window before the sandbox answers 429.
   * Default 300, Plivo's limit for Application and Endpoint calls (§1.2); 0 turns it off.
   */
  rateLimit?: number
  /** Share of requests, from 0 to 1, answered with a 500 instead. Default 0. */
  errorRate?: number
  /** Seed of the random that picks which requests fail, so a run can be replayed. */
  seed?: number
  /**
   * Give the injected 500 after the request took effect, as when Plivo's answer is lost
   * on the way back: a client that retries a create then makes duplicates (pitfall 9).
   * Default false: the failing request changes nothing.
   */
  errorsAfterWrite?: boolean
}

export const PLIVO_RATE_LIMIT = 300
export const RATE_WINDOW_MS = 5000

export type Faults = {
  /** Waits the configured latency on the sandbox's clock. */
  delay(): Promise<void>
  /** Counts one request and tells whether it goes past the rate limit. */
  isOverRate(): boolean
  /** Draws whether this request is one of the injected server errors. */
  isServerError(): boolean
  readonly errorsAfterWrite: boolean
}

export function createFaults(
  options: FaultOptions = {},
  clock: Clock = systemClock,
): Faults {
  const latencyMs = options.latencyMs ?? 0
  const rateLimit = options.rateLimit ?? PLIVO_RATE_LIMIT
  const errorRate = options.errorRate ?? 0
  checkFaults(latencyMs, rateLimit, errorRate)

  const random = createSeededRandom(options.seed ?? 1)
  let windowStart = Number.NEGATIVE_INFINITY
  let count = 0

  return {
    delay: () => (latencyMs > 0 ? clock.sleep(latencyMs) : Promise.resolve()),

    isOverRate() {
      if (rateLimit === 0) return false

      const now = clock.now()
      if (now - windowStart >= RATE_WINDOW_MS) {
        windowStart = now
        count = 0
      }
      count += 1
      return count > rateLimit
    },

    isServerError: () => errorRate > 0 && random() < errorRate,
    errorsAfterWrite: options.errorsAfterWrite ?? false,
  }
}

function checkFaults(latencyMs: number, rateLimit: number, errorRate: number) {
  if (!Number.isFinite(latencyMs) || latencyMs < 0) {
    throw new RangeError(`latency must be 0 or more milliseconds, not ${latencyMs}`)
  }
  if (!Number.isInteger(rateLimit) || rateLimit < 0) {
    throw new RangeError(
      `rate limit must be a whole number of requests, not ${rateLimit}`,
    )
  }
  if (!(errorRate >= 0 && errorRate <= 1)) {
    throw new RangeError(`error rate must be from 0 to 1, not ${errorRate}`)
  }
}

/** mulberry32: a small, fast generator whose sequence depends only on the seed. */
function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
