import type { Knex } from 'knex'
import type { CallFilters, CallStatus } from '../../db/call-history.ts'
import { findLine } from '../../db/lines.ts'
import { findUser } from '../../db/users.ts'
import { UserError } from '../../errors.ts'
import { normaliseCaller } from '../../routing/sip.ts'
import { parseTimeBound } from '../format/time.ts'

export type FilterOptions = {
  line?: string
  user?: string
  status?: CallStatus
  from?: string
  since?: string
  until?: string
}

/**
 * Turns the filter flags into query filters. Names must exist: a misspelt line would
 * otherwise look like a line that never rang.
 */
export async function resolveFilters(
  knex: Knex,
  options: FilterOptions,
  now: Date = new Date(),
): Promise<CallFilters> {
  const since =
    options.since === undefined
      ? undefined
      : parseTimeBound(options.since, '--since', now)
  const until =
    options.until === undefined
      ? undefined
      : parseTimeBound(options.until, '--until', now)
  if (since && until && since >= until) {
    throw new UserError(
      `--since (${since.toISOString()}) must come before --until (${until.toISOString()})`,
      { hint: 'swap the two values' },
    )
  }

  const line =
    options.line === undefined ? undefined : await findLineOrRemoved(knex, options.line)
  const user =
    options.user === undefined ? undefined : await findUserOrRemoved(knex, options.user)
  return {
    lineId: line?.id,
    removedLineName: line?.removedName,
    userId: user?.id,
    removedUserName: user?.removedName,
    status: options.status,
    from: options.from === undefined ? undefined : normalizeCaller(options.from),
    since,
    until,
  }
}

// A line or user removed since still names its calls (they keep the name); only a name
// that never rang or answered anything is an error.

async function findLineOrRemoved(knex: Knex, name: string) {
  try {
    return { id: (await findLine(knex, name)).id, removedName: undefined }
  } catch (error) {
    const kept = await knex('calls')
      .whereNull('line_id')
      .whereRaw('lower(line_name) = lower(?)', [name.trim()])
      .first('id')
    if (!kept) throw error
    return { id: undefined, removedName: name.trim() }
  }
}

async function findUserOrRemoved(knex: Knex, name: string) {
  try {
    return { id: (await findUser(knex, name)).id, removedName: undefined }
  } catch (error) {
    const kept = await knex('calls')
      .whereNull('answered_by_user_id')
      .whereRaw('lower(answered_by_user_name) = lower(?)', [name.trim()])
      .first('id')
    if (!kept) throw error
    return { id: undefined, removedName: name.trim() }
  }
}

/**
 * The caller as the server stores it (see normaliseCaller): a number typed with spaces,
 * dashes or brackets, with or without its +, finds the calls from that number.
 */
export function normalizeCaller(text: string): string {
  const trimmed = text.trim()
  const compact = /^\+?[\d\s().-]+$/.test(trimmed)
    ? trimmed.replace(/[\s().-]/g, '')
    : trimmed
  return normaliseCaller(compact) ?? compact
}
