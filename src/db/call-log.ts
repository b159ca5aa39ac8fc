import type { Knex } from 'knex'
import {
  type AnsweredBy,
  type CallFact,
  type CallRecord,
  type LegNews,
  fillDuration,
  mergeCallFact,
} from '../routing/call-state.ts'
import { hasTalked } from '../routing/call-facts.ts'
import { readSipUsername } from '../routing/sip.ts'

export type CallEventKind =
  | 'answer'
  | 'fallback'
  | 'dial-action'
  | 'dial-callback'
  | 'record-action'
  | 'record-callback'
  | 'hangup'

/** One webhook as the call log keeps it. */
export type CallEventRecord = {
  callUuid: string
  kind: CallEventKind
  /** The webhook's own identity within its kind: a repeat delivery has the same key. */
  dedupeKey: string
  /** The webhook's parameters, secrets already removed. */
  params: Record<string, string>
  receivedAt: Date
  /** What is known of the call, written when the row is new or still lacks it. */
  call: {
    /** The line's SIP endpoint username, from `To`; the line is looked up by it. */
    lineUsername?: string
    fromNumber?: string
    callerName?: string
    toUri?: string
  }
  facts: CallFact[]
  /** What this webhook says about a rung app's leg, if anything. */
  leg?: LegNews
}

export type CallEventResult = {
  callId: number
  isDuplicate: boolean
  /** The round-robin turn the call took, once, on a round-robin line (else 0). */
  ringOffset: number
}

/**
 * Writes a webhook into the call log in one transaction: the call row (created by
 * whichever webhook comes first), the event unless it was seen before, and the facts
 * merged into the row. Repeats and reorderings leave the same row (see call-state.ts).
 */
export async function recordCallEvent(
  knex: Knex,
  event: CallEventRecord,
): Promise<CallEventResult> {
  return knex.transaction(async (trx) => {
    const row = await upsertCall(trx, event)
    const ringOffset = await takeRingTurn(trx, row)

    const [inserted] = await trx('call_events')
      .insert({
        call_id: row.id,
        kind: event.kind,
        dedupe_key: event.dedupeKey,
        params: JSON.stringify(event.params),
        received_at: event.receivedAt,
      })
      .onConflict(['call_id', 'kind', 'dedupe_key'])
      .ignore()
      .returning('id')
    if (!inserted) return { callId: row.id, isDuplicate: true, ringOffset }

    const facts = [...event.facts, ...(await readLegAnswer(trx, row.id, event))]
    const merged = fillDuration(facts.reduce(mergeCallFact, toCallRecord(row)))
    await trx('calls').where('id', row.id).update(toCallColumns(merged))

    return { callId: row.id, isDuplicate: false, ringOffset }
  })
}

async function upsertCall(trx: Knex.Transaction, event: CallEventRecord) {
  const line = event.call.lineUsername
    ? await trx('lines')
        .whereRaw('lower(plivo_username) = ?', [event.call.lineUsername])
        .first('id', 'name')
    : undefined
  const known = {
    line_id: line?.id ?? null,
    line_name: line?.name ?? null,
    from_number: event.call.fromNumber ?? null,
    caller_name: event.call.callerName ?? null,
    to_uri: event.call.toUri ?? null,
  }
  await trx('calls')
    .insert({ call_uuid: event.callUuid, started_at: event.receivedAt, ...known })
    .onConflict('call_uuid')
    .ignore()

  // A row created by a late or partial webhook gets what this one knows.
  const row = await trx('calls').where('call_uuid', event.callUuid).forUpdate().first()
  const missing = Object.fromEntries(
    Object.entries(known).filter(
      ([column, value]) => value !== null && row[column] === null,
    ),
  )
  if (Object.keys(missing).length === 0) return row
  await trx('calls').where('id', row.id).update(missing)
  return { ...row, ...missing }
}

async function takeRingTurn(
  trx: Knex.Transaction,
  row: { id: number; line_id: number | null; ring_offset: number | null },
): Promise<number> {
  if (row.ring_offset !== null) return row.ring_offset
  if (row.line_id === null) return 0

  // One atomic increment per call, so that turns stay fair across server instances.
  const [line] = await trx('lines')
    .where({ id: row.line_id, ring_strategy: 'round-robin' })
    .increment('round_robin_next', 1)
    .returning('round_robin_next')
  if (!line) return 0
  const ringOffset = line.round_robin_next - 1
  await trx('calls').where('id', row.id).update({ ring_offset: ringOffset })
  return ringOffset
}

