import type { Knex } from 'knex'

// Line policies (issue 8):
// - business hours: a line's time zone, its weekly opening ranges in local wall-clock
//   time and its dated closures; a line without a time zone is always open;
// - per-app screening: an app that may answer by itself (a mobile forwarding to its own
//   voicemail) is asked to press a key before it gets the caller;
// - why a call was missed: what routing decided (whether apps rang, where it ended),
//   the hangup code, and the reason derived from them;
// - each app rung is an attempt with its own outcome.

const MISSED_REASONS = [
  'out-of-hours',
  'nobody-available',
  'no-answer',
  'caller-hung-up-ringing',
  'caller-hung-up-greeting',
  'not-in-service',
  'error',
]
// Where routing left an unanswered call: the voicemail (and why), or no line at all.
const ROUTE_ENDS = [
  'out-of-hours',
  'nobody-available',
  'no-answer',
  'server-error',
  'not-in-service',
]
const OUTCOMES = ['ringing', 'answered', 'no-answer', 'busy', 'declined', 'failed']

const list = (values: string[]) => values.map((value) => `'${value}'`).join(', ')

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('lines', (table) => {
    table.text('time_zone')
    table.text('closed_greeting')
  })

  await knex.schema.createTable('line_hours', (table) => {
    table.increments('id')
    table.integer('line_id').notNullable().references('lines.id').onDelete('CASCADE')
    // ISO weekday: 1 is Monday, 7 is Sunday.
    table.integer('weekday').notNullable()
    table.text('opens').notNullable()
    table.text('closes').notNullable()
    table.check('weekday between 1 and 7', [], 'line_hours_weekday_check')
    table.check(
      "opens ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and closes ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' and opens < closes",
      [],
      'line_hours_range_check',
    )
    table.index(['line_id', 'weekday'], 'line_hours_line_index')
  })

  await knex.schema.createTable('line_closures', (table) => {
    table.integer('line_id').notNullable().references('lines.id').onDelete('CASCADE')
    table.date('closed_on').notNullable()
    table.primary(['line_id', 'closed_on'])
  })

  await knex.schema.alterTable('apps', (table) => {
    table.boolean('may_auto_answer').notNullable().defaultTo(false)
  })

  await knex.schema.alterTable('calls', (table) => {
    table.boolean('has_rung').notNullable().defaultTo(false)
    table.text('route_end')
    table.integer('hangup_code')
    table.text('missed_reason')
    table.integer('missed_after_seconds')
    table.check(`route_end in (${list(ROUTE_ENDS)})`, [], 'calls_route_end_check')
    table.check(
      `missed_reason in (${list(MISSED_REASONS)})`,
      [],
      'calls_missed_reason_check',
    )
  })

  await knex.schema.createTable('call_attempts', (table) => {
    table.bigIncrements('id')
    table.bigInteger('call_id').notNullable().references('calls.id').onDelete('CASCADE')
    table.integer('app_id').references('apps.id').onDelete('SET NULL')
    // Copies, so that the history reads the same after a user or app is removed.
    table.text('user_name')
    table.text('app_label')
    table.integer('step')
    table.boolean('is_screened').notNullable().defaultTo(false)
    table.text('outcome').notNullable().defaultTo('ringing')
    table.text('leg_uuid')
    table.timestamp('rang_at', { useTz: true }).notNullable()
    table.timestamp('ended_at', { useTz: true })
    table.check(`outcome in (${list(OUTCOMES)})`, [], 'call_attempts_outcome_check')
    // An app rings at most once per call: a call's ring stages never repeat an app.
    table.unique(['call_id', 'app_id'], { indexName: 'call_attempts_call_app_unique' })
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('call_attempts')
  await knex.schema.alterTable('calls', (table) => {
    table.dropChecks(['calls_route_end_check', 'calls_missed_reason_check'])
    table.dropColumns(
      'has_rung',
      'route_end',
      'hangup_code',
      'missed_reason',
      'missed_after_seconds',
    )
  })
  await knex.schema.alterTable('apps', (table) => {
    table.dropColumn('may_auto_answer')
  })
  await knex.schema.dropTable('line_closures')
  await knex.schema.dropTable('line_hours')
  await knex.schema.alterTable('lines', (table) => {
    table.dropColumns('time_zone', 'closed_greeting')
  })
}
