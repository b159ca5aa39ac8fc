import type { Knex } from 'knex'
import type { ApplicationSettings } from '../plivo/rest-client.ts'
import { type Owner, generateSipPassword, ownerKey } from './naming.ts'
import type { EndpointRow, StoredApplication } from './plan.ts'

// What the provisioner reads from and writes to the database: the rows that own an
// endpoint (lines and apps) and the one Application. Plivo's ids, usernames and SIP URIs
// are written back exactly as Plivo returned them.

const TABLES = { line: 'lines', app: 'apps' } as const

export async function loadEndpointRows(knex: Knex): Promise<EndpointRow[]> {
  const lines = await knex('lines')
    .select('id', 'name', 'plivo_endpoint_id', 'plivo_username', 'sip_uri')
    .select(knex.raw('sip_password is not null as has_password'))
    .orderBy('id')
  const apps = await knex('apps')
    .join('users', 'users.id', 'apps.user_id')
    .select('apps.id', 'apps.label', 'users.name as user_name')
    .select('apps.plivo_endpoint_id', 'apps.plivo_username', 'apps.sip_uri')
    .select(knex.raw('apps.sip_password is not null as has_password'))
    .orderBy('apps.id')

  return [
    ...lines.map((line) => toRow({ kind: 'line', id: line.id }, line.name, line)),
    ...apps.map((app) =>
      toRow({ kind: 'app', id: app.id }, `${app.user_name} ${app.label}`, app),
    ),
  ]
}

export async function loadStoredApplication(
  knex: Knex,
): Promise<StoredApplication | null> {
  const row = await knex('plivo_application').orderBy('id').first()
  if (!row) return null
  return {
    appId: row.app_id,
    appName: row.app_name,
    answerUrl: row.answer_url,
    hangupUrl: row.hangup_url,
    fallbackAnswerUrl: row.fallback_answer_url,
  }
}

export async function saveApplication(
  knex: Knex,
  appId: string,
  settings: ApplicationSettings,
): Promise<void> {
  const values = {
    app_id: appId,
    app_name: settings.appName,
    answer_url: settings.answerUrl,
    hangup_url: settings.hangupUrl,
    fallback_answer_url: settings.fallbackAnswerUrl,
    updated_at: knex.fn.now(),
  }
  const updated = await knex('plivo_application').update(values)
  if (updated === 0) await knex('plivo_application').insert(values)
}

/**
 * The rows' SIP passwords, made and stored first for rows that have none. Stored before
 * the endpoints are created, so that a run that dies after Plivo created one still knows
 * its password when the next run adopts it. One statement per table, not per row.
 */
export async function ensurePasswords(
  knex: Knex,
  owners: Owner[],
): Promise<Map<string, string>> {
  const passwords = new Map<string, string>()
  for (const kind of ['line', 'app'] as const) {
    const ids = owners.filter((owner) => owner.kind === kind).map((owner) => owner.id)
    for (let start = 0; start < ids.length; start += 1000) {
      const chunk = ids.slice(start, start + 1000)
      const values = chunk.map(() => '(?::int, ?)').join(', ')
      await knex.raw(
        `update ${TABLES[kind]} set sip_password = fresh.password, updated_at = now()
         from (values ${values}) as fresh (id, password)
         where ${TABLES[kind]}.id = fresh.id and ${TABLES[kind]}.sip_password is null`,
        chunk.flatMap((id) => [id, generateSipPassword()]),
      )
      const rows = await knex(TABLES[kind])
        .whereIn('id', chunk)
        .select('id', 'sip_password')
      for (const row of rows)
        passwords.set(ownerKey({ kind, id: row.id }), row.sip_password)
    }
  }
  return passwords
}

export async function savePassword(
  knex: Knex,
  owner: Owner,
  password: string,
): Promise<void> {
  await knex(TABLES[owner.kind])
    .where({ id: owner.id })
    .update({ sip_password: password, updated_at: knex.fn.now() })
}

export async function readPassword(knex: Knex, owner: Owner): Promise<string> {
  const row = await knex(TABLES[owner.kind]).where({ id: owner.id }).first('sip_password')
  return row?.sip_password
}

export async function saveEndpoint(
  knex: Knex,
  owner: Owner,
  endpoint: { endpointId: string; username: string; sipUri: string | null },
): Promise<void> {
  await knex(TABLES[owner.kind]).where({ id: owner.id }).update({
    plivo_endpoint_id: endpoint.endpointId,
    plivo_username: endpoint.username,
    sip_uri: endpoint.sipUri,
    updated_at: knex.fn.now(),
  })
}

type Columns = {
  plivo_endpoint_id: string | null
  plivo_username: string | null
  sip_uri: string | null
  has_password: boolean
}

function toRow(owner: Owner, name: string, columns: Columns): EndpointRow {
  return {
    owner,
    name,
    endpointId: columns.plivo_endpoint_id,
    username: columns.plivo_username,
    sipUri: columns.sip_uri,
    hasPassword: columns.has_password,
  }
}
