import type { Knex } from 'knex'
import { hasTalked } from '../routing/call-facts.ts'
import type { AnsweredBy, CallFact, LegNews } from '../routing/call-state.ts'
import { readSipUsername } from '../routing/sip.ts'

// Who answered a call, from the Dial callback and action events of the app legs. A
// pick-up and the news that confirms it may be stored in either order, so whichever
// comes second looks for the first among the call's events.

export async function readLegAnswer(
  trx: Knex.Transaction,
  callId: number,
  event: { leg?: LegNews; receivedAt: Date },
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
