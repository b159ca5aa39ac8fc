import { setTimeout as wait } from 'node:timers/promises'
import type { Knex } from 'knex'
import {
  applyFilters,
  type Call,
  type CallFilters,
  type CallRow,
  selectCalls,
  toCall,
} from './call-history.ts'

// `calls list --follow` polls by calls.updated_at, which a trigger sets on every write.
// A writer's transaction can commit after a later one has been seen, with an older
// updated_at; each poll therefore looks back a little further than the newest change
// it saw and drops the versions it already reported.

const LOOK_BACK_MICROS = 10_000_000
const BATCH = 500

type ChangedRow = CallRow & { updated_text: string; updated_micros: string }

export type WatchOptions = {
  filters: CallFilters
  /** Resolves when the next poll is due; the default waits `intervalMs`. */
  pause?: (signal: AbortSignal) => Promise<void>
  intervalMs?: number
  signal: AbortSignal
}

/** Yields every call that starts or changes after the watch begins, until aborted. */
export async function* watchCalls(
  knex: Knex,
  options: WatchOptions,
): AsyncGenerator<Call> {
  const pause =
    options.pause ?? ((signal) => wait(options.intervalMs ?? 1000, undefined, { signal }))
  const reported = new Map<number, number>()
  const startedMicros = await readClockMicros(knex)
  let newest = startedMicros

  while (!options.signal.aborted) {
    const changes = await listChangesSince(
      knex,
      options.filters,
      newest - LOOK_BACK_MICROS,
    )
    for (const { call, updatedMicros } of changes) {
      if (updatedMicros <= startedMicros || reported.get(call.id) === updatedMicros)
        continue
      reported.set(call.id, updatedMicros)
      newest = Math.max(newest, updatedMicros)
      yield call
    }
    forgetOlderThan(reported, newest - LOOK_BACK_MICROS)

    try {
      await pause(options.signal)
    } catch (error) {
      if (options.signal.aborted) return
      throw error
    }
  }
}

/** Every call changed after the instant, oldest change first, read in batches. */
export async function listChangesSince(
  knex: Knex,
  filters: CallFilters,
  afterMicros: number,
): Promise<{ call: Call; updatedMicros: number }[]> {
  const changes: { call: Call; updatedMicros: number }[] = []
  let after: ChangeCursor | undefined

  for (;;) {
    const rows: ChangedRow[] = await buildChangesQuery(knex, filters, afterMicros, after)
    for (const row of rows) {
      changes.push({ call: toCall(row), updatedMicros: Number(row.updated_micros) })
    }
    if (rows.length < BATCH) return changes
    const last = rows[rows.length - 1]
    after = { updatedAt: last.updated_text, id: Number(last.id) }
  }
}

type ChangeCursor = { updatedAt: string; id: number }

export function buildChangesQuery(
  knex: Knex,
  filters: CallFilters,
  afterMicros: number,
  after?: ChangeCursor,
): Knex.QueryBuilder {
  const query = selectCalls(knex)
    .select(
      knex.raw('calls.updated_at::text as updated_text'),
      knex.raw(
        '(extract(epoch from calls.updated_at) * 1000000)::bigint as updated_micros',
      ),
    )
    .where(
      'calls.updated_at',
      '>',
      knex.raw('to_timestamp(? / 1000000.0)', [afterMicros]),
    )
    .orderBy([{ column: 'calls.updated_at' }, { column: 'calls.id' }])
    .limit(BATCH)
  applyFilters(query, filters)
  if (after) {
    query.whereRaw('(calls.updated_at, calls.id) > (?::timestamptz, ?)', [
      after.updatedAt,
      after.id,
    ])
  }
  return query
}

async function readClockMicros(knex: Knex): Promise<number> {
  const result = await knex.raw(
    'select (extract(epoch from clock_timestamp()) * 1000000)::bigint as micros',
  )
  return Number(result.rows[0].micros)
}

function forgetOlderThan(reported: Map<number, number>, micros: number): void {
  for (const [id, updatedMicros] of reported) {
    if (updatedMicros < micros) reported.delete(id)
  }
}
