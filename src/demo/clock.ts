import { type Clock, createSimulatedClock } from '../sandbox/call/simulate.ts'
import type { Clock as ServerClock } from '../server/deps.ts'

/**
 * The demo's time. Each call runs on its own simulated clock, so the morning plays in
 * seconds; the server reads the time of the call in progress, so the history shows the
 * morning's times and lengths rather than the instants the demo ran at.
 */
export class MorningClock {
  readonly startMs: number
  private current: Clock

  /** The morning ends a few minutes before now, so the history reads "… min ago". */
  constructor(lengthMinutes: number, nowMs = Date.now()) {
    const minute = 60_000
    this.startMs = Math.floor((nowMs - (lengthMinutes + 5) * minute) / minute) * minute
    this.current = createSimulatedClock(this.startMs)
  }

  /** A clock for the call that starts `minutes` into the morning. */
  startCall(minutes: number): Clock {
    this.current = createSimulatedClock(this.startMs + minutes * 60_000)
    return this.current
  }

  readonly server: ServerClock = { now: () => new Date(this.current.now()) }
}
