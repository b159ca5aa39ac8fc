/**
 * Stands in for the poll interval: the watch polls once, then waits here until the test
 * asks for the next poll, so the test never sleeps and always knows a poll has finished.
 */
export class PollStepper {
  private finished!: () => void
  private resume?: () => void
  private done = new Promise<void>((resolve) => {
    this.finished = resolve
  })

  pause = (signal: AbortSignal) => {
    this.finished()
    return new Promise<void>((resolve, reject) => {
      this.resume = resolve
      signal.addEventListener('abort', () => reject(signal.reason), { once: true })
    })
  }

  /** Waits until the poll under way has printed what it found. */
  polled(): Promise<void> {
    return this.done
  }

  /** Runs one more poll and waits until it is done. */
  async poll(): Promise<void> {
    this.done = new Promise((resolve) => {
      this.finished = resolve
    })
    this.resume?.()
    await this.done
  }
}
