import type { Knex } from 'knex'
import type { MissedReason } from '../routing/missed-reason.ts'
import { type CallAttempt, listAttempts } from './call-attempt-history.ts'

// Reads the call log that the server writes. Pages go newest first by keyset on
// (started_at, id), the order of every calls index, so a page costs the same on the
// millionth call as on the first and a call that arrives meanwhile never shifts a page.

export const CALL_STATUSES = ['ringing', 'answered', 'voicemail', 'missed'] as const
export type CallStatus = (typeof CALL_STATUSES)[number]

export type Call = {
  id: number
  callUuid: string
  line: string | null
  from: string | null
  callerName: string | null
  status: CallStatus
  /** Who picked up, from the copies the call keeps, so a removed user still shows. */
  answeredBy: { user: string | null; app: string | null } | null
  voicemailUrl: string | null
  voicemailSeconds: number | null
  startedAt: Date
  answeredAt: Date | null
  endedAt: Date | null
  durationSeconds: number | null
  hangupCause: string | null
  /** Why nobody answered (a voicemail or a missed call); null otherwise. */
  missedReason: MissedReason | null
  /** How long the caller waited before hanging up, when that is why it was missed. */
  missedAfterSeconds: number | null
  /** Placed from the test caller of `aircall caller`, as the server found when it logged it. */
  isTestCall: boolean
}

export type CallFilters = {
  lineId?: number
  /** A line removed since: its calls keep only its name. */
  removedLineName?: string
  /** The user who answered. */
  userId?: number
  /** A user removed since, who answered calls under this name. */
  removedUserName?: string
  status?: CallStatus
  from?: string
  /** Inclusive. */
  since?: Date
  /** Exclusive. */
  until?: Date
}

/** A position in the history: the calls strictly older than this one come next. */
export type CallCursor = { startedAt: string; id: number }

export type CallPage = {
  calls: Call[]
  /** The id to pass as `--before` for the next page; absent on the last page. */
  nextBefore?: number
}

export type CallEvent = {
  id: number
  kind: string
  params: Record<string, unknown>
  receivedAt: Date
}

export type CallRow = {
  id: string | number
  call_uuid: string
  line_name: string | null
  from_number: string | null
  caller_name: string | null
  status: CallStatus
  user_name: string | null
  app_label: string | null
  voicemail_url: string | null
  voicemail_seconds: number | null
  started_at: Date
  answered_at: Date | null
  ended_at: Date | null
  duration_seconds: number | null
  hangup_cause: string | null
  missed_reason: MissedReason | null
  missed_after_seconds: number | null
  test_call: boolean
}

export type PageRequest = { limit: number; before?: CallCursor }

export async function listCalls(
  knex: Knex,
  filters: CallFilters,
  page: PageRequest,
): Promise<CallPage> {
  const rows: CallRow[] = await buildPageQuery(knex, filters, page)
  const calls = rows.slice(0, page.limit).map(toCall)
  const hasMore = rows.length > page.limit
  return { calls, nextBefore: hasMore ? calls[calls.length - 1].id : undefined }
}

/** The query of one page, one row more than asked so that a next page shows. */
export function buildPageQuery(
  knex: Knex,
  filters: CallFilters,
  page: PageRequest,
): Knex.QueryBuilder {
  const query = selectCalls(knex)
    .orderBy([
      { column: 'calls.started_at', order: 'desc' },
      { column: 'calls.id', order: 'desc' },
    ])
    .limit(page.limit + 1)
  applyFilters(query, filters)
  if (page.before) {
    query.whereRaw('(calls.started_at, calls.id) < (?::timestamptz, ?)', [
      page.before.startedAt,
      page.before.id,
    ])
  }
  return query
}

/**
 * The cursor of a call, with its start time as Postgres prints it: a JavaScript Date
 * would drop the microseconds and make the next page repeat or skip a call.
 */
