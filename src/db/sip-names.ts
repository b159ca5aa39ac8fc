import type { Knex } from 'knex'
import { listApps } from './apps.ts'
import { listLines } from './lines.ts'

/**
 * `Jane/mobile` and `line Sales` for the SIP URIs that provisioning handed out, so that
 * the steps name people and lines rather than Plivo's generated usernames.
 */
export async function nameSipUris(knex: Knex): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  for (const app of await listApps(knex)) {
    if (app.sipUri) names.set(app.sipUri.toLowerCase(), `${app.userName}/${app.label}`)
  }
  for (const line of await listLines(knex)) {
    if (line.sipUri) names.set(line.sipUri.toLowerCase(), `line ${line.name}`)
  }
  return names
}
