import type { Knex } from 'knex'

// What the call routing server needs beyond the initial schema:
// - calls.ring_offset: the round-robin turn a call took when it arrived, so that a
//   repeated answer webhook or a later ring step rotates the members the same way;
// - call_events.dedupe_key: Plivo may deliver a webhook twice, so each event carries a
//   key (the callback kind's own identity) that is unique per call and kind.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('calls', (table) => {
    table.integer('ring_offset')
  })
  await knex.schema.alterTable('call_events', (table) => {
    table.text('dedupe_key')
    table.unique(['call_id', 'kind', 'dedupe_key'], {
      indexName: 'call_events_dedupe_unique',
    })
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('call_events', (table) => {
    table.dropUnique(['call_id', 'kind', 'dedupe_key'], 'call_events_dedupe_unique')
    table.dropColumn('dedupe_key')
  })
  await knex.schema.alterTable('calls', (table) => {
    table.dropColumn('ring_offset')
  })
}
