import type { Knex } from 'knex'
import type { AttemptOutcome } from '../routing/attempt-outcome.ts'

/** One app a call rang, as `aircall calls show` tells it. */
export type CallAttempt = {
  user: string | null
  app: string | null
  step: number | null
  isScreened: boolean
  outcome: AttemptOutcome
  rangAt: Date
  endedAt: Date | null
}

/**
 * The attempts of a call in the order the apps rang. An attempt still `ringing` on a
 * call that is over heard nothing more: Plivo may send no event for a leg that lost the
 * race or was cancelled (plivo-contract §3.5), so it reads as no answer. The app the
 * call names as its answerer answered, whatever its own events said.
 */
export async function listAttempts(
  knex: Knex,
  callId: number,
  call: { endedAt: Date | null; status: string },
): Promise<CallAttempt[]> {
  const rows = await knex('call_attempts as t')
    .join('calls as c', 'c.id', 't.call_id')
    .where('t.call_id', callId)
    .orderBy([{ column: 't.step' }, { column: 't.rang_at' }, { column: 't.id' }])
    .select(
      't.user_name',
      't.app_label',
      't.step',
      't.is_screened',
      't.outcome',
      't.rang_at',
      't.ended_at',
      knex.raw('t.app_id is not null and t.app_id = c.answered_by_app_id as is_answerer'),
    )
  return rows.map((row) => ({
    user: row.user_name,
    app: row.app_label,
    step: row.step,
    isScreened: row.is_screened,
    outcome: settleOutcome(row.outcome, Boolean(row.is_answerer), call),
    rangAt: row.rang_at,
    endedAt: row.ended_at,
  }))
}

function settleOutcome(
  outcome: AttemptOutcome,
  isAnswerer: boolean,
  call: { endedAt: Date | null; status: string },
): AttemptOutcome {
  if (isAnswerer && call.status === 'answered') return 'answered'
  if (outcome === 'ringing' && call.endedAt) return 'no-answer'
  return outcome
}
