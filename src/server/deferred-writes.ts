import type { Logger } from '../log.ts'
import { isDatabaseUnavailable } from './database-errors.ts'
import { withDeadline } from './with-deadline.ts'

export type Write = { description: string; run(): Promise<unknown> }

/** Enough for hours of a busy company's webhooks; beyond it the oldest are given up. */
const MAX_KEPT = 10_000

/**
 * Call log writes that failed because the database was away. The caller has already
 * been answered; the write is kept here and tried again, in order, until it lands.
 * Kept in memory: a server stopped while the database is down loses what is queued.
 */
export class DeferredWrites {
  private readonly queue: Write[] = []
  private flushing?: Promise<number>

  constructor(private readonly logger: Logger) {}

  get size(): number {
    return this.queue.length
  }

  /**
   * Runs a write now, waiting at most `deadlineMs`. When the database is away (or slow)
   * the write is kept for later; a write the database refuses is only logged, since it
   * would fail again. Either way it resolves to undefined, and the caller is still
   * answered. Replaying is safe: call log writes are idempotent.
   */
  async attempt<T>(
    description: string,
    run: () => Promise<T>,
    deadlineMs: number,
  ): Promise<T | undefined> {
    try {
      return await withDeadline(run(), deadlineMs)
    } catch (error) {
      if (isDatabaseUnavailable(error)) this.keep(description, run, error)
      else this.logger.error({ err: error, write: description }, 'call log write refused')
      return undefined
    }
  }

  /** Keeps a write that could not be done now, for flush() to retry. */
  keep(description: string, run: () => Promise<unknown>, error?: unknown): void {
    this.queue.push({ description, run })
    if (this.queue.length > MAX_KEPT) {
      const dropped = this.queue.shift()
      this.logger.error(
        { write: dropped?.description },
        'too many kept call log writes; oldest dropped',
      )
    }
    this.logger.error(
      { err: error, write: description, pending: this.queue.length },
      'call log write failed; kept to retry',
    )
  }

  /** Tries the kept writes in order, stopping at the first that still fails. */
  flush(): Promise<number> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined
    })
    return this.flushing
  }

  private async drain(): Promise<number> {
    let written = 0
    while (this.queue.length > 0) {
      const write = this.queue[0]
      try {
        await write.run()
        written += 1
      } catch (error) {
        if (isDatabaseUnavailable(error)) {
          this.logger.warn(
            { err: error, pending: this.queue.length },
            'call log still unreachable',
          )
          return written
        }
        this.logger.error(
          { err: error, write: write.description },
          'call log write refused',
        )
      }
      this.queue.shift()
    }
    if (written > 0) this.logger.info({ written }, 'kept call log writes written')
    return written
  }
}
