import type { Context } from 'koa'
import { recordCallEvent } from '../../db/call-log.ts'
import { renderStep } from '../../plivo/xml.ts'
import {
  decideAfterDial,
  decideWithoutDatabase,
  isDialAnswered,
} from '../../routing/decide.ts'
import { readSipUsername } from '../../routing/sip.ts'
import { buildCallEvent } from '../call-event.ts'
import { findRouting } from '../find-routing.ts'
import type { RouteDeps, WebhookState } from '../deps.ts'
import { keepRouting } from '../record-routing.ts'
import { replyXml } from '../reply.ts'

/**
 * The Dial action URL: Plivo runs what this returns instead of the rest of the document
 * (plivo-contract §2.2), so the next ring step or the voicemail is decided here.
 */
export function continueAfterDial(deps: RouteDeps) {
  return async (ctx: Context) => {
    const state = ctx.state as WebhookState
    const { params, log } = state
    const answered = isDialAnswered(params)
    state.fallbackXml = renderStep(
      answered ? { kind: 'hangup' } : decideWithoutDatabase(),
      deps.urls,
    )

    const step = readStep(ctx.query.step)
    const receivedAt = deps.clock.now()
    const event = buildCallEvent('dial-action', `step-${step}`, params, receivedAt, {
      facts: answered ? [{ kind: 'answered', at: null, by: null }] : [],
      leg:
        answered && params.DialBLegUUID
          ? { uuid: params.DialBLegUUID, news: 'bridged' }
          : undefined,
    })
    const [routing, written] = await Promise.all([
      findRouting(deps, readSipUsername(params.To), log),
      deps.writes.attempt(
        'dial-action',
        () => recordCallEvent(deps.knex, event),
        deps.databaseDeadlineMs,
      ),
    ])

    const next = routing
      ? decideAfterDial(routing, params, { step, ringOffset: written?.ringOffset ?? 0 })
      : answered
        ? { kind: 'hangup' as const }
        : decideWithoutDatabase()
    keepRouting(deps, state.callUuid, next, receivedAt)
    log.info(
      { dialStatus: params.DialStatus ?? null, step, next: next.kind },
      'dial ended',
    )
    replyXml(
      ctx,
      renderStep(next, deps.urls, { name: params.CallerName, number: params.From }),
    )
  }
}

function readStep(value: unknown): number {
  const step = Number(value)
  return Number.isInteger(step) && step >= 0 && step < 1000 ? step : 0
}