async function readLegAnswer(
  trx: Knex.Transaction,
  callId: number,
  event: CallEventRecord,
): Promise<CallFact[]> {
  const leg = event.leg
  if (!leg?.uuid) return []
  const at = event.receivedAt

  if (leg.news === 'picked-up') {
    return [{ kind: 'answered', at, by: await findAnsweredBy(trx, leg.appUsername) }]
  }
  if (leg.news === 'picked-up-unconfirmed') {
    if (!(await isLegBridged(trx, callId, leg.uuid))) return []
    return [{ kind: 'answered', at, by: await findAnsweredBy(trx, leg.appUsername) }]
  }

  const pickUp = await findLegEvent(trx, callId, leg.uuid, 'dial-callback')
    .whereRaw("params->>'DialAction' in ('answer', 'connected')")
    .orderBy('received_at')
    .first('received_at', trx.raw("params->>'DialBLegTo' as to"))
  if (!pickUp) return []
  return [
    {
      kind: 'answered',
      at: new Date(pickUp.received_at),
      by: await findAnsweredBy(trx, readSipUsername(pickUp.to)),
    },
  ]
}

/** Whether an event already said this leg was bridged (the `bridged` news, stored). */
async function isLegBridged(trx: Knex.Transaction, callId: number, legUuid: string) {
  const events = await trx('call_events')
    .where('call_id', callId)
    .whereIn('kind', ['dial-action', 'dial-callback'])
    .whereRaw("params->>'DialBLegUUID' = ?", [legUuid])
    .select('kind', 'params')
  return events.some(({ kind, params }) =>
    kind === 'dial-action'
      ? params.DialStatus === 'completed'
      : params.DialAction === 'hangup' && hasTalked(params),
  )
}

function findLegEvent(
  trx: Knex.Transaction,
  callId: number,
  legUuid: string,
  kind: string,
) {
  return trx('call_events')
    .where({ call_id: callId, kind })
    .whereRaw("params->>'DialBLegUUID' = ?", [legUuid])
}

async function findAnsweredBy(
  trx: Knex.Transaction,
  username: string | undefined,
): Promise<AnsweredBy | null> {
  if (!username) return null
  const app = await trx('apps')
    .join('users', 'users.id', 'apps.user_id')
    .whereRaw('lower(apps.plivo_username) = ?', [username])
    .select(
      'apps.id as appId',
      'apps.label as appLabel',
      'users.id as userId',
      'users.name as userName',
    )
    .first()
  return app ?? null
}

function toCallRecord(row: Record<string, any>): CallRecord {
  const hasAnswerer =
    row.answered_by_user_name !== null || row.answered_by_app_label !== null
  return {
    status: row.status,
    startedAt: new Date(row.started_at),
    answeredAt: row.answered_at ? new Date(row.answered_at) : null,
    answeredBy: hasAnswerer
      ? {
          userId: row.answered_by_user_id,
          userName: row.answered_by_user_name,
          appId: row.answered_by_app_id,
          appLabel: row.answered_by_app_label,
        }
      : null,
    voicemailUrl: row.voicemail_url,
    voicemailSeconds: row.voicemail_seconds,
    endedAt: row.ended_at ? new Date(row.ended_at) : null,
    durationSeconds: row.duration_seconds,
    hangupCause: row.hangup_cause,
  }
}

function toCallColumns(call: CallRecord): Record<string, unknown> {
  return {
    status: call.status,
    started_at: call.startedAt,
    answered_at: call.answeredAt,
    answered_by_user_id: call.answeredBy?.userId ?? null,
    answered_by_user_name: call.answeredBy?.userName ?? null,
    answered_by_app_id: call.answeredBy?.appId ?? null,
    answered_by_app_label: call.answeredBy?.appLabel ?? null,
    voicemail_url: call.voicemailUrl,
    voicemail_seconds: call.voicemailSeconds,
    ended_at: call.endedAt,
    duration_seconds: call.durationSeconds,
    hangup_cause: call.hangupCause,
  }
}
