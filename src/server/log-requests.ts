import { performance } from 'node:perf_hooks'
import type { Context, Next } from 'koa'
import type { Logger } from '../log.ts'

/** One log line per request: method, path, status, time taken and the call, if any. */
export function logRequests(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    const started = performance.now()
    try {
      await next()
    } finally {
      const milliseconds = Math.round((performance.now() - started) * 10) / 10
      const callUuid = (ctx.state as { callUuid?: string }).callUuid ?? null
      logger.info(
        {
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          ms: milliseconds,
          callUuid,
        },
        'request',
      )
    }
  }
}
