import type { Context } from 'koa'
import { recordCallEvent } from '../../db/call-log.ts'
import { readHangupFacts } from '../../routing/call-facts.ts'
import { buildCallEvent } from '../call-event.ts'
import type { RouteDeps, WebhookState } from '../deps.ts'
import { replyXml } from '../reply.ts'

/** The hangup URL: the call is over; its end, length and cause close the row. */
export function closeCall(deps: RouteDeps) {
  return async (ctx: Context) => {
    const { params, log } = ctx.state as WebhookState
    const receivedAt = deps.clock.now()

    const event = buildCallEvent('hangup', 'hangup', params, receivedAt, {
      facts: readHangupFacts(params, receivedAt),
    })
    await deps.writes.attempt(
      'hangup',
      () => recordCallEvent(deps.knex, event),
      deps.databaseDeadlineMs,
    )

    log.info(
      { cause: params.HangupCause ?? null, duration: params.Duration ?? null },
      'call ended',
    )
    replyXml(ctx)
  }
}
