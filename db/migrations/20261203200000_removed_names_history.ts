import type { Knex } from 'knex'

// Calls of a line or user that was removed keep only the name copy; these partial
// indexes let `calls list --line/--user` find them by that name, newest first.

export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `create index calls_removed_line_started_index
     on calls (lower(line_name), started_at desc, id desc) where line_id is null`,
  )
  await knex.raw(
    `create index calls_removed_user_started_index
     on calls (lower(answered_by_user_name), started_at desc, id desc)
     where answered_by_user_id is null`,
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index calls_removed_user_started_index')
  await knex.raw('drop index calls_removed_line_started_index')
}
