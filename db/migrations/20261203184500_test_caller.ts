import type { Knex } from 'knex'

// The test caller of `aircall caller`: a Plivo SIP endpoint to call the lines from before
// customers do. Kept apart from lines and apps, whose endpoints the provisioner manages.
// `is_only` holds the same value on every row under a unique constraint: one caller at most,
// even when two `caller create` run at once.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('test_callers', (table) => {
    table.increments('id')
    table.text('name').notNullable()
    // Written before the endpoint is created, so that a retried create can adopt it.
    table.text('sip_password').notNullable()
    table.text('plivo_endpoint_id').unique()
    table.text('plivo_username')
    table.text('sip_uri')
    table.boolean('is_only').notNullable().defaultTo(true).unique()
    table.timestamps(true, true)
    table.check('is_only', [], 'test_callers_one_row')
    table.check("btrim(name) <> ''", [], 'test_callers_name_not_blank')
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('test_callers')
}
