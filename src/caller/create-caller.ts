import type { Knex } from 'knex'
import { cleanName } from '../db/clean-text.ts'
import { loadInstallationId } from '../db/installation.ts'
import {
  type TestCaller,
  findTestCaller,
  insertTestCaller,
  saveTestCallerEndpoint,
} from '../db/test-callers.ts'
import type { PlivoEndpoint, PlivoRestClient } from '../plivo/rest-client.ts'
import { PlivoNotFoundError } from '../plivo/rest-errors.ts'
import { generateSipPassword } from '../provision/naming.ts'
import { callerAlias, requestedCallerUsername } from './naming.ts'

const PLIVO_SIP_DOMAIN = 'phone.plivo.com'

/** A caller whose endpoint Plivo has and whose SIP URI is known. */
export type ReadyTestCaller = TestCaller & {
  endpointId: string
  username: string
  sipUri: string
}

/** Whether Plivo's endpoint is recorded, SIP URI included: what a softphone needs. */
export function isReady(caller: TestCaller): caller is ReadyTestCaller {
  return Boolean(caller.endpointId && caller.username && caller.sipUri)
}

export type CreateResult = {
  caller: ReadyTestCaller
  /** True when a complete caller was already there: nothing was created. */
  existed: boolean
}

/**
 * Makes the test caller, finishes one that an interrupted run left half made, or returns
 * the one there is. The order is provision's: the password is stored first, the endpoint
 * is created under the row's alias, then recorded; a run that finds no record of it
 * adopts the endpoint with that alias instead of making a second one.
 */
export async function createTestCaller(
  knex: Knex,
  client: PlivoRestClient,
  name: string,
): Promise<CreateResult> {
  const callerName = cleanName(name, 'a caller name')
  const stored = await findTestCaller(knex)
  const current = stored?.endpointId
    ? await findEndpoint(client, stored.endpointId)
    : undefined
  if (stored && current) {
    if (isReady(stored)) return { caller: stored, existed: true }
    return { caller: await record(knex, client, stored, current), existed: false }
  }

  // Listed before a new row is stored, so that refused credentials leave nothing behind.
  const endpoints = await client.listEndpoints()
  const caller =
    stored ??
    (await insertTestCaller(knex, {
      name: callerName,
      sipPassword: generateSipPassword(),
    }))
  const alias = callerAlias(await loadInstallationId(knex), caller.id)
  const endpoint = await adoptOrCreate(client, caller, alias, endpoints)
  return { caller: await record(knex, client, caller, endpoint), existed: false }
}

/**
 * Writes the endpoint to the row. Plivo's answer to a create has no SIP URI (contract
 * §1.4): the endpoint is read back for it, and the URI built from the username only if
 * even that has none.
 */
async function record(
  knex: Knex,
  client: PlivoRestClient,
  caller: TestCaller,
  endpoint: PlivoEndpoint,
): Promise<ReadyTestCaller> {
  const read = endpoint.sipUri ? endpoint : await client.getEndpoint(endpoint.endpointId)
  const { endpointId, username } = read
  const sipUri = read.sipUri ?? `sip:${username}@${PLIVO_SIP_DOMAIN}`
  await saveTestCallerEndpoint(knex, caller.id, { endpointId, username, sipUri })
  return { ...caller, endpointId, username, sipUri }
}

async function adoptOrCreate(
  client: PlivoRestClient,
  caller: TestCaller,
  alias: string,
  endpoints: PlivoEndpoint[],
): Promise<PlivoEndpoint> {
  const adopted = endpoints.find((endpoint) => endpoint.alias === alias)
  if (adopted) {
    // Made by a create whose answer never came back, with the password stored then;
    // setting it again makes sure the password shown is the one Plivo checks.
    await client.updateEndpoint(adopted.endpointId, { password: caller.sipPassword })
    return adopted
  }

  // No app_id: attached to our Application, its calls would be answered by our server
  // directly, not by the path a customer's call takes. Without one Plivo attaches it to
  // the account's default endpoint application (contract §1.5), "Direct Dial" on a new
  // account, which connects the call to the SIP URI dialled; the line's endpoint then
  // asks our Application, as for any caller.
  const made = await client.createEndpoint({
    username: requestedCallerUsername(caller.id, caller.name),
    password: caller.sipPassword,
    alias,
  })
  return { ...made, sipUri: null }
}

/** The endpoint, or undefined when Plivo no longer has it (deleted in the console). */
async function findEndpoint(
  client: PlivoRestClient,
  endpointId: string,
): Promise<PlivoEndpoint | undefined> {
  try {
    return await client.getEndpoint(endpointId)
  } catch (error) {
    if (error instanceof PlivoNotFoundError) return undefined
    throw error
  }
}
