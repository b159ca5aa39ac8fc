import type { Context } from 'koa'
import type { Database } from '../../db/connect.ts'
import type { DeferredWrites } from '../deferred-writes.ts'
import { withDeadline } from '../with-deadline.ts'

/** `GET /health`: 200 when the database answers, 503 when it does not. */
export function reportHealth(
  database: Database,
  writes: DeferredWrites,
  deadlineMs: number,
) {
  return async (ctx: Context) => {
    const isUp = await withDeadline(database.knex.raw('select 1'), deadlineMs).then(
      () => true,
      () => false,
    )
    ctx.status = isUp ? 200 : 503
    ctx.body = {
      status: isUp ? 'ok' : 'degraded',
      database: { backend: database.backend, state: isUp ? 'up' : 'down' },
      pendingWrites: writes.size,
    }
  }
}
