import type { Knex } from 'knex'
import { loadInstallationId } from '../db/installation.ts'
import { type TestCaller, deleteTestCaller } from '../db/test-callers.ts'
import type { PlivoRestClient } from '../plivo/rest-client.ts'
import { PlivoNotFoundError } from '../plivo/rest-errors.ts'
import { callerAlias } from './naming.ts'

/**
 * Deletes the caller's endpoint in Plivo, then the row: a run stopped in between leaves
 * the row, and the next one finishes (an endpoint already gone counts as deleted). A row
 * with no endpoint recorded may still have one in Plivo, from a create that was
 * interrupted: it is found by its alias.
 */
export async function removeTestCaller(
  knex: Knex,
  client: PlivoRestClient,
  caller: TestCaller,
): Promise<void> {
  const alias = callerAlias(await loadInstallationId(knex), caller.id)
  const endpointIds = caller.endpointId
    ? [caller.endpointId]
    : (await client.listEndpoints())
        .filter((endpoint) => endpoint.alias === alias)
        .map((endpoint) => endpoint.endpointId)

  for (const endpointId of endpointIds) {
    await client.deleteEndpoint(endpointId).catch((error) => {
      if (!(error instanceof PlivoNotFoundError)) throw error
    })
  }
  await deleteTestCaller(knex, caller.id)
}
