import type { Context } from 'koa'
import { recordCallEvent } from '../../db/call-log.ts'
import { renderStep } from '../../plivo/xml.ts'
import { readRecordingFact } from '../../routing/call-facts.ts'
import { decideAfterRecording } from '../../routing/decide.ts'
import { buildCallEvent } from '../call-event.ts'
import type { RouteDeps, WebhookState } from '../deps.ts'
import { replyXml } from '../reply.ts'

/**
 * The voicemail Record's action and callback URLs. Both may bring the recording; the
 * callback is the one that still comes when the caller hangs up mid-message
 * (plivo-contract §2.4, pitfall 28), so either one alone makes the call a voicemail.
 */
export function keepVoicemail(
  deps: RouteDeps,
  kind: 'record-action' | 'record-callback',
) {
  return async (ctx: Context) => {
    const state = ctx.state as WebhookState
    const { params, log } = state
    const reply =
      kind === 'record-action' ? renderStep(decideAfterRecording(), deps.urls) : undefined
    state.fallbackXml = reply

    const fact = readRecordingFact(params)
    const dedupeKey = params.RecordingID || params.RecordUrl || 'no-recording'
    const event = buildCallEvent(kind, dedupeKey, params, deps.clock.now(), {
      facts: fact ? [fact] : [],
    })
    await deps.writes.attempt(
      kind,
      () => recordCallEvent(deps.knex, event),
      deps.databaseDeadlineMs,
    )

    log.info({ recording: params.RecordingID ?? null, kind }, 'voicemail recorded')
    replyXml(ctx, reply)
  }
}
