import type { Knex } from 'knex'
import type { CallStatus } from '../../src/db/call-history.ts'

// Calls written straight into the call log, as the server would leave them, for tests
// of the history. Names are looked up in the seeded company (Jane, Main Office…) and
// copied onto the call as the server does.

export type CallFixture = {
  startedAt: Date
  line?: string
  from?: string
  callerName?: string
  status?: CallStatus
  answeredBy?: { user: string; app: string }
  voicemail?: { url: string; seconds: number }
  durationSeconds?: number
  hangupCause?: string
  callUuid?: string
}

let counter = 0

/** Inserts the calls in the order given and returns their ids. */
export async function insertCalls(
  knex: Knex,
  fixtures: CallFixture[],
): Promise<number[]> {
  const rows = []
  for (const fixture of fixtures) rows.push(await toRow(knex, fixture))
  const ids: { id: string }[] = []
  for (let start = 0; start < rows.length; start += 500) {
    ids.push(
      ...(await knex('calls')
        .insert(rows.slice(start, start + 500))
        .returning('id')),
    )
  }
  return ids.map(({ id }) => Number(id))
}

export async function insertCall(knex: Knex, fixture: CallFixture): Promise<number> {
  const [id] = await insertCalls(knex, [fixture])
  return id
}

export async function insertEvents(
  knex: Knex,
  callId: number,
  events: { kind: string; params: Record<string, string>; receivedAt: Date }[],
): Promise<void> {
  await knex('call_events').insert(
    events.map((event) => ({
      call_id: callId,
      kind: event.kind,
      params: JSON.stringify(event.params),
      received_at: event.receivedAt,
    })),
  )
}

/** `minutes` before now, or before `from`. */
export function minutesAgo(minutes: number, from: Date = new Date()): Date {
  return new Date(from.getTime() - minutes * 60_000)
}

async function toRow(knex: Knex, fixture: CallFixture) {
  const status = fixture.status ?? (fixture.answeredBy ? 'answered' : 'missed')
  const line = fixture.line
    ? await knex('lines')
        .whereRaw('lower(name) = lower(?)', [fixture.line])
        .first('id', 'name')
    : undefined
  const app = fixture.answeredBy
    ? await knex('apps')
        .join('users', 'users.id', 'apps.user_id')
        .whereRaw('lower(users.name) = lower(?) and lower(apps.label) = lower(?)', [
          fixture.answeredBy.user,
          fixture.answeredBy.app,
        ])
        .first('apps.id as appId', 'users.id as userId', 'users.name', 'apps.label')
    : undefined
  if (fixture.line && !line) throw new Error(`fixture: no line ${fixture.line}`)
  if (fixture.answeredBy && !app)
    throw new Error(`fixture: no app ${fixture.answeredBy.app}`)

  const answeredAt = app ? new Date(fixture.startedAt.getTime() + 5000) : null
  const duration = fixture.durationSeconds ?? (status === 'ringing' ? null : 60)
  counter += 1
  return {
    call_uuid: fixture.callUuid ?? `fixture-${process.pid}-${counter}`,
    line_id: line?.id ?? null,
    line_name: line?.name ?? null,
    from_number: fixture.from ?? '+15550000000',
    caller_name: fixture.callerName ?? null,
    to_uri: null,
    status,
    answered_by_user_id: app?.userId ?? null,
    answered_by_app_id: app?.appId ?? null,
    answered_by_user_name: app?.name ?? null,
    answered_by_app_label: app?.label ?? null,
    voicemail_url: fixture.voicemail?.url ?? null,
    voicemail_seconds: fixture.voicemail?.seconds ?? null,
    started_at: fixture.startedAt,
    answered_at: answeredAt,
    ended_at:
      duration === null ? null : new Date(fixture.startedAt.getTime() + duration * 1000),
    duration_seconds: duration,
    hangup_cause:
      status === 'ringing' ? null : (fixture.hangupCause ?? 'NORMAL_CLEARING'),
  }
}
