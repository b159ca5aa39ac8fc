import type { Context } from 'koa'
import { recordAttemptNews } from '../../db/call-attempts.ts'
import { recordCallEvent } from '../../db/call-log.ts'
import { readDialLegNews } from '../../routing/call-facts.ts'
import { readAttemptNews } from '../attempt-news.ts'
import { buildCallEvent } from '../call-event.ts'
import type { RouteDeps, WebhookState } from '../deps.ts'
import { replyXml } from '../reply.ts'

/**
 * The Dial callback URL: live events of the rung apps' legs. A pick-up changes the call
 * (who answered, and when); every event moves on the attempt of the app it names; all
 * are kept as the call's timeline (plivo-contract §3.5).
 */
export function recordDialEvent(deps: RouteDeps) {
  return async (ctx: Context) => {
    const { params, log } = ctx.state as WebhookState
    const receivedAt = deps.clock.now()
    const isScreened = ctx.query.screened === '1'
    const leg = readDialLegNews(params, isScreened)
    const attempt = readAttemptNews(params, isScreened, receivedAt)

    const dedupeKey = `${params.DialAction ?? 'event'}:${params.DialBLegUUID ?? ''}`
    const event = buildCallEvent('dial-callback', dedupeKey, params, receivedAt, {
      facts: [],
      leg,
    })
    await deps.writes.attempt(
      'dial-callback',
      async () => {
        await recordCallEvent(deps.knex, event)
        if (attempt) await recordAttemptNews(deps.knex, attempt)
      },
      deps.databaseDeadlineMs,
    )

    if (leg) log.info({ app: leg.appUsername ?? null, news: leg.news }, 'app picked up')
    replyXml(ctx)
  }
}
