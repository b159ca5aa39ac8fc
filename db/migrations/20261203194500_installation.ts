import type { Knex } from 'knex'

// Which installation this database is: a random id, written on first use rather than
// here, so that a copied template or an emptied table still gets an id of its own.
// Everything provisioning makes in Plivo carries a short form of it, so that two
// databases on one Plivo account never take each other's endpoints for their own.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('installation', (table) => {
    table.integer('id').primary()
    table.text('installation_id').notNullable()
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.check('id = 1', [], 'installation_single_row')
    table.check("installation_id ~ '^[0-9a-f]{8}'", [], 'installation_id_hex')
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('installation')
}
