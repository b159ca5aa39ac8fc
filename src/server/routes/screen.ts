import type { Context } from 'koa'
import { recordCallEvent } from '../../db/call-log.ts'
import { renderScreenPrompt } from '../../plivo/xml.ts'
import { buildCallEvent } from '../call-event.ts'
import type { RouteDeps, WebhookState } from '../deps.ts'
import { replyXml } from '../reply.ts'

/**
 * The Dial's confirmSound URL on a screened line: what the app hears on pick-up. The
 * line's name rides in the query, so the prompt needs no database; the request is
 * still kept in the call's timeline when it names the call.
 */
export function promptScreenedApp(deps: RouteDeps) {
  return async (ctx: Context) => {
    const state = ctx.state as WebhookState
    const line = typeof ctx.query.line === 'string' ? ctx.query.line : ''
    const prompt = renderScreenPrompt(line)
    state.fallbackXml = prompt

    if (state.callUuid) {
      const { params } = state
      const dedupeKey = params.DialBLegUUID || 'screen'
      const event = buildCallEvent('screen', dedupeKey, params, deps.clock.now(), {
        facts: [],
      })
      await deps.writes.attempt(
        'screen',
        () => recordCallEvent(deps.knex, event),
        deps.databaseDeadlineMs,
      )
    }
    replyXml(ctx, prompt)
  }
}
