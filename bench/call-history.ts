import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import knexFactory, { type Knex } from 'knex'
import {
  type CallFilters,
  type PageRequest,
  buildPageQuery,
  findCallCursor,
  listCalls,
} from '../src/db/call-history.ts'
import { buildChangesQuery, listChangesSince } from '../src/db/call-changes.ts'
import { openDatabase } from '../src/db/connect.ts'
import { migrateLatest } from '../src/db/migrate.ts'

// How long the first page of `aircall calls list` takes on a year of a busy company's
// calls (1,000,000 over 50 lines and 500 people) on Postgres, with no filter and with
// each filter, and whether Postgres reads it through an index alone. A fresh database
// on the server of TEST_DATABASE_URL (or 127.0.0.1:5432 as postgres) is made for the
// run and dropped afterwards.

export type BenchRow = { name: string; value: number; unit: string; note?: string }

const CALLS = 1_000_000
const LINES = 50
const USERS = 500
const TARGET_MS = 50
const RUNS = 15
const SERVER_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export async function run(): Promise<BenchRow[]> {
  const name = `aircall_bench_${process.pid}`
  const admin = knexFactory({
    client: 'pg',
    connection: SERVER_URL,
    pool: { min: 0, max: 1 },
  })
  await admin.raw(`create database ${name}`)
  const url = new URL(SERVER_URL)
  url.pathname = `/${name}`
  const database = openDatabase({ databaseUrl: url.toString(), dataDir: '' })

  try {
    const { knex } = database
    await migrateLatest(knex)
    const fillMs = await fill(knex)
    const rows: BenchRow[] = [
      {
        name: 'calls history: fill 1,000,000 calls and analyze',
        value: Math.round(fillMs / 100) / 10,
        unit: 's',
      },
    ]
    for (const scenario of await scenarios(knex))
      rows.push(await measurePage(knex, scenario))
    rows.push(await measureFollowPoll(knex))
    return rows
  } finally {
    await database.close()
    await admin.raw(`drop database if exists ${name} with (force)`)
    await admin.destroy()
  }
}

type Scenario = { name: string; filters: CallFilters; before?: number }

async function scenarios(knex: Knex): Promise<Scenario[]> {
  const day = 86_400_000
  const now = Date.now()
  // A caller and a page boundary that exist in the generated data.
  const caller = await knex('calls').where({ id: 4242 }).first('from_number')
  const middle = await knex('calls')
    .orderBy('started_at', 'desc')
    .offset(500_000)
    .first('id')
  return [
    { name: 'no filter', filters: {} },
    { name: '--line', filters: { lineId: 7 } },
    { name: '--user', filters: { userId: 123 } },
    { name: '--status answered', filters: { status: 'answered' } },
    { name: '--status voicemail', filters: { status: 'voicemail' } },
    { name: '--status missed', filters: { status: 'missed' } },
    { name: '--status ringing', filters: { status: 'ringing' } },
    { name: '--from', filters: { from: caller.from_number } },
    { name: '--since 7d', filters: { since: new Date(now - 7 * day) } },
    { name: '--until 180d', filters: { until: new Date(now - 180 * day) } },
    {
      name: '--line --status missed --since 30d',
      filters: { lineId: 7, status: 'missed', since: new Date(now - 30 * day) },
    },
    {
      name: '--before, page 25,001 of 50,000',
      filters: {},
      before: Number(middle.id),
    },
    {
      name: '--line --user, a member of the line',
      filters: { lineId: 7, userId: 71 },
    },
    {
      name: '--line --user, never answered it (worst case)',
      filters: { lineId: 7, userId: 7 },
    },
  ]
}

async function measurePage(knex: Knex, scenario: Scenario): Promise<BenchRow> {
  const before = scenario.before ? await findCallCursor(knex, scenario.before) : undefined
  const page: PageRequest = { limit: 20, before }
  return measure(knex, {
    name: before
      ? `calls list ${scenario.name}`
      : `calls list first page, ${scenario.name}`,
    query: buildPageQuery(knex, scenario.filters, page),
    read: async () => (await listCalls(knex, scenario.filters, page)).calls.length,
  })
}

/** One poll of `calls list --follow` when nothing changed in the last seconds. */
async function measureFollowPoll(knex: Knex): Promise<BenchRow> {
  const afterMicros = (Date.now() - 10_000) * 1000
  return measure(knex, {
    name: 'calls list --follow, one poll',
    query: buildChangesQuery(knex, {}, afterMicros),
    read: async () => (await listChangesSince(knex, {}, afterMicros)).length,
  })
}

async function measure(
  knex: Knex,
  subject: { name: string; query: Knex.QueryBuilder; read: () => Promise<number> },
): Promise<BenchRow> {
  const scans = await describePlan(knex, subject.query)
  const rows = await subject.read()
  const timings: number[] = []
  for (let index = 0; index < RUNS; index += 1) {
    const started = performance.now()
    await subject.read()
    timings.push(performance.now() - started)
  }
  timings.sort((a, b) => a - b)
  const median = timings[Math.floor(RUNS / 2)]

  const verdict = median < TARGET_MS && scans.readsIndexesOnly ? 'ok' : 'MISSES TARGET'
  const spread = `median of ${RUNS}, max ${timings[RUNS - 1].toFixed(1)} ms`
  return {
    name: subject.name,
    value: Math.round(median * 100) / 100,
    unit: 'ms',
    note: `${verdict}: ${rows} rows, ${spread}; ${scans.summary}`,
  }
}

