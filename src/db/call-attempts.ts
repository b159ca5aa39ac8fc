import type { Knex } from 'knex'
import { type AttemptOutcome, OUTCOME_RANK } from '../routing/attempt-outcome.ts'
import type { AppTarget } from '../routing/types.ts'

// Each app a call rings is an attempt: written when the server answers a Dial, and
// moved on by the Dial callbacks of its leg. Either may come first (plivo-contract §2.9),
// so both upsert the one row a call has per app, and an outcome only ever climbs.

export type RingedApps = {
  callId: number
  step: number
  apps: AppTarget[]
  isScreened: boolean
  at: Date
}

export async function insertAttempts(trx: Knex.Transaction, ring: RingedApps) {
  if (ring.apps.length === 0) return
  await trx('call_attempts')
    .insert(
      ring.apps.map((app) => ({
        call_id: ring.callId,
        app_id: app.id,
        user_name: app.userName ?? null,
        app_label: app.label,
        step: ring.step,
        is_screened: ring.isScreened,
        rang_at: ring.at,
      })),
    )
    .onConflict(['call_id', 'app_id'])
    .merge({
      step: trx.raw('excluded.step'),
      is_screened: trx.raw('excluded.is_screened'),
      rang_at: trx.raw('least(call_attempts.rang_at, excluded.rang_at)'),
    })
}

export type LegNewsForAttempt = {
  callUuid: string
  appUsername: string
  legUuid: string
  outcome: AttemptOutcome | undefined
  /** The leg hung up: the attempt is over, whatever it came to. */
  hasEnded: boolean
  isScreened: boolean
  at: Date
}

/** What a Dial callback tells about one rung app, merged into its attempt. */
export async function recordAttemptNews(knex: Knex, news: LegNewsForAttempt) {
  await knex.transaction(async (trx) => {
    const call = await trx('calls').where('call_uuid', news.callUuid).first('id')
    const app = await trx('apps')
      .join('users', 'users.id', 'apps.user_id')
      .whereRaw('lower(apps.plivo_username) = ?', [news.appUsername])
      .first('apps.id', 'apps.label', 'users.name')
    if (!call || !app) return

    const endedAt = news.hasEnded ? news.at : null
    await trx('call_attempts')
      .insert({
        call_id: call.id,
        app_id: app.id,
        user_name: app.name,
        app_label: app.label,
        is_screened: news.isScreened,
        outcome: news.outcome ?? 'ringing',
        leg_uuid: news.legUuid,
        rang_at: news.at,
        ended_at: endedAt,
      })
      .onConflict(['call_id', 'app_id'])
      .ignore()

    const attempt = await trx('call_attempts')
      .where({ call_id: call.id, app_id: app.id })
      .forUpdate()
      .first('id', 'outcome', 'ended_at', 'leg_uuid')
    const changes: Record<string, unknown> = {}
    const outcome = news.outcome
    if (
      outcome &&
      OUTCOME_RANK[outcome] > OUTCOME_RANK[attempt.outcome as AttemptOutcome]
    ) {
      changes.outcome = outcome
    }
    if (endedAt && !attempt.ended_at) changes.ended_at = endedAt
    if (!attempt.leg_uuid) changes.leg_uuid = news.legUuid
    if (Object.keys(changes).length > 0) {
      await trx('call_attempts').where('id', attempt.id).update(changes)
    }
  })
}
