import type { Context } from 'koa'
import { recordCallEvent } from '../../db/call-log.ts'
import { readDialLegNews } from '../../routing/call-facts.ts'
import { buildCallEvent } from '../call-event.ts'
import type { RouteDeps, WebhookState } from '../deps.ts'
import { replyXml } from '../reply.ts'

/**
 * The Dial callback URL: live events of the rung apps' legs. Only a pick-up changes the
 * call (who answered, and when); the rest is kept as the call's timeline
 * (plivo-contract §3.5).
 */
export function recordDialEvent(deps: RouteDeps) {
  return async (ctx: Context) => {
    const { params, log } = ctx.state as WebhookState
    const receivedAt = deps.clock.now()
    const leg = readDialLegNews(params, ctx.query.screened === '1')

    const dedupeKey = `${params.DialAction ?? 'event'}:${params.DialBLegUUID ?? ''}`
    const event = buildCallEvent('dial-callback', dedupeKey, params, receivedAt, {
      facts: [],
      leg,
    })
    await deps.writes.attempt(
      'dial-callback',
      () => recordCallEvent(deps.knex, event),
      deps.databaseDeadlineMs,
    )

    if (leg) log.info({ app: leg.appUsername ?? null, news: leg.news }, 'app picked up')
    replyXml(ctx)
  }
}
