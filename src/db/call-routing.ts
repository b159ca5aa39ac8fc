import type { Knex } from 'knex'
import { type CallFact, fillDuration, mergeCallFact } from '../routing/call-state.ts'
import type { AppTarget } from '../routing/types.ts'
import { insertAttempts } from './call-attempts.ts'
import { type CallRow, toCallColumns, toCallRecord } from './call-rows.ts'

/** What the server answered at one step of a call, as the call log keeps it. */
export type RoutingRecord = {
  callUuid: string
  fact: Extract<CallFact, { kind: 'routed' }>
  /** The apps a Dial rings at this step, each an attempt. */
  ring?: { step: number; apps: AppTarget[]; isScreened: boolean }
  at: Date
}

/**
 * Keeps a routing decision on its call: where routing went (so that a call nobody
 * answered can say why) and the apps it rang. The call row was written by the webhook
 * the decision answers; when it is missing there is nothing to attach the decision to.
 */
export async function recordRouting(knex: Knex, record: RoutingRecord): Promise<void> {
  await knex.transaction(async (trx) => {
    const row: CallRow | undefined = await trx('calls')
      .where('call_uuid', record.callUuid)
      .forUpdate()
      .first()
    if (!row) return

    const current = toCallColumns(toCallRecord(row))
    const merged = toCallColumns(
      fillDuration(mergeCallFact(toCallRecord(row), record.fact)),
    )
    if (JSON.stringify(merged) !== JSON.stringify(current)) {
      await trx('calls').where('id', row.id).update(merged)
    }
    if (record.ring) {
      await insertAttempts(trx, { callId: row.id, ...record.ring, at: record.at })
    }
  })
}
