import type { Knex } from 'knex'
import {
  type CallFact,
  type LegNews,
  fillDuration,
  mergeCallFact,
} from '../routing/call-state.ts'
import { readSipUsername } from '../routing/sip.ts'
import { readLegAnswer } from './call-legs.ts'
import { type CallRow, toCallColumns, toCallRecord } from './call-rows.ts'

export type CallEventKind =
  | 'answer'
  | 'fallback'
  | 'dial-action'
  | 'dial-callback'
  | 'record-action'
  | 'record-callback'
  | 'hangup'
  | 'screen'

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

const TURN_TAKERS: CallEventKind[] = ['answer', 'fallback', 'dial-action']

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
 * The answer path waits on it, so it takes as few round trips as it can.
 */
export async function recordCallEvent(
  knex: Knex,
  event: CallEventRecord,
): Promise<CallEventResult> {
  return knex.transaction(async (trx) => {
    const row = await upsertCall(trx, event)
    const ringOffset =
      row.ring_strategy === 'round-robin' && TURN_TAKERS.includes(event.kind)
        ? await takeRingTurn(trx, row)
        : (row.ring_offset ?? 0)

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
    const current = toCallColumns(toCallRecord(row))
    const merged = toCallColumns(
      fillDuration(facts.reduce(mergeCallFact, toCallRecord(row))),
    )
    if (JSON.stringify(merged) !== JSON.stringify(current)) {
      await trx('calls').where('id', row.id).update(merged)
    }
    return { callId: row.id, isDuplicate: false, ringOffset }
  })
}

/**
 * Whether the user part of From (the one binding) is the test caller's SIP username.
 * Written with the call, so the mark outlives the caller (`aircall caller remove`).
 */
const IS_TEST_CALLER =
  'exists (select 1 from test_callers where lower(plivo_username) = ?)'

/**
 * The call's row, locked: inserted with its line when new, else completed if need be.
 * The `not exists` keeps later webhooks from drawing (and wasting) a call id each, so
 * call ids stay consecutive for `aircall calls show <id>`.
 */
async function upsertCall(
  trx: Knex.Transaction,
  event: CallEventRecord,
): Promise<CallRow & { ring_strategy: string | null }> {
  const {
    lineUsername = null,
    fromNumber = null,
    callerName = null,
    toUri = null,
  } = event.call
  const { rows } = await trx.raw(
    `with inserted as (
       insert into calls (call_uuid, started_at, line_id, line_name, from_number, caller_name, to_uri, test_call)
       select ?, ?, line.id, line.name, ?, ?, ?, ${IS_TEST_CALLER}
       from (select 1) as one left join lines as line on lower(line.plivo_username) = ?
       where not exists (select 1 from calls where call_uuid = ?)
       on conflict (call_uuid) do nothing
       returning *
     )
     select inserted.*, lines.ring_strategy
     from inserted left join lines on lines.id = inserted.line_id`,
    [
      event.callUuid,
      event.receivedAt,
      fromNumber,
      callerName,
      toUri,
      readSipUsername(fromNumber ?? undefined) ?? null,
      lineUsername,
      event.callUuid,
    ],
  )
  if (rows[0]) return rows[0]

  // A row created by a late or partial webhook gets what this one knows.
  const row: CallRow & { ring_strategy: string | null } = await trx('calls')
    .leftJoin('lines', 'lines.id', 'calls.line_id')
    .where('calls.call_uuid', event.callUuid)
    .forUpdate('calls')
    .first('calls.*', 'lines.ring_strategy')
  const known = { from_number: fromNumber, caller_name: callerName, to_uri: toUri }
  const missing: Record<string, unknown> = Object.fromEntries(
    Object.entries(known).filter(
      ([column, value]) =>
        value !== null && (row as Record<string, unknown>)[column] === null,
    ),
  )
  if (missing.from_number !== undefined) {
    const { rows: marks } = await trx.raw(`select ${IS_TEST_CALLER} as test_call`, [
      readSipUsername(fromNumber ?? undefined) ?? null,
    ])
    missing.test_call = marks[0].test_call
  }
  if (row.line_id === null && lineUsername) {
    const line = await trx('lines')
      .whereRaw('lower(plivo_username) = ?', [lineUsername])
      .first('id', 'name', 'ring_strategy')
    if (line) Object.assign(missing, { line_id: line.id, line_name: line.name })
    row.ring_strategy = line?.ring_strategy ?? null
  }
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