export async function findCallCursor(
  knex: Knex,
  id: number,
): Promise<CallCursor | undefined> {
  const row = await knex('calls')
    .where({ id })
    .first(knex.raw('started_at::text as started_at'), 'id')
  return row ? { startedAt: row.started_at, id: Number(row.id) } : undefined
}

/**
 * A call by its id or its Plivo call UUID, with its events in the order they came and
 * the apps it rang.
 */
export async function findCall(
  knex: Knex,
  reference: string,
): Promise<{ call: Call; events: CallEvent[]; attempts: CallAttempt[] } | undefined> {
  const isId = /^\d{1,15}$/.test(reference)
  const row: CallRow | undefined =
    (isId
      ? await selectCalls(knex).where('calls.id', Number(reference)).first()
      : undefined) ??
    (await selectCalls(knex).where('calls.call_uuid', reference).first())
  if (!row) return undefined

  const events = await knex('call_events')
    .where({ call_id: row.id })
    .orderBy([{ column: 'received_at' }, { column: 'id' }])
    .select('id', 'kind', 'params', 'received_at')
  const call = toCall(row)
  return {
    call,
    attempts: await listAttempts(knex, Number(row.id), call),
    events: events.map((event) => ({
      id: Number(event.id),
      kind: event.kind,
      params: event.params ?? {},
      receivedAt: event.received_at,
    })),
  }
}

/**
 * The columns of a call. Names come from the copies the server keeps on the call, not
 * from joins: history reads the same after a removal, and a page reads one index alone.
 */
export function selectCalls(knex: Knex): Knex.QueryBuilder {
  return knex('calls').select(
    'calls.id',
    'calls.call_uuid',
    'calls.line_name',
    'calls.from_number',
    'calls.caller_name',
    'calls.status',
    'calls.answered_by_user_name as user_name',
    'calls.answered_by_app_label as app_label',
    'calls.voicemail_url',
    'calls.voicemail_seconds',
    'calls.started_at',
    'calls.answered_at',
    'calls.ended_at',
    'calls.duration_seconds',
    'calls.hangup_cause',
    'calls.missed_reason',
    'calls.missed_after_seconds',
    'calls.test_call',
  )
}

export function applyFilters(query: Knex.QueryBuilder, filters: CallFilters): void {
  if (filters.lineId !== undefined) query.where('calls.line_id', filters.lineId)
  if (filters.userId !== undefined)
    query.where('calls.answered_by_user_id', filters.userId)
  if (filters.removedLineName !== undefined) {
    query
      .whereNull('calls.line_id')
      .whereRaw('lower(calls.line_name) = lower(?)', [filters.removedLineName])
  }
  if (filters.removedUserName !== undefined) {
    query
      .whereNull('calls.answered_by_user_id')
      .whereRaw('lower(calls.answered_by_user_name) = lower(?)', [
        filters.removedUserName,
      ])
  }
  if (filters.status !== undefined) query.where('calls.status', filters.status)
  if (filters.from !== undefined) query.where('calls.from_number', filters.from)
  if (filters.since !== undefined) query.where('calls.started_at', '>=', filters.since)
  if (filters.until !== undefined) query.where('calls.started_at', '<', filters.until)
}

export function toCall(row: CallRow): Call {
  const hasAnswerer = row.user_name !== null || row.app_label !== null
  return {
    id: Number(row.id),
    callUuid: row.call_uuid,
    line: row.line_name,
    from: row.from_number,
    callerName: row.caller_name,
    status: row.status,
    answeredBy: hasAnswerer ? { user: row.user_name, app: row.app_label } : null,
    voicemailUrl: row.voicemail_url,
    voicemailSeconds: row.voicemail_seconds,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    durationSeconds: row.duration_seconds,
    hangupCause: row.hangup_cause,
    missedReason: row.missed_reason ?? null,
    missedAfterSeconds: row.missed_after_seconds ?? null,
    isTestCall: row.test_call,
  }
}
