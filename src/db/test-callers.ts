import type { Knex } from 'knex'
import { isUniqueViolation } from './constraint-errors.ts'

/**
 * The one test caller (`aircall caller`): a SIP endpoint to call the lines from. Its
 * endpoint fields stay null until Plivo has created it; the password is there from the
 * start.
 */
export type TestCaller = {
  id: number
  name: string
  sipPassword: string
  endpointId: string | null
  username: string | null
  sipUri: string | null
}

const selectTestCaller = (knex: Knex) =>
  knex('test_callers').select(
    'id',
    'name',
    'sip_password as sipPassword',
    'plivo_endpoint_id as endpointId',
    'plivo_username as username',
    'sip_uri as sipUri',
  )

export async function findTestCaller(knex: Knex): Promise<TestCaller | undefined> {
  return selectTestCaller(knex).first()
}

/**
 * Stores a new caller with its password, or returns the one already there: a create
 * running at the same time may have stored it first (one row at most, see the migration).
 */
export async function insertTestCaller(
  knex: Knex,
  values: { name: string; sipPassword: string },
): Promise<TestCaller> {
  try {
    await knex('test_callers').insert({
      name: values.name,
      sip_password: values.sipPassword,
    })
  } catch (error) {
    if (!isUniqueViolation(error, 'test_callers_is_only_unique')) throw error
  }
  return (await findTestCaller(knex)) as TestCaller
}

export async function saveTestCallerEndpoint(
  knex: Knex,
  id: number,
  endpoint: { endpointId: string; username: string; sipUri: string | null },
): Promise<void> {
  await knex('test_callers').where({ id }).update({
    plivo_endpoint_id: endpoint.endpointId,
    plivo_username: endpoint.username,
    sip_uri: endpoint.sipUri,
    updated_at: knex.fn.now(),
  })
}

export async function deleteTestCaller(knex: Knex, id: number): Promise<void> {
  await knex('test_callers').where({ id }).delete()
}
