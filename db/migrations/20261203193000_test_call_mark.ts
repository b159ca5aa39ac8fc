import type { Knex } from 'knex'

// Whether a call came from the test caller of `aircall caller`, written once when the call
// is logged. Worked out when the history was read, against the caller of the moment, the
// mark vanished from past calls once the caller was removed.
//
// Calls logged before this migration are marked against the caller there is now, with the
// user part of From compared as the server compares it (routing/sip.ts readSipUsername).
// The pattern spells `?` as `{0,1}`: knex takes every `?` of raw SQL for a binding.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('calls', (table) => {
    table.boolean('test_call').notNullable().defaultTo(false)
  })
  await knex.raw(
    `update calls set test_call = true
     from test_callers
     where test_callers.plivo_username is not null
       and lower(test_callers.plivo_username) = regexp_replace(
         lower(btrim(calls.from_number)), '^(sips{0,1}:){0,1}[+]{0,1}([^@;]*).*$', '\\2')`,
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('calls', (table) => {
    table.dropColumn('test_call')
  })
}