type PlanNode = {
  'Node Type': string
  'Index Name'?: string
  Plans?: PlanNode[]
}

/**
 * How the page reads the calls: through indexes only (a plain index scan in the order
 * of the page, or for two equality filters a bitmap of both indexes), never a table scan.
 */
async function describePlan(knex: Knex, query: Knex.QueryBuilder) {
  const { sql, bindings } = query.toSQL()
  const result = await knex.raw(`explain (format json) ${sql}`, bindings)
  const nodes: PlanNode[] = []
  const walk = (node: PlanNode) => {
    nodes.push(node)
    for (const child of node.Plans ?? []) walk(child)
  }
  walk(result.rows[0]['QUERY PLAN'][0].Plan)

  const readsIndexesOnly = !nodes.some((node) => node['Node Type'] === 'Seq Scan')
  const described = nodes
    .filter((node) => node['Node Type'] !== 'Limit')
    .map((node) => [node['Node Type'], node['Index Name']].filter(Boolean).join(' on '))
  return { readsIndexesOnly, summary: described.join(' > ') }
}

/**
 * A year of calls in one statement: a spread of lines, callers and outcomes, start
 * times at random through the year, so that ids do not follow time.
 */
async function fill(knex: Knex): Promise<number> {
  const started = performance.now()
  await knex.raw(
    `insert into users (name) select 'User ' || n from generate_series(1, ${USERS}) n`,
  )
  await knex.raw(
    `insert into apps (user_id, label)
     select u, label from generate_series(1, ${USERS}) u, unnest(array['mobile', 'desktop']) label`,
  )
  await knex.raw(
    `insert into lines (name, slug)
     select 'Line ' || n, 'line-' || n from generate_series(1, ${LINES}) n`,
  )
  await knex.raw(
    `insert into line_members (line_id, user_id, position)
     select l, ((l * 10 + p) % ${USERS}) + 1, p + 1
     from generate_series(1, ${LINES}) l, generate_series(0, 9) p`,
  )

  // Building the history indexes once afterwards is several times faster than keeping
  // them up to date row by row; they are recreated exactly as the migrations made them.
  const indexes: { indexname: string; indexdef: string }[] = (
    await knex.raw(
      `select indexname, indexdef from pg_indexes
       where tablename = 'calls' and indexdef not like 'CREATE UNIQUE%'`,
    )
  ).rows
  for (const index of indexes) await knex.raw(`drop index ${index.indexname}`)

  // Outcomes: 60% answered, 20% voicemail, 20% missed, one in a thousand still ringing;
  // the one who answers is one of the ten members of the line.
  await knex.raw(`
    insert into calls (
      call_uuid, line_id, line_name, from_number, caller_name, status,
      answered_by_user_id, answered_by_app_id, answered_by_user_name, answered_by_app_label,
      voicemail_url, voicemail_seconds, started_at, answered_at, ended_at,
      duration_seconds, hangup_cause, created_at, updated_at)
    select
      'bench-' || n, line, 'Line ' || line,
      '+1555' || lpad(((n::bigint * 7919) % 200000)::text, 7, '0'), 'Caller ' || (n % 1000),
      status,
      case when status = 'answered' then member end,
      case when status = 'answered' then member * 2 - (n % 2) end,
      case when status = 'answered' then 'User ' || member end,
      case when status = 'answered' then case when n % 2 = 0 then 'desktop' else 'mobile' end end,
      case when status = 'voicemail' then 'https://media.example/rec/' || n || '.mp3' end,
      case when status = 'voicemail' then 5 + n % 60 end,
      started, started + interval '8 seconds',
      case when status <> 'ringing' then started + (30 + n % 600) * interval '1 second' end,
      case when status <> 'ringing' then 30 + n % 600 end,
      case when status <> 'ringing' then 'NORMAL_CLEARING' end,
      started, started
    from (
      select n, line,
        ((line * 10 + slot) % ${USERS}) + 1 as member,
        case when outcome < 0.001 then 'ringing'
             when outcome < 0.6 then 'answered'
             when outcome < 0.8 then 'voicemail'
             else 'missed' end as status,
        started
      from (
        select n,
          1 + floor(random() * ${LINES})::int as line,
          floor(random() * 10)::int as slot,
          random() as outcome,
          now() - random() * interval '365 days' as started
        from generate_series(1, ${CALLS}) n
      ) drawn
    ) generated`)
  await knex.raw("set maintenance_work_mem = '256MB'")
  for (const index of indexes) await knex.raw(index.indexdef)
  await knex.raw('analyze')
  return performance.now() - started
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await run()
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(58)} ${String(row.value).padStart(9)} ${row.unit}  ${row.note ?? ''}`,
    )
  }
}
