import type { Context } from 'koa'
import { recordCallEvent } from '../../db/call-log.ts'
import { maskNumber } from '../../log.ts'
import { renderStep } from '../../plivo/xml.ts'
import {
  decideAnswer,
  decideWithoutDatabase,
  isHangupNotification,
} from '../../routing/decide.ts'
import { readSipUsername } from '../../routing/sip.ts'
import { buildCallEvent } from '../call-event.ts'
import { findRouting } from '../find-routing.ts'
import type { RouteDeps, WebhookState } from '../deps.ts'
import { keepRouting } from '../record-routing.ts'
import { replyXml } from '../reply.ts'
import { closeCall } from './hangup.ts'

/**
 * The answer URL (and the fallback URL, which Plivo calls with the same parameters when
 * the answer URL failed): find the line from `To`, log the call, ring its members' apps.
 */
export function answerCall(deps: RouteDeps, kind: 'answer' | 'fallback') {
  const close = closeCall(deps)

  return async (ctx: Context) => {
    const state = ctx.state as WebhookState
    const { params, log } = state
    // Without a hangup URL, Plivo sends the hangup here (plivo-contract §3.8, pitfall 29).
    if (isHangupNotification(params)) return close(ctx)

    state.fallbackXml = renderStep(decideWithoutDatabase(), deps.urls)
    const receivedAt = deps.clock.now()
    const username = readSipUsername(params.To)
    const event = buildCallEvent(kind, kind, params, receivedAt, {
      facts: [{ kind: 'started', at: receivedAt }],
    })
    // Independent, so the caller waits for the slower of the two, not for both.
    const [routing, written] = await Promise.all([
      findRouting(deps, username, log),
      deps.writes.attempt(
        kind,
        () => recordCallEvent(deps.knex, event),
        deps.databaseDeadlineMs,
      ),
    ])

    const step = routing
      ? decideAnswer(routing, written?.ringOffset ?? 0, receivedAt)
      : decideWithoutDatabase()
    keepRouting(deps, state.callUuid, step, receivedAt)
    log.info(
      {
        line: routing?.line?.name ?? null,
        from: maskNumber(log, params.From),
        step: step.kind,
        apps: step.kind === 'dial' ? step.apps.length : 0,
      },
      'call routed',
    )
    replyXml(
      ctx,
      renderStep(step, deps.urls, { name: params.CallerName, number: params.From }),
    )
  }
}
