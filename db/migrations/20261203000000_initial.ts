import type { Knex } from 'knex'

// The schema of design.md. Names are unique without regard to case, through unique
// indexes on lower(...). Removing a user or an app keeps the call history readable:
// calls keep a copy of who answered and the foreign keys fall back to NULL.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (table) => {
    table.increments('id')
    table.text('name').notNullable()
    table.text('title')
    table.text('availability').notNullable().defaultTo('available')
    table.timestamps(true, true)
    table.check("availability in ('available', 'away')", [], 'users_availability_check')
    table.check("btrim(name) <> ''", [], 'users_name_not_blank')
  })
  await knex.raw('create unique index users_name_unique on users (lower(name))')

  await knex.schema.createTable('lines', (table) => {
    table.increments('id')
    table.text('name').notNullable()
    table.text('slug').notNullable()
    table.text('ring_strategy').notNullable().defaultTo('simultaneous')
    table.integer('ring_timeout').notNullable().defaultTo(20)
    table.text('voicemail_greeting')
    table.boolean('screening').notNullable().defaultTo(false)
    // Next member to ring first for round-robin lines; advanced atomically per call.
    table.integer('round_robin_next').notNullable().defaultTo(0)
    table.text('plivo_endpoint_id').unique()
    table.text('plivo_username')
    table.text('sip_uri')
    table.text('sip_password')
    table.timestamps(true, true)
    table.check(
      "ring_strategy in ('simultaneous', 'sequential', 'round-robin')",
      [],
      'lines_ring_strategy_check',
    )
    table.check('ring_timeout between 5 and 120', [], 'lines_ring_timeout_check')
    table.check("btrim(name) <> ''", [], 'lines_name_not_blank')
    table.check("slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", [], 'lines_slug_format')
  })
  await knex.raw('create unique index lines_name_unique on lines (lower(name))')
  await knex.raw('create unique index lines_slug_unique on lines (lower(slug))')
  await knex.raw('create unique index lines_plivo_username_unique on lines (lower(plivo_username))')

  await knex.schema.createTable('apps', (table) => {
    table.increments('id')
    table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE')
    table.text('label').notNullable()
    table.text('plivo_endpoint_id').unique()
    table.text('plivo_username')
    table.text('sip_uri')
    table.text('sip_password')
    table.timestamps(true, true)
    table.check("btrim(label) <> ''", [], 'apps_label_not_blank')
  })
  await knex.raw('create unique index apps_user_label_unique on apps (user_id, lower(label))')
  await knex.raw('create unique index apps_plivo_username_unique on apps (lower(plivo_username))')

  await knex.schema.createTable('line_members', (table) => {
    table.integer('line_id').notNullable().references('lines.id').onDelete('CASCADE')
    table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE')
    table.integer('position').notNullable()
    table.primary(['line_id', 'user_id'])
    table.index(['user_id'], 'line_members_user_index')
  })

  await knex.schema.createTable('calls', (table) => {
    table.bigIncrements('id')
    table.text('call_uuid').notNullable().unique()
    table.integer('line_id').references('lines.id').onDelete('SET NULL')
    // Copies kept so that history reads the same after a line, user or app is removed.
    table.text('line_name')
    table.text('from_number')
    table.text('caller_name')
    table.text('to_uri')
    table.text('status').notNullable().defaultTo('ringing')
    table.integer('answered_by_user_id').references('users.id').onDelete('SET NULL')
    table.integer('answered_by_app_id').references('apps.id').onDelete('SET NULL')
    table.text('answered_by_user_name')
    table.text('answered_by_app_label')
    table.text('voicemail_url')
    table.integer('voicemail_seconds')
    table.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.timestamp('answered_at', { useTz: true })
    table.timestamp('ended_at', { useTz: true })
    table.integer('duration_seconds')
    table.text('hangup_cause')
    table.timestamps(true, true)
    table.check(
      "status in ('ringing', 'answered', 'voicemail', 'missed')",
      [],
      'calls_status_check',
    )
  })
  // History reads newest first, optionally narrowed by line, answering user or status.
  await knex.raw('create index calls_started_index on calls (started_at desc, id desc)')
  await knex.raw(
    'create index calls_line_started_index on calls (line_id, started_at desc, id desc)',
  )
  await knex.raw(
    'create index calls_answered_by_started_index on calls (answered_by_user_id, started_at desc, id desc)',
  )
  await knex.raw(
    'create index calls_status_started_index on calls (status, started_at desc, id desc)',
  )

  await knex.schema.createTable('call_events', (table) => {
    table.bigIncrements('id')
    table.bigInteger('call_id').notNullable().references('calls.id').onDelete('CASCADE')
    table.text('kind').notNullable()
    table.jsonb('params').notNullable().defaultTo('{}')
    table.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.index(['call_id', 'received_at'], 'call_events_call_index')
  })

  await knex.schema.createTable('plivo_application', (table) => {
    table.increments('id')
    table.text('app_id').unique()
    table.text('app_name').notNullable()
    table.text('answer_url').notNullable()
    table.text('hangup_url').notNullable()
    table.text('fallback_answer_url')
    table.timestamps(true, true)
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('plivo_application')
  await knex.schema.dropTable('call_events')
  await knex.schema.dropTable('calls')
  await knex.schema.dropTable('line_members')
  await knex.schema.dropTable('apps')
  await knex.schema.dropTable('lines')
  await knex.schema.dropTable('users')
}
