import type { Knex } from 'knex'

// `aircall calls list --from` narrows by caller and `--follow` reads the calls changed
// since its last look; both read newest first through an index of their own.
// The trigger keeps updated_at honest whichever code path writes a call, so that a
// follower never misses a change because a writer forgot to touch the column.

export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'create index calls_from_started_index on calls (from_number, started_at desc, id desc)',
  )
  await knex.raw('create index calls_updated_index on calls (updated_at, id)')

  await knex.raw(`
    create function calls_touch_updated_at() returns trigger language plpgsql as $$
    begin
      new.updated_at := clock_timestamp();
      return new;
    end
    $$`)
  await knex.raw(`
    create trigger calls_touch_updated_at before update on calls
    for each row execute function calls_touch_updated_at()`)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger calls_touch_updated_at on calls')
  await knex.raw('drop function calls_touch_updated_at()')
  await knex.raw('drop index calls_updated_index')
  await knex.raw('drop index calls_from_started_index')
}
