import { randomUUID } from 'node:crypto'
import type { Knex } from 'knex'

/**
 * The short id of this database's installation: the first 8 hex digits of a random
 * UUID, made on first use. Two runs making it at once agree: the second insert yields.
 */
export async function loadInstallationId(knex: Knex): Promise<string> {
  await knex('installation')
    .insert({ id: 1, installation_id: randomUUID().replaceAll('-', '') })
    .onConflict('id')
    .ignore()
  const row = await knex('installation').where({ id: 1 }).first('installation_id')
  return row.installation_id.slice(0, 8)
}
