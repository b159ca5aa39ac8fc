import type { Knex } from 'knex'

// One row while `aircall provision` runs, so that two runs never change Plivo at once.
// A lease rather than pg_try_advisory_lock: the embedded database serves every
// connection from one Postgres session, where advisory locks never conflict.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('provision_lock', (table) => {
    table.integer('id').primary()
    table.text('holder').notNullable()
    table.integer('pid').notNullable()
    table.text('host').notNullable()
    table.timestamp('acquired_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.timestamp('renewed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.check('id = 1', [], 'provision_lock_single_row')
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('provision_lock')
}
