import type { Knex } from 'knex'
import type { Call } from '../db/call-history.ts'
import { findTestCaller } from '../db/test-callers.ts'
import { readSipUsername } from '../routing/sip.ts'

/** Sets `isTestCall` on a call of the history. */
export type TestCallMarker = (call: Call) => Call

/**
 * Marks the calls placed from the test caller, for `aircall calls`. The server stores a
 * SIP caller's From as Plivo sent it (routing/sip.ts `normaliseCaller`): the full URI,
 * in whatever case and with whatever domain. Comparing the user parts, as the server
 * finds a line from To, holds for every form. Calls from a caller since removed are no
 * longer marked.
 */
export async function loadTestCallMarker(knex: Knex): Promise<TestCallMarker> {
  const caller = await findTestCaller(knex)
  const username = readSipUsername(caller?.username ?? undefined)

  return (call) => ({
    ...call,
    isTestCall:
      username !== undefined && readSipUsername(call.from ?? undefined) === username,
  })
}
